"""Reads on assistance and repatriation, scoped to the user (roles.md), and the panels they
add to a victim's page."""

import datetime

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from atip.access import object_for_user
from atip.panels import panel
from atip.periods import overlaps_q
from atip.roles import Ability, can
from services.models import ACCOMMODATION_TYPES, Repatriation, ServiceEpisode
from victims.access import VictimAccess
from victims.models import Victim
from victims.selectors import victims_for_user


def episodes_for_user(*, user) -> QuerySet[ServiceEpisode]:
    """Service episodes: social workers only (roles.md, "Assistance services")."""
    if not can(user, Ability.MANAGE_ASSISTANCE):
        return ServiceEpisode.objects.none()
    return ServiceEpisode.objects.filter(victim__in=victims_for_user(user=user)).select_related("victim")


def episode_for_user_or_404(*, user, pk, to: Ability | None = None) -> ServiceEpisode:
    return object_for_user(episodes_for_user(user=user), pk, user=user, to=to)


def repatriations_for_user(*, user) -> QuerySet[Repatriation]:
    """Repatriations of the victims `user` sees, for those who may read repatriations at all."""
    if not can(user, Ability.VIEW_REPATRIATION):
        return Repatriation.objects.none()
    return Repatriation.objects.filter(victim__in=victims_for_user(user=user)).select_related("victim")


def repatriation_for_user_or_404(*, user, pk, to: Ability | None = None) -> Repatriation:
    return object_for_user(repatriations_for_user(user=user), pk, user=user, to=to)


def victim_episodes(*, victim) -> QuerySet[ServiceEpisode]:
    """A victim's episodes, each marked `current` when it covers today (in care)."""
    today = timezone.localdate()
    current = ExpressionWrapper(overlaps_q(today, today), output_field=BooleanField())
    return victim.services.annotate(current=current)


def open_stay_q(day: datetime.date) -> Exists:
    """The victim has an accommodation stay open on `day`: begun by then and not ended by then (a
    stay ends on the day the person moves out, as services.services.overlapping_stays counts).
    End dates are never in the future, so today this is a stay without an end date."""
    stays = Q(services__service_type__in=ACCOMMODATION_TYPES, services__start_date__lte=day) & (
        Q(services__end_date__isnull=True) | Q(services__end_date__gt=day)
    )
    return Exists(Victim.objects.filter(stays, pk=OuterRef("pk")))


def current_stay(*, victim) -> ServiceEpisode | None:
    """The accommodation stay the person is in today (the latest begun, if several are open): the
    "shelter / current location" a victim's page and summary show before the location typed on
    the record, which nobody updates when she moves."""
    today = timezone.localdate()
    return (
        victim.services.filter(service_type__in=ACCOMMODATION_TYPES, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=today))
        .order_by("-start_date", "-id")
        .first()
    )


def open_stays(*, victim) -> list[ServiceEpisode]:
    """The person's accommodation stays with no end date (normally one at most), for the forms
    that offer to close them."""
    return list(
        victim.services.filter(service_type__in=ACCOMMODATION_TYPES, end_date__isnull=True).order_by(
            "start_date", "id"
        )
    )


@panel("victim", "services/_victim_assistance.html", order=20)
def assistance_panel(*, user, victim: VictimAccess) -> dict | None:
    """Current and earlier services, and "in care" in the page's header: social workers only."""
    if not victim.assistance:
        return None
    episodes = list(victim_episodes(victim=victim.victim))
    current = [e for e in episodes if e.current]
    return {
        "current": current,
        "past": [e for e in episodes if not e.current],
        "badge": (_("In care"), "text-bg-info") if current else (_("Not in care"), "text-bg-light"),
    }


@panel("victim", "services/_victim_repatriations.html", order=30)
def repatriation_panel(*, user, victim: VictimAccess) -> dict | None:
    """Social workers see everything; police only the destination and the date (roles.md)."""
    if not can(user, Ability.VIEW_REPATRIATION):
        return None
    repatriations = Repatriation.objects.filter(victim=victim.victim)
    manage = can(user, Ability.MANAGE_REPATRIATION)
    if not manage:
        repatriations = [
            {
                "destination_name": countries.name(row["destination_country"]),
                "return_date": row["return_date"],
            }
            for row in repatriations.values("destination_country", "return_date")
        ]
    return {"repatriations": repatriations, "manage": manage}
