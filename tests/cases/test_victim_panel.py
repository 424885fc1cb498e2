"""The cases panel on a victim's page: what each role sees of the victim's cases, and the link
that lets social workers ask for a case (requests themselves: test_link_requests.py)."""

import datetime

import pytest
from django.urls import reverse

from atip.roles import Role
from cases.models import CaseVictim
from tests.factories import CaseFactory, ChargeFactory, ProsecutionFactory, SuspectFactory, VictimFactory

pytestmark = pytest.mark.django_db


def link_url(victim):
    return reverse("cases:request_case", args=[victim.pk])


def test_social_workers_see_status_dates_and_outcomes(client, login):
    login(Role.SOCIAL_WORKER)
    victim = VictimFactory()
    case = CaseFactory(
        reported_on=datetime.date(2020, 2, 1),
        status="prosecution",
        investigation_opened_on=datetime.date(2020, 2, 10),
        summary="Secret summary",
        victims=[victim],
    )
    suspect = SuspectFactory(case=case, given_name="Tomas", family_name="Trafficker")
    prosecution = ProsecutionFactory(case=case, reference="MC-77-2020", filed_on=datetime.date(2020, 5, 1))
    ChargeFactory(
        prosecution=prosecution, suspect=suspect, outcome="convicted", verdict_date=datetime.date(2021, 3, 4)
    )
    other = CaseFactory()
    body = client.get(victim.get_absolute_url()).content.decode()
    for shown in (
        case.reference,
        "In prosecution",
        "2020-02-01",
        "2020-02-10",
        "MC-77-2020",
        "2020-05-01",
        "Convicted",
        "2021-03-04",
    ):
        assert shown in body, shown
    for hidden in ("Tomas", "Trafficker", "Secret summary", other.reference):
        assert hidden not in body, hidden
    assert link_url(victim) in body


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR])
def test_police_and_prosecutors_see_the_cases_without_the_link_form(client, login, role):
    login(role)
    victim = VictimFactory()
    case = CaseFactory(victims=[victim])
    ProsecutionFactory(case=case)
    body = client.get(victim.get_absolute_url()).content.decode()
    assert case.reference in body
    assert link_url(victim) not in body


def test_the_panel_query_count_does_not_grow(django_assert_num_queries):
    from prosecutions.selectors import victim_cases_panel
    from tests.factories import UserFactory
    from victims.access import VictimAccess

    user = UserFactory(role=Role.SOCIAL_WORKER)
    victim = VictimFactory()
    for _ in range(3):
        case = CaseFactory(victims=[victim])
        ChargeFactory(prosecution=ProsecutionFactory(case=case))
    panel = victim_cases_panel(user=user, victim=VictimAccess(victim, user=user))
    # Expect 3 queries: the victim's cases, their prosecutions, the prosecutions' charges.
    with django_assert_num_queries(3):
        assert sum(len(c.prosecutions.all()[0].charges.all()) for c in panel["cases"]) == 3


def test_police_get_404_on_a_victim_not_linked_to_their_cases(client, login):
    login(Role.POLICE)
    case = CaseFactory(victims=[VictimFactory()])
    response = client.post(link_url(VictimFactory()), {"reference": case.reference, "reason": "x"})
    assert response.status_code == 404
    assert CaseVictim.objects.count() == 1
