"""Every definition of spec/annual-statistics.md at its edges (year 2020 unless said otherwise)."""

import datetime

import pytest

from reports import statistics as s
from reports.quality import data_quality
from tests.factories import (
    ServiceEpisodeFactory,
    UserFactory,
    VictimFactory,
)
from victims.services import victim_archive

pytestmark = pytest.mark.django_db
D = datetime.date
Y = 2020


def identified(on, **kwargs):
    kwargs.setdefault("registered_on", D(on.year, 1, 1))  # a decision follows the registration
    return VictimFactory(status="identified", identification_date=on, **kwargs)


# --- Identification -------------------------------------------------------------------------


def test_identified_counts_1_january_and_31_december_only_of_the_year():
    identified(D(2019, 12, 31), registered_on=D(2019, 12, 1))
    identified(D(2020, 1, 1), registered_on=D(2019, 12, 1))
    identified(D(2020, 12, 31))
    identified(D(2021, 1, 1))
    assert s.identified_total(Y) == 2
    assert s.identified_total(2019) == 1


def test_not_victims_and_presumed_are_not_identified_but_archived_victims_are():
    identified(D(2020, 5, 1))
    VictimFactory(status="not_victim", identification_date=D(2020, 5, 1))
    VictimFactory()  # presumed
    archived = identified(D(2020, 6, 1))
    victim_archive(victim=archived, by=UserFactory(), expected_version=archived.version)
    assert s.identified_total(Y) == 2


def test_a_minor_turning_18_on_the_identification_day_is_an_adult():
    identified(D(2020, 6, 15), date_of_birth=D(2002, 6, 15), sex="female")
    identified(D(2020, 6, 14), date_of_birth=D(2002, 6, 15), sex="female")
    table = s.identified_by_sex_age(Y)
    assert table["female"] == {"minor": 1, "adult": 1, "unknown": 0}
    assert table["male"] == table["other"] == table["unknown"] == {"minor": 0, "adult": 0, "unknown": 0}


def test_an_age_estimate_counts_from_the_registration_date():
    # 17 on 1 March 2019: 18 on 1 March 2020.
    common = {"date_of_birth": None, "age_estimate": 17, "registered_on": D(2019, 3, 1), "sex": "male"}
    identified(D(2020, 2, 29), **common)
    identified(D(2020, 3, 1), **common)
    identified(D(2020, 3, 1), sex="other", date_of_birth=None, age_estimate=None)
    identified(D(2020, 3, 1), sex="unknown", date_of_birth=D(1990, 1, 1))
    table = s.identified_by_sex_age(Y)
    assert table["male"] == {"minor": 1, "adult": 1, "unknown": 0}
    assert table["other"] == {"minor": 0, "adult": 0, "unknown": 1}
    assert table["unknown"] == {"minor": 0, "adult": 1, "unknown": 0}


def test_nationality_blank_is_unknown_and_national_foreign_split():
    identified(D(2020, 2, 1), nationality="BZ")
    identified(D(2020, 2, 1), nationality="GT")
    identified(D(2020, 2, 1), nationality="GT")
    identified(D(2020, 2, 1), nationality="")
    identified(D(2019, 2, 1), nationality="HN", registered_on=D(2019, 1, 1))
    by_nationality = s.identified_by_nationality(Y)
    assert by_nationality == {"BZ": 1, "GT": 2, "unknown": 1}  # only non-zero countries
    assert s.identified_national_foreign(by_nationality) == (1, 2)


def test_several_forms_count_under_each_and_as_multiple():
    identified(D(2020, 2, 1), exploitation_forms=["sexual", "forced_labour"])
    identified(D(2020, 2, 1), exploitation_forms=["sexual"])
    identified(D(2020, 2, 1), exploitation_forms=[])
    VictimFactory(status="not_victim", identification_date=D(2020, 3, 1), exploitation_forms=["sexual"])
    forms = s.identified_by_exploitation(Y)
    assert forms["sexual"] == 2 and forms["forced_labour"] == 1 and forms["organ_removal"] == 0
    assert forms["multiple"] == 1 and forms["not_specified"] == 1
    assert len(forms) == 12


def test_presumed_counts_registrations_in_the_year_with_current_status():
    VictimFactory(registered_on=D(2020, 1, 1))
    VictimFactory(registered_on=D(2020, 12, 31))
    VictimFactory(registered_on=D(2019, 12, 31))
    identified(D(2020, 5, 1), registered_on=D(2020, 4, 1))  # no longer presumed
    VictimFactory(registered_on=D(2020, 4, 1), status="not_victim", identification_date=D(2020, 5, 1))
    assert s.presumed_total(Y) == 2


# --- Assistance -----------------------------------------------------------------------------


def new_continuing() -> dict:
    figures = s.assistance(Y)
    return {k: figures[k] for k in ("assisted_total", "assisted_new", "assisted_continuing")}


