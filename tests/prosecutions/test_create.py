import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from cases.services import case_set_status
from prosecutions.models import Prosecution
from tests.factories import CaseFactory, ProsecutionFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db


def url(case):
    return reverse("prosecutions:create", args=[case.pk])


def data(**overrides):
    return {"reference": "MC-2020-15", "court": "magistrate", "filed_on": "2020-05-01", **overrides}


def referred(**fields):
    """A case the police referred for prosecution: they set its status to "in prosecution"."""
    case = CaseFactory(**fields)
    police = UserFactory(role=Role.POLICE)
    case_set_status(case=case, by=police, status="prosecution", changed_on=case.reported_on)
    return case


def test_it_works_on_a_case_the_police_referred(client, login):
    user = login(Role.PROSECUTOR)
    case = referred()
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
    assert case.status_changes.get(status="prosecution").changed_by.groups.get().name == Role.POLICE
    assert AuditEvent.objects.filter(action="create", object_type="prosecution").exists()


@pytest.mark.parametrize("status", ["reported", "investigating", "closed"])
def test_a_prosecutor_cannot_open_identities_alone(client, login, status):
    """Issue 19.7: a prosecution filed on any case opened its victims' identities to the prosecutor.
    Only a case the police referred can be prosecuted; the old path now ends in 404s."""
    login(Role.PROSECUTOR)
    victim = VictimFactory()
    case = CaseFactory(victims=[victim])
    if status != "reported":
        case_set_status(
            case=case, by=None, status=status, changed_on=case.reported_on, closing_reason="no_evidence"
        )
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case), data()).status_code == 404
    assert not Prosecution.objects.exists()
    assert client.get(victim.get_absolute_url()).status_code == 404
    body = client.get(case.get_absolute_url()).content.decode()
    assert url(case) not in body
    assert "once the police refer the case for prosecution" in body


def test_once_referred_the_prosecutor_files_and_reads_the_victim(client, login):
    login(Role.PROSECUTOR)
    victim = VictimFactory()
    case = referred(victims=[victim])
    assert url(case) in client.get(case.get_absolute_url()).content.decode()
    assert client.post(url(case), data()).status_code == 302
    assert client.get(victim.get_absolute_url()).status_code == 200


def test_the_court_case_number_is_required_and_unique(client, login):
    login(Role.PROSECUTOR)
    ProsecutionFactory(reference="MC-1")
    case = referred()
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
    response = client.post(url(referred(reported_on=datetime.date(2020, 2, 1))), data(filed_on=filed_on))
    assert message in response.context["form"].errors["filed_on"][0]
    assert not Prosecution.objects.exists()


def test_social_workers_get_404_on_an_unlinked_case(client, login):
    login(Role.SOCIAL_WORKER)
    assert client.get(url(referred())).status_code == 404
