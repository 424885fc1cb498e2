"""Consent (issue 10, point 2): per purpose, given or refused, how and by whom, a minor's through
a parent or guardian, an optional expiry, and withdrawal that keeps the record."""

import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from casework.models import Consent
from casework.selectors import consent_counts_q, sharing_consent
from tests.casework import factories as make
from tests.factories import VictimFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def create_url(victim):
    return reverse("casework:consent_create", args=[victim.pk])


def counts(consent, day) -> bool:
    return Consent.objects.filter(consent_counts_q(day), pk=consent.pk).exists()


SHARING_IOM = {
    "purpose": "sharing",
    "agency": "iom",
    "answer": "given",
    "decided_on": "2024-05-02",
    "method": "signed_form",
}


def test_it_records_a_consent_to_share(client, login, today):
    user = login()
    victim = VictimFactory()
    response = client.post(create_url(victim), {**SHARING_IOM, "expires_on": "2025-05-02"})
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.victim, consent.purpose, consent.agency, consent.created_by) == (
        victim,
        "sharing",
        "iom",
        user,
    )
    assert consent.expires_on == datetime.date(2025, 5, 2)
    assert AuditEvent.objects.filter(action="create", object_type="victim", object_id=str(victim.pk)).exists()
    body = client.get(victim.get_absolute_url()).content.decode()
    assert "Sharing information with a named agency" in body and "IOM" in body
    assert "Current" in body


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({**SHARING_IOM, "agency": ""}, "agency", "Say which agency"),
        ({**SHARING_IOM, "agency": "ngo"}, "agency_name", "name of the NGO"),
        ({**SHARING_IOM, "agency": "consulate"}, "agency_country", "which country"),
        ({**SHARING_IOM, "agency": "consulate", "agency_country": "BZ"}, "agency_country", "another country"),
        ({**SHARING_IOM, "agency": "human_services"}, "agency", "not one of the available"),
        ({**SHARING_IOM, "method": "verbal"}, "witness_name", "witness"),
        ({**SHARING_IOM, "expires_on": "2024-05-01"}, "expires_on", "before the date of the consent"),
        ({**SHARING_IOM, "decided_on": "2025-03-13"}, "decided_on", "future"),
        ({**SHARING_IOM, "decided_on": "1899-12-31"}, "decided_on", "before 1900"),
        ({**SHARING_IOM, "purpose": "gossip"}, "purpose", "not one of the available"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field(client, login, today, data, field, message):
    login()
    response = client.post(create_url(VictimFactory()), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Consent.objects.exists()


def test_only_sharing_names_an_agency(client, login, today):
    login()
    data = {**SHARING_IOM, "purpose": "services", "agency_name": "Left over"}
    assert client.post(create_url(VictimFactory()), data).status_code == 302
    consent = Consent.objects.get()
    assert (consent.agency, consent.agency_name) == ("", "")


def test_a_minors_consent_names_the_parent_or_guardian(client, login, today):
    """Minor on the day of the consent: the day before the 18th birthday, not on it."""
    login()
    victim = VictimFactory(date_of_birth=datetime.date(2006, 5, 2), registered_on=datetime.date(2020, 3, 1))
    minor = client.post(create_url(victim), {**SHARING_IOM, "decided_on": "2024-05-01"})
    assert "name the parent or guardian" in " ".join(minor.context["form"].errors["guardian_name"])
    adult = client.post(create_url(victim), {**SHARING_IOM, "decided_on": "2024-05-02"})
    assert adult.status_code == 302
    guardian = client.post(
        create_url(victim), {**SHARING_IOM, "decided_on": "2024-05-01", "guardian_name": "Ana Pop, mother"}
    )
    assert guardian.status_code == 302
    assert Consent.objects.filter(guardian_name="Ana Pop, mother").exists()


def test_an_age_estimate_makes_a_minor_too(client, login, today):
    login()
    victim = VictimFactory(date_of_birth=None, age_estimate=15, registered_on=datetime.date(2024, 1, 10))
    response = client.post(create_url(victim), {**SHARING_IOM, "decided_on": "2024-05-02"})
    assert "guardian_name" in response.context["form"].errors


@pytest.mark.parametrize(
    "day, expected",
    [
        (datetime.date(2024, 5, 1), False),  # before it was given
        (datetime.date(2024, 5, 2), True),  # the day it was given
        (datetime.date(2024, 12, 30), True),  # the day before it expires
        (datetime.date(2024, 12, 31), True),  # the day of its expiry: it holds through that day
        (datetime.date(2025, 1, 1), False),  # the day after
    ],
)
def test_a_consent_counts_until_its_expiry_day(day, expected):
    consent = make.consent(
        VictimFactory(), decided_on=datetime.date(2024, 5, 2), expires_on=datetime.date(2024, 12, 31)
    )
    assert counts(consent, day) is expected


def test_a_withdrawn_consent_is_kept_and_stops_counting_that_day(client, login, today):
    login()
    consent = make.consent(VictimFactory(), decided_on=datetime.date(2024, 5, 2))
    url = reverse("casework:consent_withdraw", args=[consent.pk])
    response = client.post(
        url, {"version": consent.version, "withdrawn_on": "2025-01-10", "note": "By phone."}
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2025, 1, 10) and consent.withdrawal_note == "By phone."
    assert counts(consent, datetime.date(2025, 1, 9)) and not counts(consent, datetime.date(2025, 1, 10))
    assert consent.history.count() == 2  # the consent as given is kept
    assert AuditEvent.objects.filter(detail=f"consent {consent.pk}: withdrawn").exists()
    body = client.get(consent.victim.get_absolute_url()).content.decode()
    assert "Withdrawn 2025-01-10" in body
    again = client.post(url, {"version": consent.version, "withdrawn_on": "2025-01-11"})
    assert "already withdrawn" in str(again.context["form"].non_field_errors())


def test_a_withdrawal_before_the_consent_or_of_a_refusal_is_refused(client, login, today):
    login()
    consent = make.consent(VictimFactory(), decided_on=datetime.date(2024, 5, 2))
    url = reverse("casework:consent_withdraw", args=[consent.pk])
    early = client.post(url, {"version": consent.version, "withdrawn_on": "2024-05-01"})
    assert "after this date" in " ".join(early.context["form"].errors["withdrawn_on"])
    refusal = make.consent(consent.victim, answer="refused", agency="labour")
    response = client.post(
        reverse("casework:consent_withdraw", args=[refusal.pk]),
        {"version": refusal.version, "withdrawn_on": "2025-01-10"},
    )
    assert "Only a consent that was given" in str(response.context["form"].non_field_errors())


def test_the_latest_answer_counts(today):
    victim = VictimFactory()
    given = make.consent(victim, decided_on=datetime.date(2024, 1, 1))
    refused = make.consent(victim, decided_on=datetime.date(2024, 6, 1), answer="refused")
    assert counts(given, datetime.date(2024, 5, 31)) and not counts(given, datetime.date(2024, 6, 1))
    assert not counts(refused, datetime.date(2024, 6, 1))
    again = make.consent(victim, decided_on=datetime.date(2024, 9, 1))
    assert counts(again, datetime.date(2024, 9, 1))
    # Another agency's answer is about something else.
    make.consent(victim, decided_on=datetime.date(2024, 10, 1), answer="refused", agency="labour")
    assert counts(again, datetime.date(2024, 10, 1))


def test_an_ngo_is_the_same_whatever_the_letter_case(today):
    victim = VictimFactory()
    given = make.consent(victim, agency="ngo", agency_name="Haven  House")
    found = sharing_consent(
        victim=victim,
        agency="ngo",
        agency_name="haven house",
        agency_country="",
        on=datetime.date(2024, 1, 1),
    )
    assert found == given
    other = sharing_consent(
        victim=victim,
        agency="ngo",
        agency_name="Other House",
        agency_country="",
        on=datetime.date(2024, 1, 1),
    )
    assert other is None


def test_a_correction_keeps_the_previous_version_and_refuses_a_stale_one(client, login, today):
    login()
    consent = make.consent(VictimFactory(), method="verbal", witness_name="R. Young")
    url = reverse("casework:consent_edit", args=[consent.pk])
    data = {**SHARING_IOM, "decided_on": "2020-03-01", "method": "verbal", "witness_name": "Rosa Young"}
    assert client.post(url, {**data, "version": consent.version}).status_code == 302
    page = client.get(url).content.decode()
    assert "R. Young → Rosa Young" in page
    stale = client.post(url, {**data, "witness_name": "Someone", "version": consent.version})
    assert "Someone else saved this record" in str(stale.context["form"].non_field_errors())
    consent.refresh_from_db()
    assert consent.witness_name == "Rosa Young"


def test_a_withdrawn_consent_cannot_be_corrected_into_a_refusal(client, login, today):
    login()
    consent = make.consent(VictimFactory(), decided_on=datetime.date(2024, 5, 2))
    client.post(
        reverse("casework:consent_withdraw", args=[consent.pk]),
        {"version": consent.version, "withdrawn_on": "2025-01-10"},
    )
    consent.refresh_from_db()
    url = reverse("casework:consent_edit", args=[consent.pk])
    data = {**SHARING_IOM, "version": consent.version}
    refused = client.post(url, {**data, "answer": "refused"})
    assert "Record a new answer instead" in " ".join(refused.context["form"].errors["answer"])
    later = client.post(url, {**data, "decided_on": "2025-01-11"})
    assert "withdrawn on 2025-01-10" in " ".join(later.context["form"].errors["decided_on"])
