import datetime
import random

import pytest

from atip.roles import Role
from cases.models import Case, CaseStatus, CaseStatusChange
from prosecutions import demo
from prosecutions.models import Charge, Hearing, Outcome
from tests.factories import UserFactory, VictimFactory

pytestmark = pytest.mark.django_db


# The demo spreads its cases over 2018-2026: its last year, on its first and last day.
@pytest.mark.parametrize(
    "now",
    [datetime.datetime(2026, 1, 1, 0, 30), datetime.datetime(2026, 12, 31, 23, 30)],
    ids=["1-january", "31-december"],
)
def test_it_seeds_consistent_cases_in_every_status(freeze_clock, now):
    today = freeze_clock(now)
    users = {role: UserFactory(role=role) for role in Role}
    victims = [VictimFactory(registered_on=datetime.date(2018 + n % 8, 1 + n % 12, 1)) for n in range(24)]
    demo.seed(rng=random.Random(7), victims=victims, users=users)
    cases = Case.objects.all()
    assert 10 <= cases.count() <= 12
    assert set(cases.values_list("status", flat=True)) == set(CaseStatus.values)
    assert {c.reported_on.year for c in cases} >= {2018, 2022}
    assert set(Charge.objects.values_list("outcome", flat=True)) == set(Outcome.values)
    assert Charge.objects.filter(outcome=Outcome.CONVICTED, sentence_months__isnull=False).exists()
    assert Hearing.objects.exists()
    for case in cases:
        # Each case's status is the latest change, and its victims were registered before it.
        latest = CaseStatusChange.objects.filter(case=case).order_by("-changed_on", "-id").first()
        assert latest.status == case.status
        assert all(v.registered_on <= case.reported_on for v in case.victims.all())
        assert case.reported_on <= today
        for charge in Charge.objects.filter(prosecution__case=case):
            assert charge.suspect.case_id == case.pk
    assert Case.objects.filter(victims__isnull=False).distinct().count() >= 6
