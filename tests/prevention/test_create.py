import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from prevention.models import Activity

pytestmark = pytest.mark.django_db
URL = reverse("prevention:create")


def data(**changes):
    return {
        "reference": "",
        "date": "2024-07-30",
        "kind": "campaign",
        "direct": "on",
        "title": "Blue Heart Campaign",
        "audience": "general_public",
        "participants": "",
        "organiser": "ATIPs Council",
        "notes": "",
        **changes,
    }


def test_it_works_and_gives_a_reference(client, login):
    user = login(Role.SECRETARY)
    response = client.post(URL, data())
    activity = Activity.objects.get()
    assert response.status_code == 302 and response.url == reverse("prevention:detail", args=[activity.pk])
    assert activity.reference == "P-2024-001"
    assert activity.participants is None and activity.direct is True
    assert activity.created_by == user
    event = AuditEvent.objects.get(action="create")
    assert (event.object_type, event.object_ref) == ("activity", "P-2024-001")
    client.post(URL, data(date="2024-09-01"))
    assert Activity.objects.filter(reference="P-2024-002").exists()


def test_a_typed_reference_is_ignored(client, login):
    login(Role.SECRETARY)
    client.post(URL, data(reference="P-BLUE-2024"))
    assert Activity.objects.get().reference.startswith("P-2")


def test_it_refuses_bad_input_next_to_the_field(client, login):
    login(Role.SECRETARY)
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = client.post(URL, data(date=future, participants="-3"))
    assert response.status_code == 200
    form = response.context["form"]
    assert "participants" in form.errors
    response = client.post(URL, data(date=future))
    assert "in the future" in str(response.context["form"].errors["date"])
    assert not Activity.objects.exists()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR])
def test_it_is_forbidden_to_readers(client, login, role):
    login(role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, data()).status_code == 403
    assert not Activity.objects.exists()


def test_it_is_hidden_from_the_administrator(client, login):
    login(Role.ADMINISTRATOR)
    assert client.post(URL, data()).status_code == 404


def test_it_rejects_put(client, login):
    login(Role.SECRETARY)
    assert client.put(URL).status_code == 405
