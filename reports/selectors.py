"""Reads of the reports app that are not figures of the annual report: the secretary's home."""

from django.utils import timezone

from atip.homes import home_page
from atip.roles import Role
from prevention.selectors import activity_list
from reports.quality import data_quality
from reports.statistics import campaigns_in, trainings


@home_page(Role.SECRETARY, "home/secretary.html")
def secretary_home(*, user) -> dict:
    """This year's prevention in figures, the data-quality counts of the year, and the links to
    this year's statistics and exports."""
    year = timezone.localdate().year
    return {
        "year": year,
        "prevention": trainings(year),
        "campaign_count": campaigns_in(year).count(),
        "recent": activity_list(user=user)[:10],
        "quality": data_quality(year),
    }
