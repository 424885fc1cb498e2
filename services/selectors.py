"""Reads on assistance and repatriation. Callers have already scoped the victim to the user."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from atip.roles import Ability, can
from services.models import Repatriation, ServiceEpisode


def service_panel(*, victim) -> dict:
    """What the victim page shows of assistance: current episodes, past ones, and 'in care'."""
    today = timezone.localdate()
    episodes = list(victim.services.all())
    current = [e for e in episodes if e.start_date <= today and (e.end_date is None or e.end_date >= today)]
    return {
        "services_current": current,
        "services_past": [e for e in episodes if e not in current],
        "in_care": bool(current),
    }


def repatriations_for_victim(*, user, victim):
    """Social workers see everything; police only the destination and the date (roles.md)."""
    repatriations = Repatriation.objects.filter(victim=victim)
    if can(user, Ability.MANAGE_REPATRIATION):
        return repatriations
    return repatriations.values("destination_country", "return_date")


def episode_for_user_or_404(*, user, pk) -> ServiceEpisode:
    if not can(user, Ability.MANAGE_ASSISTANCE):
        raise Http404
    return get_object_or_404(ServiceEpisode.objects.select_related("victim"), pk=pk)


def repatriation_for_user_or_404(*, user, pk) -> Repatriation:
    if not can(user, Ability.MANAGE_REPATRIATION):
        raise Http404
    return get_object_or_404(Repatriation.objects.select_related("victim"), pk=pk)


def episodes_overlapping(*, start, end):
    """Episodes that overlap [start, end] (annual-statistics.md's definition of 'overlaps')."""
    return ServiceEpisode.objects.filter(start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )
