"""Writes on assistance (service episodes) and repatriation."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from atip.audit import Action, audit
from atip.versioning import save_versioned
from services.models import Repatriation, ServiceEpisode


@transaction.atomic
def episode_save(
    *, episode: ServiceEpisode, by, fields: dict, expected_version: int | None = None, request=None
) -> ServiceEpisode:
    """Create (no pk) or change a service episode; a change is refused if someone saved first."""
    created = episode.pk is None
    for name, value in fields.items():
        setattr(episode, name, value)
    if created:
        episode.created_by = by
    save_versioned(episode, expected_version=expected_version)
    audit(
        action=Action.CREATE if created else Action.CHANGE,
        request=request,
        user=by,
        obj=episode.victim,
        detail=f"service {episode.pk}: {episode.service_type}",
    )
    return episode


def episode_close(
    *, episode: ServiceEpisode, by, end_date: datetime.date, expected_version: int | None, request=None
) -> ServiceEpisode:
    """End an ongoing episode on `end_date`."""
    if episode.end_date is not None:
        raise ValidationError({"end_date": "This service has already ended."})
    return episode_save(
        episode=episode,
        by=by,
        fields={"end_date": end_date},
        expected_version=expected_version,
        request=request,
    )


@transaction.atomic
def repatriation_save(
    *, repatriation: Repatriation, by, fields: dict, expected_version: int | None = None, request=None
) -> Repatriation:
    created = repatriation.pk is None
    for name, value in fields.items():
        setattr(repatriation, name, value)
    if created:
        repatriation.created_by = by
    save_versioned(repatriation, expected_version=expected_version)
    audit(
        action=Action.CREATE if created else Action.CHANGE,
        request=request,
        user=by,
        obj=repatriation.victim,
        detail=f"repatriation {repatriation.pk}: {repatriation.status}",
    )
    return repatriation
