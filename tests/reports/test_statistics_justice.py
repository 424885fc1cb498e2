"""spec/annual-statistics.md at its edges: prosecution, repatriation and prevention (year 2020)."""

import datetime

import pytest

from reports import statistics as s
from services.models import RepatriationStatus
from tests.factories import (
    ActivityFactory,
    CaseFactory,
    ChargeFactory,
    ProsecutionFactory,
    RepatriationFactory,
    SuspectFactory,
    VictimFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date
Y = 2020


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
