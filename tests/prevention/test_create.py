import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from prevention.models import Activity
from tests.clock import NEW_YEAR

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
    response = client.post(URL, data(participants="-3", kind="webinar"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "greater than or equal to 0" in errors["participants"][0]
    assert "not one of the available choices" in errors["kind"][0]
    assert not Activity.objects.exists()


@pytest.mark.parametrize("now", NEW_YEAR)
def test_an_activity_of_today_is_recorded_and_one_of_tomorrow_refused(client, login, freeze_clock, now):
    today = freeze_clock(now)
    login(Role.SECRETARY)
    response = client.post(URL, data(date=(today + datetime.timedelta(days=1)).isoformat()))
    assert "in the future" in response.context["form"].errors["date"][0]
    assert not Activity.objects.exists()
    assert client.post(URL, data(date=today.isoformat())).status_code == 302
    assert Activity.objects.get().reference == f"P-{today.year}-001"
