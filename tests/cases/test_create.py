import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from cases.models import Case, CaseStatusChange
from tests.clock import NEW_YEAR

pytestmark = pytest.mark.django_db
URL = reverse("cases:create")


def data(**overrides):
    return {
        "reference": "",
        "reported_on": "2024-01-10",
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
    assert case.reference == "C-2024-001"
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
    references = sorted(Case.objects.values_list("reference", flat=True))
    assert references == ["C-2017-001", "C-2024-001", "C-2024-002"]


def test_it_shows_the_form(client, login):
    login(Role.POLICE)
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("now", NEW_YEAR)
def test_it_accepts_today_and_rejects_tomorrow(client, login, freeze_clock, now):
    today = freeze_clock(now)
    login(Role.POLICE)
    response = client.post(URL, data(reported_on=(today + datetime.timedelta(days=1)).isoformat()))
    assert response.status_code == 200
    assert response.context["form"].errors["reported_on"] == ["This date is in the future."]
    assert not Case.objects.exists()
    assert client.post(URL, data(reported_on=today.isoformat())).status_code == 302
    assert Case.objects.get().reference == f"C-{today.year}-001"


def test_it_rejects_an_unknown_source(client, login):
    login(Role.POLICE)
    client.post(URL, data())
    response = client.post(URL, data(source="nonsense"))
    assert "not one of the available choices" in response.context["form"].errors["source"][0]
    assert Case.objects.count() == 1
