"""Issue 21.3: after saving a section of a victim's page the browser returns to that section
(the redirect ends with the section's #id), not to the top of a long page."""

import pytest
from django.urls import reverse

from tests.factories import VictimFactory

pytestmark = pytest.mark.django_db


def test_saving_a_consent_returns_to_the_consents(client, login):
    login()
    victim = VictimFactory()
    data = {
        "purpose": "sharing",
        "agency": "iom",
        "answer": "given",
        "decided_on": "2024-05-02",
        "method": "signed_form",
    }
    response = client.post(reverse("casework:consent_create", args=[victim.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == victim.get_absolute_url() + "#consents"
    assert 'id="consents"' in client.get(response["Location"]).content.decode()


def test_saving_a_service_returns_to_the_assistance(client, login):
    login()
    victim = VictimFactory()
    data = {"service_type": "shelter", "provider": "Haven", "start_date": "2020-03-05"}
    response = client.post(reverse("services:create", args=[victim.pk]), data)
    assert response.status_code == 302
    assert response["Location"] == victim.get_absolute_url() + "#assistance"
    assert 'id="assistance"' in client.get(response["Location"]).content.decode()


def test_a_refused_form_cancels_back_to_its_section(client, login):
    login()
    victim = VictimFactory()
    response = client.post(reverse("services:create", args=[victim.pk]), {"service_type": "massage"})
    assert response.status_code == 200
    assert f'href="{victim.get_absolute_url()}#assistance"' in response.content.decode()
