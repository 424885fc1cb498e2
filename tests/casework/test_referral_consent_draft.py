"""Issue 21, item 7: a referral refused for want of consent offers "record consent for this
agency", which keeps what was typed, pre-fills the consent (agency, guardian on the record) and
comes back to the referral with its text."""

import datetime

import pytest
from django.urls import reverse

from casework.models import Consent, Referral
from tests.factories import VictimFactory

pytestmark = pytest.mark.django_db

TO_NGO = {
    "referred_on": "2025-03-10",
    "agency": "ngo",
    "agency_name": "Casa Esperanza",
    "reason": "Needs a bed tonight. <script>alert(1)</script>",
    "shared": "Name, age.",
}


def create_url(victim):
    return reverse("casework:referral_create", args=[victim.pk])


@pytest.fixture
def minor(today):
    return VictimFactory(
        date_of_birth=today - datetime.timedelta(days=16 * 365),
        guardian_name="Ana López",
        guardian_relationship="aunt",
    )


def test_a_refused_referral_offers_to_record_the_consent(client, login, minor):
    login()
    response = client.post(create_url(minor), TO_NGO)
    assert response.status_code == 200
    assert 'name="record_consent"' in response.content.decode()
    # Nothing refused, nothing offered.
    assert 'name="record_consent"' not in client.get(create_url(minor)).content.decode()


def test_recording_the_consent_comes_back_to_the_referral_as_typed(client, login, minor, today):
    login()
    response = client.post(create_url(minor), {**TO_NGO, "record_consent": "1", "role": "x"})
    assert response.status_code == 302
    consent_url = response.url
    assert consent_url.startswith(reverse("casework:consent_create", args=[minor.pk]))
    assert not Referral.objects.exists()

    page = client.get(consent_url)
    form = page.context["form"]
    assert form.initial["purpose"] == "sharing"
    assert form.initial["agency"] == "ngo"
    assert form.initial["agency_name"] == "Casa Esperanza"
    assert form.initial["guardian_name"] == "Ana López (aunt)"  # the guardian on the record
    assert page.context["back"] == create_url(minor)  # Cancel goes back to the referral

    saved = client.post(
        consent_url,
        {
            "purpose": "sharing",
            "agency": "ngo",
            "agency_name": "Casa Esperanza",
            "answer": "given",
            "decided_on": "2025-03-10",
            "method": "signed_form",
            "guardian_name": "Ana López (aunt)",
        },
    )
    assert saved.status_code == 302 and saved.url == create_url(minor)
    assert Consent.objects.get().agency_name == "Casa Esperanza"

    back = client.get(saved.url)
    html = back.content.decode()
    assert "Needs a bed tonight." in html and "<script>alert(1)" not in html  # kept, escaped
    assert back.context["form"].initial["referred_on"] == "2025-03-10"

    done = client.post(create_url(minor), TO_NGO)
    assert done.status_code == 302
    assert Referral.objects.get().consent == Consent.objects.get()
    # The draft is gone once the referral is recorded.
    assert "Needs a bed" not in client.get(create_url(minor)).content.decode()


def test_the_draft_is_the_persons_own(client, login, minor):
    login()
    client.post(create_url(minor), {**TO_NGO, "record_consent": "1"})
    other = VictimFactory()
    assert "Needs a bed" not in client.get(create_url(other)).content.decode()


def test_only_the_referral_is_a_way_back(client, login, minor):
    login()
    page = client.get(reverse("casework:consent_create", args=[minor.pk]) + "?then=https://evil.example/")
    assert page.context["back"] == minor.get_absolute_url() + "#consents"


def test_other_roles_cannot_keep_a_draft(client, login, minor):
    from atip.roles import Role

    login(Role.POLICE)
    response = client.post(create_url(minor), {**TO_NGO, "record_consent": "1"})
    assert response.status_code in (403, 404)
