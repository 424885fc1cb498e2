"""Reads of the reports app that are not figures of the annual report: the secretary's home."""

from django.utils import timezone

from atip.homes import home_page
from atip.roles import Role
from prevention.selectors import activity_list
from reports.figures import shown_quality
from reports.statistics import campaigns_in, trainings


@home_page(Role.SECRETARY, "home/secretary.html")
def secretary_home(*, user) -> dict:
    """This year's prevention in figures, the data-quality counts of the year, and the links to
    this year's statistics and exports.

    The prevention figures are counted here (a few milliseconds over the year's activities), with
    the same functions as the annual report, rather than read off the whole year's report: after
    a change to the records that report takes a second to compute, and the home page would wait
    for it (docs/performance.md, "How the figures are kept fast")."""
    year = timezone.localdate().year
    quality = shown_quality(year)
    return {
        "year": year,
        "prevention": trainings(year),
        "campaign_count": campaigns_in(year).count(),
        "recent": activity_list(user=user)[:10],
        "quality": quality.value,
        "quality_as_of": quality.as_of,
        "quality_next_due": quality.next_due,
    }
