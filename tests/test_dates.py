"""A year typed as 0024 for 2024 is refused next to the field, on every kind of record."""

import pytest
from django.urls import reverse

from atip.roles import Role
from services.models import ServiceEpisode
from tests.factories import CaseFactory, VictimFactory
from victims.models import Victim

pytestmark = pytest.mark.django_db
TYPO = "0024-03-01"


def test_a_victim_registered_before_1900_is_refused(client, login):
    login(Role.SOCIAL_WORKER)
    data = {"given_name": "Ana", "sex": "female", "registered_on": TYPO}
    response = client.post(reverse("victims:create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["registered_on"] == ["0024-03-01 is before 1900: check the year."]
    assert not Victim.objects.exists()


def test_a_service_starting_before_1900_is_refused(client, login):
    login(Role.SOCIAL_WORKER)
    victim = VictimFactory()
    response = client.post(
        reverse("services:create", args=[victim.pk]), {"service_type": "shelter", "start_date": TYPO}
    )
    assert response.status_code == 200
    assert "before 1900" in response.context["form"].errors["start_date"][0]
    assert not ServiceEpisode.objects.exists()


def test_a_case_status_changed_before_1900_is_refused(client, login):
    login(Role.POLICE)
    case = CaseFactory()
    response = client.post(
        reverse("cases:status", args=[case.pk]), {"status": "investigating", "changed_on": TYPO}
    )
    assert response.status_code == 200
    assert "before 1900" in response.context["form"].errors["changed_on"][0]
    case.refresh_from_db()
    assert case.status == "reported"


def test_the_date_picker_starts_in_1900(client, login):
    login(Role.SOCIAL_WORKER)
    assert 'min="1900-01-01"' in client.get(reverse("victims:create")).content.decode()
