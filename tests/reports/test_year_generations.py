"""A write changes the kept figures of the years its dates reach only (reports.models.YearGeneration,
reports/migrations/0003): the years before stay kept. Run on SQLite, and on PostgreSQL with
DATABASE_URL set (the triggers differ: row triggers there, statement triggers with transition
tables here)."""

import datetime

import pytest

from cases.models import Case
from reports.figures import Tokens, is_kept, year_figures
from services.models import ServiceEpisode
from tests.factories import (
    ActivityFactory,
    CaseFactory,
    ChargeFactory,
    ProsecutionFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    VictimFactory,
)
from victims.models import Victim

pytestmark = pytest.mark.django_db
YEARS = range(2019, 2025)


def keep_all():
    for year in YEARS:
        year_figures(year)


def kept_years() -> set[int]:
    tokens = Tokens()
    return {year for year in YEARS if is_kept("figures", year, tokens.of(year))}


def day(year: int) -> datetime.date:
    return datetime.date(year, 6, 1)


def test_a_write_dated_2024_leaves_2019_to_2023_kept():
    VictimFactory(registered_on=day(2019))
    keep_all()
    assert kept_years() == set(YEARS)
    VictimFactory(registered_on=day(2024), status="identified", identification_date=day(2024))
    assert kept_years() == set(range(2019, 2024))
    assert year_figures(2024)["identification"]["identified_total"] == 1


def test_moving_a_date_across_years_updates_both():
    case = CaseFactory(reported_on=day(2020))
    keep_all()
    assert year_figures(2020)["prosecution"]["cases_reported"] == 1
    Case.objects.filter(pk=case.pk).update(reported_on=day(2022))
    assert kept_years() == {2019}
    assert year_figures(2020)["prosecution"]["cases_reported"] == 0
    assert year_figures(2022)["prosecution"]["cases_reported"] == 1


def test_care_reaches_the_later_years_and_the_year_the_victim_was_identified():
    victim = VictimFactory(registered_on=day(2019), status="identified", identification_date=day(2019))
    keep_all()
    ServiceEpisodeFactory(victim=victim, start_date=day(2022))  # "referred": identified in 2019
    assert kept_years() == set()
    keep_all()
    ServiceEpisode.objects.filter(victim=victim).update(end_date=day(2023))
    assert kept_years() == set()  # its victim's identification year again


def test_a_victims_change_reaches_the_years_of_its_care():
    victim = VictimFactory(registered_on=day(2023))
    ServiceEpisodeFactory(victim=victim, start_date=day(2021))
    keep_all()
    Victim.objects.filter(pk=victim.pk).update(sex="female")
    assert kept_years() == {2019, 2020}
    assert year_figures(2021)["assistance"]["assisted_total"] == 1


@pytest.mark.parametrize(
    "write",
    [
        lambda: VictimFactory(registered_on=day(2024)),
        lambda: ActivityFactory(date=day(2024)),
        lambda: CaseFactory(reported_on=day(2024)),
        lambda: RepatriationFactory(
            victim=VictimFactory(registered_on=day(2024)), return_date=day(2024), status="completed"
        ),
        lambda: ChargeFactory(
            prosecution=ProsecutionFactory(case=CaseFactory(reported_on=day(2024)), filed_on=day(2024))
        ),
        lambda: VictimFactory(registered_on=day(2024)).exploitation_forms.add("sexual"),
    ],
    ids=["victim", "activity", "case", "repatriation", "prosecution and charge", "forms"],
)
def test_every_counted_table_reaches_the_years_of_its_dates_only(write):
    keep_all()
    write()
    assert kept_years() == set(range(2019, 2024))


def test_a_deletion_reaches_the_years_of_what_was_deleted():
    victim = VictimFactory(registered_on=day(2021))
    ServiceEpisodeFactory(victim=victim, start_date=day(2021))
    keep_all()
    ServiceEpisode.objects.filter(victim=victim).delete()
    assert kept_years() == {2019, 2020}
