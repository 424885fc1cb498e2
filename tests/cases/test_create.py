import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.models import AuditEvent
from atip.roles import Role
from cases.models import Case, CaseStatusChange

pytestmark = pytest.mark.django_db
URL = reverse("cases:create")


def data(**overrides):
    return {
        "reference": "",
        "reported_on": "2026-01-10",
        "source": "hotline",
        "district": "cayo",
        "summary": "Call about a bar",
        "exploitation_forms": ["sexual"],
        **overrides,
    }


def test_it_works(client, login):
    user = login(Role.POLICE)
    response = client.post(URL, data())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == case.get_absolute_url()
    assert case.reference == "C-2026-001"
    assert case.status == "reported"
    assert case.created_by == user
    assert list(case.exploitation_forms.values_list("code", flat=True)) == ["sexual"]
    change = CaseStatusChange.objects.get()
    assert (change.status, change.changed_on, change.changed_by) == ("reported", case.reported_on, user)
    assert AuditEvent.objects.filter(action="create", object_type="case", object_id=str(case.pk)).exists()


def test_references_follow_each_other_and_a_typed_one_is_ignored(client, login):
    login(Role.POLICE)
    client.post(URL, data())
    client.post(URL, data())
    client.post(URL, data(reference="OLD-17", reported_on="2017-05-01"))  # a field the form has not
    assert sorted(Case.objects.values_list("reference", flat=True)) == [
        "C-2017-001",
        "C-2026-001",
        "C-2026-002",
    ]


def test_it_shows_the_form(client, login):
    login(Role.POLICE)
    assert client.get(URL).status_code == 200


def test_it_rejects_a_future_date_and_a_bad_code(client, login):
    login(Role.POLICE)
    client.post(URL, data())
    future = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(URL, data(reported_on=future.isoformat()))
    assert response.status_code == 200
    assert response.context["form"].errors["reported_on"] == ["This date is in the future."]
    response = client.post(URL, data(source="nonsense"))
    assert "source" in response.context["form"].errors
    assert Case.objects.count() == 1


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.SOCIAL_WORKER])
def test_readers_get_403(client, login, role):
    login(role)
    assert client.post(URL, data()).status_code == 403
    assert not Case.objects.exists()


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.ADMINISTRATOR])
def test_others_get_404(client, login, role):
    login(role)
    assert client.get(URL).status_code == 404


def test_it_rejects_put(client, login):
    login(Role.POLICE)
    assert client.put(URL).status_code == 405
