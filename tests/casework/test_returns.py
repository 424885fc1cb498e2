"""Issue 20.5: a return assessment before a repatriation (best interests required for a minor),
and follow-ups due 1, 3, 6 and 12 months after the return, on the worklist, each with an outcome."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.roles import Role
from casework.models import FollowUp, ReturnAssessment
from casework.returns import add_months
from tests.factories import RepatriationFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db

WORKLIST = reverse("casework:worklist", args=["follow-ups-due"])
ASSESSMENT = {
    "assessed_on": "2024-01-10",
    "risk": "medium",
    "best_interests": "",
    "receiver": "family",
    "receiver_details": "Her aunt in Quetzaltenango, +502 5555 0000.",
    "consulate_contact": "Consulate of Guatemala, Belize City; IOM desk officer.",
    "travel_documents": "Emergency travel document issued.",
}


def test_add_months_keeps_the_day_or_the_months_last():
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2024, 11, 15), 3) == datetime.date(2025, 2, 15)
    assert add_months(datetime.date(2025, 3, 10), -12) == datetime.date(2024, 3, 10)


def test_a_three_month_follow_up_comes_due_after_a_return(client, login):
    login()
    today = timezone.localdate()
    returned = add_months(today, -3)
    repatriation = RepatriationFactory(return_date=returned)
    FollowUp.objects.create(repatriation=repatriation, months=1, done_on=returned, outcome="settled")
    body = client.get(WORKLIST, {"caseload": "all"}).content.decode()
    assert "3-month follow-up after the return" in body
    url = reverse("casework:follow_up_create", args=[repatriation.pk, 3])
    assert url in body
    response = client.post(url, {"done_on": today.isoformat(), "outcome": "concerns", "note": "School fees."})
    assert response.status_code == 302
    assert "3-month follow-up" not in client.get(WORKLIST, {"caseload": "all"}).content.decode()
    # The 6-month one is not due yet.
    assert FollowUp.objects.filter(repatriation=repatriation).count() == 2


def test_a_follow_up_not_yet_due_is_not_on_the_worklist(client, login):
    login()
    RepatriationFactory(return_date=timezone.localdate() - datetime.timedelta(days=10))
    assert "follow-up after the return" not in client.get(WORKLIST, {"caseload": "all"}).content.decode()


def test_a_follow_up_needs_an_outcome_from_the_list_and_a_month_of_the_list(client, login):
    login()
    repatriation = RepatriationFactory()
    url = reverse("casework:follow_up_create", args=[repatriation.pk, 3])
    response = client.post(url, {"done_on": "2020-09-01", "outcome": "fine"})
    assert response.status_code == 200 and response.context["form"].errors["outcome"]
    assert client.get(reverse("casework:follow_up_create", args=[repatriation.pk, 2])).status_code == 404
    assert not FollowUp.objects.exists()


def test_a_return_assessment_for_a_minor_needs_best_interests(client, login):
    login()
    child = VictimFactory(date_of_birth=datetime.date(2012, 1, 1), registered_on=datetime.date(2023, 5, 1))
    repatriation = RepatriationFactory(victim=child, status="planned", return_date=None)
    assert (
        "Return assessment needed"
        in client.get(
            reverse("casework:worklist", args=["returns-unassessed"]), {"caseload": "all"}
        ).content.decode()
    )
    url = reverse("casework:return_assessment", args=[repatriation.pk])
    response = client.post(url, ASSESSMENT)
    assert response.status_code == 200 and response.context["form"].errors["best_interests"]
    data = {**ASSESSMENT, "best_interests": "Returning to her mother is in her best interests."}
    assert client.post(url, data).status_code == 302
    assert ReturnAssessment.objects.get().repatriation == repatriation


@pytest.mark.parametrize("role", [Role.POLICE, Role.SECRETARY])
def test_other_roles_never_reach_returns(client, login, role):
    repatriation = RepatriationFactory()
    login(role)
    assert (
        client.post(reverse("casework:return_assessment", args=[repatriation.pk]), ASSESSMENT).status_code
        == 404
    )
    url = reverse("casework:follow_up_create", args=[repatriation.pk, 1])
    assert client.post(url, {"done_on": "2020-07-01", "outcome": "settled"}).status_code == 404
    assert not ReturnAssessment.objects.exists() and not FollowUp.objects.exists()
    assert UserFactory