def test_overlap_edges_and_open_ended_services():
    ServiceEpisodeFactory(start_date=D(2019, 6, 1), end_date=D(2020, 1, 1))  # ends on 1 Jan: in
    ServiceEpisodeFactory(start_date=D(2019, 6, 1), end_date=D(2019, 12, 31))  # ends before: out
    ServiceEpisodeFactory(start_date=D(2020, 12, 31))  # starts on 31 Dec, ongoing: in
    ServiceEpisodeFactory(start_date=D(2021, 1, 1))  # starts after: out
    ServiceEpisodeFactory(start_date=D(2015, 1, 1), end_date=None)  # open since 2015: in
    assert new_continuing() == {"assisted_total": 3, "assisted_new": 1, "assisted_continuing": 2}


def test_new_and_continuing_look_at_the_earliest_service_of_all_time():
    returning = VictimFactory(registered_on=D(2017, 1, 1))
    ServiceEpisodeFactory(victim=returning, start_date=D(2017, 3, 1), end_date=D(2017, 9, 1))
    ServiceEpisodeFactory(victim=returning, start_date=D(2020, 3, 1))  # back in care in 2020
    fresh = VictimFactory()
    ServiceEpisodeFactory(victim=fresh, start_date=D(2020, 1, 1), end_date=D(2020, 2, 1))
    ServiceEpisodeFactory(victim=fresh, start_date=D(2020, 5, 1), service_type="medical")
    result = new_continuing()
    assert result == {"assisted_total": 2, "assisted_new": 1, "assisted_continuing": 1}


def test_not_victims_are_never_assisted():
    ServiceEpisodeFactory(
        victim=VictimFactory(status="not_victim", identification_date=D(2020, 3, 1)), start_date=D(2020, 3, 2)
    )
    assert s.assistance(Y)["assisted_total"] == 0
    assert s.assistance(Y)["assisted_by_service"]["shelter"] == 0
    assert data_quality(Y)["assisted_without_accommodation"] == 0


def test_assisted_age_is_on_the_first_day_in_care_in_the_year():
    # In care since 2019, turns 18 on 2 Jan 2020: a minor on 1 Jan 2020, the first day in care in Y.
    v1 = VictimFactory(date_of_birth=D(2002, 1, 2), registered_on=D(2019, 1, 1))
    ServiceEpisodeFactory(victim=v1, start_date=D(2019, 5, 1))
    # Turns 18 on 1 Jan 2020 and in care since 2019: an adult.
    v2 = VictimFactory(date_of_birth=D(2002, 1, 1), registered_on=D(2019, 1, 1))
    ServiceEpisodeFactory(victim=v2, start_date=D(2019, 5, 1))
    # Turns 18 on 1 July 2020; the service from 2018 ended in 2018, the first in 2020 starts
    # 1 July (adult) and a later one in August: the earliest overlapping one decides.
    v3 = VictimFactory(date_of_birth=D(2002, 7, 1), registered_on=D(2018, 1, 1), sex="male")
    ServiceEpisodeFactory(victim=v3, start_date=D(2018, 2, 1), end_date=D(2018, 12, 1))
    ServiceEpisodeFactory(victim=v3, start_date=D(2020, 8, 1))
    ServiceEpisodeFactory(victim=v3, start_date=D(2020, 7, 1), service_type="medical")
    # Turns 18 on 1 July 2020; first in care on 30 June: a minor.
    v4 = VictimFactory(date_of_birth=D(2002, 7, 1), sex="male")
    ServiceEpisodeFactory(victim=v4, start_date=D(2020, 6, 30))
    v5 = VictimFactory(date_of_birth=None, sex="unknown")
    ServiceEpisodeFactory(victim=v5, start_date=D(2020, 6, 30))
    table = s.assistance(Y)["assisted_by_sex_age"]
    assert table["female"] == {"minor": 1, "adult": 1, "unknown": 0}
    assert table["male"] == {"minor": 1, "adult": 1, "unknown": 0}
    assert table["unknown"] == {"minor": 0, "adult": 0, "unknown": 1}


def test_services_count_distinct_victims_and_accommodation_none():
    v1 = VictimFactory()
    ServiceEpisodeFactory(victim=v1, service_type="shelter", start_date=D(2020, 1, 1), end_date=D(2020, 2, 1))
    ServiceEpisodeFactory(victim=v1, service_type="shelter", start_date=D(2020, 3, 1))
    ServiceEpisodeFactory(victim=v1, service_type="medical", start_date=D(2020, 3, 1))
    v2 = VictimFactory()
    ServiceEpisodeFactory(victim=v2, service_type="medical", start_date=D(2020, 3, 1))
    # Accommodated only in 2019: not accommodated in 2020.
    ServiceEpisodeFactory(
        victim=v2, service_type="foster_care", start_date=D(2019, 3, 1), end_date=D(2019, 4, 1)
    )
    by_service = s.assistance(Y)["assisted_by_service"]
    assert by_service["shelter"] == 1 and by_service["medical"] == 2 and by_service["foster_care"] == 0
    assert len(by_service) == 14
    assert data_quality(Y)["assisted_without_accommodation"] == 1
    report = s.annual_report(Y)["assistance"]["accommodation"]
    assert report == {"shelter": 1, "independent_living": 0, "foster_care": 0, "none": 1}
