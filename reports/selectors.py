"""Reads of the reports app that are not figures of the annual report: the secretary's home."""

from django.utils import timezone

from atip.homes import home_page
from atip.roles import Role
from prevention.selectors import activity_list
from reports.figures import generation, year_figures, year_quality

PREVENTION_FIGURES = ("trainings", "people_trained", "indirect_activities")


@home_page(Role.SECRETARY, "home/secretary.html")
def secretary_home(*, user) -> dict:
    """This year's prevention in figures, the data-quality counts of the year, and the links to
    this year's statistics and exports."""
    year = timezone.localdate().year
    token = generation()
    prevention = year_figures(year, token=token)["prevention"]
    return {
        "year": year,
        "prevention": {key: prevention[key] for key in PREVENTION_FIGURES},
        "campaign_count": len(prevention["campaigns"]),
        "recent": activity_list(user=user)[:10],
        "quality": year_quality(year, token=token),
    }
