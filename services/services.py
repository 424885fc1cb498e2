"""Writes on assistance (service episodes) and repatriation."""

import datetime

from django.core.exceptions import ValidationError

from atip.services import model_save
from services.models import Repatriation, ServiceEpisode

EPISODE_FIELDS = ("service_type", "provider", "start_date", "end_date", "notes")
REPATRIATION_FIELDS = ("destination_country", "status", "return_date", "assisted_by", "notes")


def episode_save(
    *, episode: ServiceEpisode, by, data: dict, expected_version: int | None = None
) -> ServiceEpisode:
    """Create (no pk) or change a service episode; a change is refused if someone saved first."""
    return model_save(
        episode,
        fields=EPISODE_FIELDS,
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=episode.victim,
        detail=lambda e: f"service {e.pk}: {e.service_type}",
    )


def episode_close(
    *, episode: ServiceEpisode, by, end_date: datetime.date, expected_version: int | None
) -> ServiceEpisode:
    """End an ongoing episode on `end_date`."""
    if episode.end_date is not None:
        raise ValidationError({"end_date": "This service has already ended."})
    return episode_save(
        episode=episode, by=by, data={"end_date": end_date}, expected_version=expected_version
    )


def repatriation_save(
    *, repatriation: Repatriation, by, data: dict, expected_version: int | None = None
) -> Repatriation:
    """Create (no pk) or change a repatriation; a change is refused if someone saved first."""
    return model_save(
        repatriation,
        fields=REPATRIATION_FIELDS,
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=repatriation.victim,
        detail=lambda r: f"repatriation {r.pk}: {r.status}",
    )
