"""Writes on prevention activities (the Council secretary's records)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from atip.audit import Action, audit
from atip.references import next_reference
from atip.versioning import save_versioned
from prevention.models import Activity

REFERENCE_PREFIX = "P"


def _check(activity: Activity) -> None:
    if activity.date and activity.date > timezone.localdate():
        raise ValidationError(
            {"date": "This date is in the future: record an activity once it has taken place."}
        )


@transaction.atomic
def activity_create(*, by, fields: dict, request=None) -> Activity:
    """Record an activity; a blank reference is given the next one of its year (P-2026-001)."""
    activity = Activity(**fields, created_by=by)
    _check(activity)
    if not activity.reference and activity.date:
        activity.reference = next_reference(
            model=Activity, prefix=REFERENCE_PREFIX, year=activity.date.year, width=3
        )
    save_versioned(activity, expected_version=None)
    audit(action=Action.CREATE, request=request, user=by, obj=activity)
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, by, fields: dict, expected_version: int | None, request=None
) -> Activity:
    """Change an activity; refused (nothing saved) if someone saved it since it was read."""
    for name, value in fields.items():
        setattr(activity, name, value)
    _check(activity)
    save_versioned(activity, expected_version=expected_version)
    audit(action=Action.CHANGE, request=request, user=by, obj=activity)
    return activity
