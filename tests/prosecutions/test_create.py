import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from cases.services import case_set_status
from prosecutions.models import Prosecution
from tests.factories import CaseFactory, ProsecutionFactory

pytestmark = pytest.mark.django_db


def url(case):
    return reverse("prosecutions:create", args=[case.pk])


def data(**overrides):
    return {
        "reference": "MC-2020-15",
        "court": "magistrate",
        "filed_on": "2020-05-01",
        "move_case": "on",
        **overrides,
    }


def test_it_works_and_moves_the_case(client, login):
    user = login(Role.PROSECUTOR)
    case = CaseFactory()
    assert client.get(url(case)).status_code == 200
    response = client.post(url(case), data())
    prosecution = Prosecution.objects.get()
    assert response.url == prosecution.get_absolute_url()
    assert (prosecution.case, prosecution.reference, prosecution.created_by) == (case, "MC-2020-15", user)
    case.refresh_from_db()
    assert case.status == "prosecution"
    assert list(case.status_changes.order_by("id").values_list("status", flat=True)) == [
        "reported",
        "prosecution",
    ]
    change = case.status_changes.get(status="prosecution")
    assert (change.changed_on, change.changed_by, change.note) == (
        datetime.date(2020, 5, 1),
        user,
        "Prosecution MC-2020-15 filed.",
    )
    assert AuditEvent.objects.filter(action="create", object_type="prosecution").exists()


def test_it_can_leave_the_case_as_it_is(client, login):
    login(Role.PROSECUTOR)
    case = CaseFactory()
    client.post(url(case), data(move_case=""))
    case.refresh_from_db()
    assert case.status == "reported"
    assert Prosecution.objects.exists()


def test_a_case_that_cannot_move_saves_nothing(client, login):
    login(Role.PROSECUTOR)
    case = CaseFactory()
    case_set_status(case=case, by=None, status="investigating", changed_on=datetime.date(2020, 6, 1))
    response = client.post(url(case), data(filed_on="2020-05-01"))
    errors = response.context["form"].errors
    assert "before the date of the current status" in errors["move_case"][0]
    assert not Prosecution.objects.exists()


def test_the_court_case_number_is_required_and_unique(client, login):
    login(Role.PROSECUTOR)
    ProsecutionFactory(reference="MC-1")
    case = CaseFactory()
    assert "reference" in client.post(url(case), data(reference="")).context["form"].errors
    assert "reference" in client.post(url(case), data(reference="MC-1")).context["form"].errors


@pytest.mark.parametrize(
    "filed_on, message",
    [
        ("2020-01-01", "before the date the case was reported"),
        ("2999-01-01", "in the future"),
        ("2020-13-01", "valid date"),
    ],
)
def test_it_rejects_bad_dates(client, login, filed_on, message):
    login(Role.PROSECUTOR)
    response = client.post(url(CaseFactory(reported_on=datetime.date(2020, 2, 1))), data(filed_on=filed_on))
    assert message in response.context["form"].errors["filed_on"][0]
    assert not Prosecution.objects.exists()


def test_social_workers_get_404_on_an_unlinked_case(client, login):
    login(Role.SOCIAL_WORKER)
    assert client.get(url(CaseFactory())).status_code == 404
