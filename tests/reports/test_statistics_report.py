"""spec/annual-statistics.md: data quality and the whole report (its keys, its query count)."""

import datetime

import pytest

from reports import statistics as s
from reports.quality import data_quality
from tests.factories import (
    ActivityFactory,
    ChargeFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    VictimFactory,
)
from tests.reports.test_statistics import identified

pytestmark = pytest.mark.django_db
D = datetime.date
Y = 2020


# --- Data quality ---------------------------------------------------------------------------


def test_data_quality_looks_at_the_victims_counted_in_the_year():
    identified(D(2020, 12, 31), sex="unknown")
    VictimFactory(registered_on=D(2020, 1, 1), nationality="")  # presumed in 2020
    assisted = identified(D(2017, 2, 1), date_of_birth=None)
    ServiceEpisodeFactory(victim=assisted, start_date=D(2018, 1, 1), service_type="medical")  # open
    identified(D(2019, 12, 31), sex="unknown")  # another year: not counted
    VictimFactory(registered_on=D(2020, 3, 1), status="not_victim", identification_date=D(2020, 4, 1))
    # Identified in 2020 and assisted in 2020 by two services: counted once.
    both = identified(D(2020, 5, 1), nationality="")
    ServiceEpisodeFactory(victim=both, start_date=D(2020, 5, 2), service_type="shelter")
    ServiceEpisodeFactory(victim=both, start_date=D(2020, 5, 3), service_type="medical")
    quality = data_quality(Y)
    assert quality == {
        "victims": 4,
        "missing_sex": 1,
        "missing_age": 1,
        "missing_nationality": 2,
        "assisted_without_accommodation": 1,
        "identified_without_service": 1,
        "completed_repatriations_without_date": 0,
    }


# --- The whole report -----------------------------------------------------------------------


def test_an_empty_year_has_every_key_with_zeros():
    report = s.annual_report(Y)
    assert set(report) == {
        "year",
        "identification",
        "assistance",
        "prosecution",
        "repatriation",
        "prevention",
    }
    assert report["identification"]["identified_by_sex_age"]["other"] == {
        "minor": 0,
        "adult": 0,
        "unknown": 0,
    }
    assert report["identification"]["identified_by_nationality"] == {}
    assert report["repatriation"] == {"repatriated_total": 0, "repatriated_by_country": {}}
    assert report["prevention"]["campaigns"] == []
    assert set(report["prosecution"]) == {
        "cases_reported",
        "investigations_opened",
        "prosecutions_initiated",
        "persons_prosecuted",
        "persons_convicted",
        "persons_acquitted",
        "convictions_by_exploitation",
    }
    assert set(report["assistance"]) == {
        "assisted_total",
        "assisted_new",
        "assisted_continuing",
        "assisted_by_sex_age",
        "assisted_by_service",
        "accommodation",
    }


def fill(n: int) -> None:
    """n rows of every table the report reads, all counted in 2020."""
    for i in range(n):
        victim = identified(D(2020, 3, 1), exploitation_forms=["sexual", "other"][: 1 + i % 2])
        ServiceEpisodeFactory(victim=victim, start_date=D(2019 + i % 2, 3, 2))
        RepatriationFactory(victim=victim, destination_country=["GT", "SV", "HN"][i % 3])
        charge = ChargeFactory(outcome=["convicted", "acquitted"][i % 2], verdict_date=D(2020, 9, 1))
        charge.prosecution.case.investigation_opened_on = D(2020, 3, 1)
        charge.prosecution.case.save()
        ActivityFactory(kind=["training", "campaign", "other"][i % 3], direct=bool(i % 2))


# Expect 17 queries: identification 6 (total, sex × age, nationality, forms per form, set sizes,
# presumed), assistance 1 (every figure over one row per assisted victim),
# prosecution 5 (cases, investigations, prosecutions + persons, convicted/acquitted, by form),
# repatriation 2, prevention 3 (trainings/people/indirect, audiences, campaigns).
REPORT_QUERIES = 17


@pytest.mark.parametrize("rows", [5, 50])
def test_the_query_count_does_not_grow_with_rows(django_assert_num_queries, rows):
    fill(rows)
    with django_assert_num_queries(REPORT_QUERIES):
        report = s.annual_report(Y)
    assert report["identification"]["identified_total"] == rows
    assert report["repatriation"]["repatriated_total"] == rows
