"""Reads on prevention activities, scoped to the user (roles.md: secretary W; case roles R)."""

from django.db.models import QuerySet

from atip.access import object_for_user
from atip.roles import Ability, can
from prevention.models import Activity


def activities_for_user(*, user) -> QuerySet[Activity]:
    return Activity.objects.all() if can(user, Ability.VIEW_PREVENTION) else Activity.objects.none()


def activity_for_user_or_404(*, user, pk, to: Ability | None = None) -> Activity:
    return object_for_user(activities_for_user(user=user), pk, user=user, to=to)


def activity_list(*, user) -> QuerySet[Activity]:
    """The list: one query for the page (no relation is shown)."""
    return activities_for_user(user=user).order_by("-date", "-reference")
