"""Reads on prevention activities, scoped to the user (roles.md: secretary W; case roles R)."""

from django.db.models import QuerySet
from django.utils import timezone

from atip.access import object_for_user
from atip.homes import home_page
from atip.roles import Ability, Role, can
from prevention.models import Activity


def activities_for_user(*, user) -> QuerySet[Activity]:
    return Activity.objects.all() if can(user, Ability.VIEW_PREVENTION) else Activity.objects.none()


def activity_for_user_or_404(*, user, pk, to: Ability | None = None) -> Activity:
    return object_for_user(activities_for_user(user=user), pk, user=user, to=to)


def activity_list(*, user) -> QuerySet[Activity]:
    """The list: one query for the page (no relation is shown)."""
    return activities_for_user(user=user).order_by("-date", "-reference")


@home_page(Role.SECRETARY, "home/secretary.html")
def secretary_home(*, user) -> dict:
    """This year's prevention in figures, the data-quality counts of the year, and the links to
    this year's statistics and exports."""
    from reports.statistics import activities_in, data_quality, trainings

    year = timezone.localdate().year
    return {
        "year": year,
        "prevention": trainings(year),
        "campaign_count": activities_in(year).filter(kind="campaign").count(),
        "recent": activity_list(user=user)[:10],
        "quality": data_quality(year),
    }
