"""Writes on prevention activities (the Council secretary's records)."""

from django.db import transaction
from django.utils import timezone

from atip.references import next_reference
from atip.services import model_save
from prevention.models import Activity

ACTIVITY_FIELDS = ("date", "kind", "direct", "title", "audience", "participants", "organiser", "notes")
REFERENCE_PREFIX, REFERENCE_WIDTH = "P", 3  # P-2026-001


@transaction.atomic
def activity_create(*, by, data: dict) -> Activity:
    """Record an activity with the next reference of its year (P-2026-001)."""
    year = (data.get("date") or timezone.localdate()).year
    activity = Activity(
        reference=next_reference(model=Activity, prefix=REFERENCE_PREFIX, year=year, width=REFERENCE_WIDTH)
    )
    return model_save(activity, fields=ACTIVITY_FIELDS, data=data, by=by)


def activity_update(*, activity: Activity, by, data: dict, expected_version: int | None) -> Activity:
    """Change an activity; refused (nothing saved) if someone saved it since it was read."""
    return model_save(activity, fields=ACTIVITY_FIELDS, data=data, by=by, expected_version=expected_version)
