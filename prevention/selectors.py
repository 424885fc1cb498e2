"""Reads on prevention activities, scoped to the user (roles.md: secretary W; case roles R)."""

from django.db.models import QuerySet
from django.http import Http404

from atip.roles import Ability, can
from prevention.models import Activity


def activities_for_user(*, user) -> QuerySet[Activity]:
    return Activity.objects.all() if can(user, Ability.VIEW_PREVENTION) else Activity.objects.none()


def activity_for_user_or_404(*, user, pk) -> Activity:
    try:
        return activities_for_user(user=user).get(pk=pk)
    except (Activity.DoesNotExist, ValueError):
        raise Http404 from None


def activity_list(*, user) -> QuerySet[Activity]:
    """The list: one query for the page (no relation is shown)."""
    return activities_for_user(user=user).order_by("-date", "-reference")
