"""Every definition of spec/annual-statistics.md at its edges (year 2020 unless said otherwise)."""

import datetime

import pytest

from reports import statistics as s
from reports.quality import data_quality
from services.models import RepatriationStatus
from tests.factories import (
    ActivityFactory,
    CaseFactory,
    ChargeFactory,
    ProsecutionFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    SuspectFactory,
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


# --- Prosecution ----------------------------------------------------------------------------


def test_cases_and_investigations_by_their_own_dates():
    CaseFactory(reported_on=D(2019, 12, 31), investigation_opened_on=D(2020, 1, 1))
    CaseFactory(reported_on=D(2020, 12, 31), investigation_opened_on=None)
    CaseFactory(reported_on=D(2020, 1, 1), investigation_opened_on=D(2021, 1, 1))
    assert s.cases_reported(Y) == 2
    assert s.investigations_opened(Y) == 1


def test_prosecutions_and_persons_prosecuted():
    case = CaseFactory()
    suspect = SuspectFactory(case=case)
    other = SuspectFactory(case=case)
    p1 = ProsecutionFactory(case=case, filed_on=D(2020, 1, 1))
    p2 = ProsecutionFactory(case=case, filed_on=D(2020, 12, 31))
    ProsecutionFactory(case=case, filed_on=D(2020, 6, 1))  # no charge yet: still initiated
    old = ProsecutionFactory(case=case, filed_on=D(2019, 12, 31))
    ChargeFactory(prosecution=p1, suspect=suspect)
    ChargeFactory(prosecution=p1, suspect=suspect, offence="csec")
    ChargeFactory(prosecution=p2, suspect=suspect)
    ChargeFactory(prosecution=old, suspect=other)
    assert s.prosecutions_in(Y) == {"prosecutions_initiated": 3, "persons_prosecuted": 1}


def test_convicted_and_acquitted_in_the_same_year_counts_as_convicted():
    prosecution = ProsecutionFactory()
    both = SuspectFactory(case=prosecution.case)
    ChargeFactory(prosecution=prosecution, suspect=both, outcome="convicted", verdict_date=D(2020, 12, 31))
    ChargeFactory(prosecution=prosecution, suspect=both, outcome="acquitted", verdict_date=D(2020, 1, 1))
    # Acquitted in 2020, convicted only in 2021: acquitted in 2020.
    later = SuspectFactory(case=prosecution.case)
    ChargeFactory(prosecution=prosecution, suspect=later, outcome="acquitted", verdict_date=D(2020, 5, 1))
    ChargeFactory(prosecution=prosecution, suspect=later, outcome="convicted", verdict_date=D(2021, 1, 1))
    # Twice acquitted: one person.
    twice = SuspectFactory(case=prosecution.case)
    ChargeFactory(prosecution=prosecution, suspect=twice, outcome="acquitted", verdict_date=D(2020, 5, 1))
    ChargeFactory(prosecution=prosecution, suspect=twice, outcome="acquitted", verdict_date=D(2020, 6, 1))
    ChargeFactory(prosecution=prosecution, outcome="dismissed", verdict_date=D(2020, 6, 1))
    assert s.persons_convicted_acquitted(Y) == {"persons_convicted": 1, "persons_acquitted": 2}
    assert s.persons_convicted_acquitted(2021) == {"persons_convicted": 1, "persons_acquitted": 0}


def test_convictions_by_form_count_distinct_suspects_and_not_specified():
    prosecution = ProsecutionFactory()
    a = SuspectFactory(case=prosecution.case)
    b = SuspectFactory(case=prosecution.case)
    for form in ("sexual", "sexual", "forced_labour"):
        ChargeFactory(
            prosecution=prosecution,
            suspect=a,
            outcome="convicted",
            verdict_date=D(2020, 3, 1),
            exploitation_form=form,
        )
    ChargeFactory(
        prosecution=prosecution,
        suspect=b,
        outcome="convicted",
        verdict_date=D(2020, 3, 1),
        exploitation_form="",
    )
    ChargeFactory(prosecution=prosecution, suspect=b, outcome="acquitted", verdict_date=D(2020, 3, 1))
    forms = s.convictions_by_exploitation(Y)
    assert forms["sexual"] == 1 and forms["forced_labour"] == 1 and forms["not_specified"] == 1
    assert len(forms) == 11 and "multiple" not in forms


# --- Repatriation ---------------------------------------------------------------------------


def test_repatriations_completed_in_the_year_by_country():
    RepatriationFactory(return_date=D(2020, 1, 1), destination_country="GT")
    RepatriationFactory(return_date=D(2020, 12, 31), destination_country="SV")
    RepatriationFactory(return_date=D(2021, 1, 1), destination_country="SV")
    RepatriationFactory(status=RepatriationStatus.PLANNED, return_date=D(2020, 5, 1))
    RepatriationFactory(status=RepatriationStatus.CANCELLED, return_date=None)
    RepatriationFactory(
        victim=VictimFactory(status="not_victim", identification_date=D(2020, 3, 1)),
        return_date=D(2020, 5, 1),
    )
    twice = VictimFactory()
    RepatriationFactory(victim=twice, return_date=D(2020, 3, 1), destination_country="HN")
    RepatriationFactory(victim=twice, return_date=D(2020, 9, 1), destination_country="HN")
    assert s.repatriated_total(Y) == 3
    assert s.repatriated_by_country(Y) == {"GT": 1, "HN": 1, "SV": 1}


# --- Prevention -----------------------------------------------------------------------------


def test_trainings_people_trained_and_audiences():
    ActivityFactory(date=D(2020, 1, 1), audience="police", participants=20)
    ActivityFactory(date=D(2020, 12, 31), audience="police", participants=None)  # blank = 0
    ActivityFactory(date=D(2020, 6, 1), audience="", participants=7)  # counts in no audience
    ActivityFactory(date=D(2021, 1, 1), audience="police", participants=100)
    ActivityFactory(date=D(2020, 6, 1), kind="campaign", audience="police", participants=500)
    ActivityFactory(date=D(2020, 6, 1), kind="other", direct=False, audience="", participants=None)
    assert s.trainings(Y) == {"trainings": 3, "people_trained": 27, "indirect_activities": 1}
    audiences = s.trained_by_audience(Y)
    assert audiences["police"] == 20 and sum(audiences.values()) == 20 and len(audiences) == 11


def test_no_training_means_zero_people_trained():
    assert s.trainings(Y) == {"trainings": 0, "people_trained": 0, "indirect_activities": 0}


def test_campaigns_are_listed_by_date_then_reference_with_nulls():
    ActivityFactory(
        kind="campaign",
        reference="P-B",
        date=D(2020, 7, 30),
        title="Blue Heart",
        audience="",
        participants=None,
    )
    ActivityFactory(
        kind="campaign",
        reference="P-A",
        date=D(2020, 7, 30),
        title="Radio",
        audience="students",
        participants=3,
    )
    ActivityFactory(kind="campaign", reference="P-0", date=D(2020, 1, 1), title="Posters")
    ActivityFactory(kind="campaign", reference="P-9", date=D(2021, 1, 1), title="Next year")
    assert s.campaigns(Y) == [
        {
            "reference": "P-0",
            "date": "2020-01-01",
            "title": "Posters",
            "audience": "police",
            "participants": 20,
        },
        {
            "reference": "P-A",
            "date": "2020-07-30",
            "title": "Radio",
            "audience": "students",
            "participants": 3,
        },
        {
            "reference": "P-B",
            "date": "2020-07-30",
            "title": "Blue Heart",
            "audience": None,
            "participants": None,
        },
    ]


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
