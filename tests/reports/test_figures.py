"""Computed figures are kept until a write changes the records they come from (reports.figures)."""

import datetime
import re

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext

from reports.figures import compute_figures, year_figures, year_quality
from reports.models import YearGeneration
from reports.quality import data_quality
from services.models import ServiceEpisode
from tests.factories import (
    ActivityFactory,
    ChargeFactory,
    ProsecutionFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    VictimFactory,
)
from victims.models import Victim

pytestmark = pytest.mark.django_db
COUNTED_TABLES = {
    "victims_victim",
    "victims_victim_exploitation_forms",
    "services_serviceepisode",
    "services_repatriation",
    "cases_case",
    "prosecutions_prosecution",
    "prosecutions_charge",
    "prevention_activity",
}


def latest_token():
    return YearGeneration.objects.aggregate(token=Max("token"))["token"]


def identified(**kwargs):
    return VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1), **kwargs)


def test_the_figures_are_kept_until_a_write(django_assert_num_queries):
    identified()
    first = year_figures(2020)
    # Expect 1: the year's token; the figures come from the cache.
    with django_assert_num_queries(1):
        assert year_figures(2020) == first
    identified()
    assert year_figures(2020)["identification"]["identified_total"] == 2


@pytest.mark.parametrize(
    "write",
    [
        lambda v: Victim.objects.filter(pk=v.pk).update(identification_date=datetime.date(2021, 1, 1)),
        lambda v: v.exploitation_forms.add("sexual"),
        lambda v: ServiceEpisodeFactory(victim=v, start_date=datetime.date(2020, 5, 1)),
        lambda v: ServiceEpisode.objects.filter(victim=v).delete(),
        lambda v: RepatriationFactory(victim=v, destination_country="SV"),
        lambda v: ChargeFactory(),
        lambda v: ProsecutionFactory(),
        lambda v: ActivityFactory(date=datetime.date(2020, 3, 1)),
    ],
    ids=[
        "victim update",
        "forms",
        "service",
        "service delete",
        "repatriation",
        "charge",
        "prosecution",
        "activity",
    ],
)
def test_every_write_to_a_counted_table_gives_a_new_generation(write):
    victim = identified()
    ServiceEpisodeFactory(victim=victim, start_date=datetime.date(2020, 4, 2))
    before = latest_token()
    write(victim)
    assert latest_token() not in (None, before)


def test_a_write_that_changes_a_figure_is_seen_at_once():
    victim = identified()
    assert year_figures(2020)["identification"]["identified_total"] == 1
    assert year_quality(2020)["victims"] == 1
    Victim.objects.filter(pk=victim.pk).update(identification_date=datetime.date(2021, 1, 1))
    assert year_figures(2020)["identification"]["identified_total"] == 0
    assert year_quality(2020) == data_quality(2020)


def test_the_triggers_cover_every_table_the_figures_read():
    identified()
    with CaptureQueriesContext(connection) as queries:
        compute_figures(2020)
        data_quality(2020)
    read = {t for q in queries for t in re.findall(r'(?:FROM|JOIN) "(\w+)"', q["sql"])}
    assert read == COUNTED_TABLES
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'reports_generation%'"
            )
            triggered = {row[0] for row in cursor.fetchall()}
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'reports_generation'"
            )
            triggered = {row[0] for row in cursor.fetchall()}
    assert triggered == COUNTED_TABLES
    assert years_triggered() == COUNTED_TABLES


def years_triggered() -> set[str]:
    """The tables with the triggers of YearGeneration, on every event."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name, COUNT(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'reports_years_%' GROUP BY tbl_name"
            )
            return {table for table, n in cursor.fetchall() if n == 3}
        cursor.execute(
            "SELECT tgrelid::regclass::text, COUNT(*) FROM pg_trigger WHERE tgname LIKE 'reports_years_%' "
            "GROUP BY 1"
        )
        return {table for table, n in cursor.fetchall() if n == 4}
