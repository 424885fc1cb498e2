"""Writes on assistance (service episodes) and repatriation.

Accommodation stays cannot contradict each other: a person has one accommodation at
a time, and none after they have returned home. A stay that would overlap another is refused,
except that the one open stay may be closed on the day the new one starts, and open stays on the
day of a completed return, each once the user confirms it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from atip.services import model_save
from services.models import ACCOMMODATION_TYPES, Repatriation, RepatriationStatus, ServiceEpisode
from victims.models import Victim

EPISODE_FIELDS = ("service_type", "provider", "start_date", "end_date", "notes")
REPATRIATION_FIELDS = ("destination_country", "status", "return_date", "assisted_by", "notes")


def _lock_stays_of(victim_id) -> None:
    """Serialise the writes that check a person's stays: two saves at once would each miss the
    other's stay."""
    Victim.objects.select_for_update().filter(pk=victim_id).values_list("pk").first()


def overlapping_stays(
    *, victim_id, start: datetime.date, end: datetime.date | None, exclude=None
) -> QuerySet[ServiceEpisode]:
    """The person's accommodation stays that share a night with start..end (open: no end).
    A handover day is no overlap: a stay may end on the day the next one starts."""
    stays = ServiceEpisode.objects.filter(victim_id=victim_id, service_type__in=ACCOMMODATION_TYPES)
    if exclude is not None:
        stays = stays.exclude(pk=exclude)
    overlapping = Q(end_date__isnull=True) | Q(end_date__gt=start)
    if end is not None:
        overlapping &= Q(start_date__lt=end)
    return stays.filter(overlapping).order_by("start_date", "id")


@transaction.atomic
def episode_save(
    *,
    episode: ServiceEpisode,
    by,
    data: dict,
    expected_version: int | None = None,
    close_open_stay: bool = False,
) -> ServiceEpisode:
    """Create (no pk) or change a service episode; a change is refused if someone saved first.

    An accommodation stay that overlaps another is refused, unless it is new and the other is
    the person's open stay, begun before: with `close_open_stay` that one is closed on the new
    start date (without, the refusal names it and offers to)."""
    kind = data.get("service_type", episode.service_type)
    start = data.get("start_date", episode.start_date)
    end = data.get("end_date", episode.end_date)
    if kind in ACCOMMODATION_TYPES and start is not None and (end is None or end >= start):
        _lock_stays_of(episode.victim_id)
        others = list(
            overlapping_stays(victim_id=episode.victim_id, start=start, end=end, exclude=episode.pk)
        )
        if others:
            closable = (
                episode.pk is None
                and len(others) == 1
                and others[0].end_date is None
                and others[0].start_date <= start
            )
            if not closable:
                raise ValidationError(
                    {
                        "start_date": _(
                            "These dates overlap the %(stay)s: a person has one accommodation at a "
                            "time. Correct the dates of one of them."
                        )
                        % {"stay": others[0].described}
                    }
                )
            if not close_open_stay:
                raise ValidationError(
                    {
                        "close_open_stay": _(
                            "The %(stay)s. Tick this box to close it on %(start)s, the day this stay starts."
                        )
                        % {"stay": others[0].described, "start": f"{start:%Y-%m-%d}"}
                    },
                    code="open_stay",
                )
            episode_close(episode=others[0], by=by, end_date=start, expected_version=others[0].version)
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
        raise ValidationError({"end_date": _("This service has already ended.")})
    return model_save(
        episode,
        fields=("end_date",),
        data={"end_date": end_date},
        by=by,
        expected_version=expected_version,
        audit_obj=episode.victim,
        detail=lambda e: f"service {e.pk}: closed",
    )


@transaction.atomic
def repatriation_save(
    *,
    repatriation: Repatriation,
    by,
    data: dict,
    expected_version: int | None = None,
    close_open_stays: bool = False,
) -> Repatriation:
    """Create (no pk) or change a repatriation; a change is refused if someone saved first.

    A completed return ends the person's accommodation: stays still open from before the return
    date are closed on it when `close_open_stays` confirms it (refused otherwise); a stay
    recorded as going on past the return date is refused."""
    status = data.get("status", repatriation.status)
    returned = data.get("return_date", repatriation.return_date)
    to_close = []
    if status == RepatriationStatus.COMPLETED and returned is not None:
        _lock_stays_of(repatriation.victim_id)
        for stay in overlapping_stays(victim_id=repatriation.victim_id, start=returned, end=returned):
            if stay.end_date is not None:
                raise ValidationError(
                    {
                        "return_date": _("The %(stay)s goes on after this return: correct one of them.")
                        % {"stay": stay.described}
                    }
                )
            to_close.append(stay)
        if to_close and not close_open_stays:
            described = "; ".join(stay.described for stay in to_close)
            tick = ngettext(
                "%(stays)s. Tick this box to close it on the return date, %(returned)s.",
                "%(stays)s. Tick this box to close them on the return date, %(returned)s.",
                len(to_close),
            ) % {"stays": f"{described[0].upper()}{described[1:]}", "returned": f"{returned:%Y-%m-%d}"}
            raise ValidationError({"close_open_stays": tick}, code="open_stay")
    saved = model_save(
        repatriation,
        fields=REPATRIATION_FIELDS,
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=repatriation.victim,
        detail=lambda r: f"repatriation {r.pk}: {r.status}",
    )
    for stay in to_close:
        episode_close(episode=stay, by=by, end_date=returned, expected_version=stay.version)
    return saved
