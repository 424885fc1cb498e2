"""Referrals to other agencies (issue 10, point 4): the consent check of point 2, the status
course sent → accepted / declined → completed, and the police unit's side."""

import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent, ExploitationForm
from atip.roles import Role
from cases.models import Case, CaseVictim
from casework.models import Referral
from tests.casework import factories as make
from tests.factories import CaseFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)

TO_IOM = {
    "referred_on": "2025-03-10",
    "agency": "iom",
    "reason": "Assisted voluntary return.",
    "shared": "Name, nationality.",
}


def create_url(victim):
    return reverse("casework:referral_create", args=[victim.pk])


def test_a_referral_without_consent_is_refused_with_the_reason_next_to_the_field(client, login, today):
    login()
    victim = VictimFactory()
    response = client.post(create_url(victim), TO_IOM)
    assert response.status_code == 200
    message = " ".join(response.context["form"].errors["override_reason"])
    assert "No consent to share with IOM is recorded" in message
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "consent, why",
    [
        ({"answer": "refused"}, "refused to share with IOM on 2024-01-01"),
        ({"expires_on": datetime.date(2025, 3, 9)}, "expired on 2025-03-09"),
        ({"agency": "labour"}, "No consent to share with IOM"),
    ],
)
def test_a_consent_that_does_not_count_is_no_consent(client, login, today, consent, why):
    login()
    victim = VictimFactory()
    make.consent(victim, decided_on=datetime.date(2024, 1, 1), **consent)
    response = client.post(create_url(victim), TO_IOM)
    assert why in " ".join(response.context["form"].errors["override_reason"])


def test_a_withdrawn_consent_no_longer_counts(client, login, today):
    login()
    victim = VictimFactory()
    consent = make.consent(victim, decided_on=datetime.date(2024, 1, 1))
    client.post(
        reverse("casework:consent_withdraw", args=[consent.pk]),
        {"version": consent.version, "withdrawn_on": "2025-03-10"},
    )
    response = client.post(create_url(victim), TO_IOM)
    assert "withdrawn on 2025-03-10" in " ".join(response.context["form"].errors["override_reason"])
    # Nor on a referral dated the day before the withdrawal (issue 19.8): it must count today too.
    response = client.post(create_url(victim), {**TO_IOM, "referred_on": "2025-03-09"})
    assert "still today, 2025-03-12" in " ".join(response.context["form"].errors["override_reason"])
    assert not Referral.objects.exists()


def test_a_referral_with_a_current_consent_names_it(client, login, today):
    login()
    victim = VictimFactory()
    consent = make.consent(
        victim, decided_on=datetime.date(2025, 3, 10), expires_on=datetime.date(2025, 3, 12)
    )
    response = client.post(create_url(victim), {**TO_IOM, "override_reason": "Not needed."})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.consent, referral.override_reason, referral.status) == (consent, "", "sent")
    event = AuditEvent.objects.get(action="create", detail__startswith=f"referral {referral.pk}")
    assert event.detail == f"referral {referral.pk} to iom: consent {consent.pk}"


def test_an_override_is_audited_and_shown_on_the_victims_page(client, login, today):
    user = login()
    victim = VictimFactory()
    reason = "Danger tonight: the recruiter knows the shelter."
    response = client.post(create_url(victim), {**TO_IOM, "override_reason": reason}, follow=True)
    assert "without consent" in response.content.decode()
    referral = Referral.objects.get()
    assert referral.consent is None and referral.override_reason == reason
    event = AuditEvent.objects.get(action="create", detail__startswith=f"referral {referral.pk}")
    assert (event.user, event.object_type, event.object_id) == (user, "victim", str(victim.pk))
    assert "WITHOUT CONSENT" in event.detail and reason not in event.detail  # the log holds no case data
    body = client.get(victim.get_absolute_url()).content.decode()
    assert "Without consent" in body and reason in body


def test_the_referral_form_lists_the_answers_about_sharing(client, login, today):
    login()
    victim = VictimFactory()
    make.consent(victim, agency="ngo", agency_name="Haven House")
    body = client.get(create_url(victim)).content.decode()
    assert "Haven House (NGO)" in body


def test_a_referral_goes_sent_accepted_completed(client, login, today):
    login()
    referral = make.referral(VictimFactory())
    url = reverse("casework:referral_status", args=[referral.pk])
    done = client.post(url, {"version": referral.version, "status": "completed", "on": "2025-03-11"})
    assert "Select a valid choice" in done.context["form"].errors["status"][0]
    assert (
        client.post(url, {"version": referral.version, "status": "accepted", "on": "2025-03-11"}).status_code
        == 302
    )
    referral.refresh_from_db()
    assert (referral.status, referral.answered_on) == ("accepted", datetime.date(2025, 3, 11))
    early = client.post(url, {"version": referral.version, "status": "completed", "on": "2025-03-10"})
    assert "accepted on 2025-03-11" in str(early.context["form"].non_field_errors())
    assert (
        client.post(url, {"version": referral.version, "status": "completed", "on": "2025-03-12"}).status_code
        == 302
    )
    referral.refresh_from_db()
    assert referral.status == "completed" and referral.history.count() == 3
    body = client.get(url).content.decode()
    assert '<form method="post" novalidate>' not in body  # nothing left to record


def test_a_declined_referral_needs_the_agencys_reason(client, login, today):
    login()
    referral = make.referral(VictimFactory())
    url = reverse("casework:referral_status", args=[referral.pk])
    response = client.post(url, {"version": referral.version, "status": "declined", "on": "2025-03-11"})
    assert "Say why" in " ".join(response.context["form"].errors["note"])
    client.post(
        url, {"version": referral.version, "status": "declined", "on": "2025-03-11", "note": "No places."}
    )
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "No places.")
    stale = client.post(url, {"version": referral.version - 1, "status": "accepted", "on": "2025-03-11"})
    assert stale.status_code == 200


# --- The police unit's side -----------------------------------------------------------------------


def police_referral(victim=None, **fields):
    return make.referral(victim or VictimFactory(given_name="Rosalinda"), agency="atips_police", **fields)


def police_url(referral):
    return reverse("casework:police_referral", args=[referral.pk])


def test_the_police_see_the_referral_by_reference_until_the_person_is_linked(client, login, today):
    login(Role.POLICE)
    referral = police_referral(reason="Wants to report the recruiter.")
    home = client.get(reverse("home")).content.decode()
    assert referral.victim.reference in home and "Wants to report the recruiter." in home
    assert "Rosalinda" not in home
    page = client.get(police_url(referral)).content.decode()
    assert referral.victim.reference in page and "Name and nationality." in page
    assert "Rosalinda" not in page and "Urgent: no time to ask." not in page  # nor the consent
    assert client.get(referral.victim.get_absolute_url()).status_code == 404


def test_the_police_accept_into_a_new_case_which_links_the_person(client, login, today):
    officer = login(Role.POLICE)
    referral = police_referral()
    response = client.post(
        police_url(referral), {"version": referral.version, "decision": "accept_new", "district": "cayo"}
    )
    case = Case.objects.get()
    assert response.url == case.get_absolute_url()
    assert (case.source, case.district, case.reported_on) == ("human_services", "cayo", referral.referred_on)
    assert CaseVictim.objects.filter(case=case, victim=referral.victim).exists()
    referral.refresh_from_db()
    assert (referral.status, referral.case, referral.answered_by) == ("accepted", case, officer)
    link = AuditEvent.objects.get(action="link")
    assert link.user == officer and case.reference in link.detail
    assert "Rosalinda" in client.get(police_url(referral)).content.decode()
    assert client.get(referral.victim.get_absolute_url()).status_code == 200
    panels = client.get(reverse("home")).context["panels"]
    assert [p["count"] for p in panels if p["template"] == "casework/_police_referrals.html"] == [0]


def test_the_police_accept_into_an_existing_case_by_its_reference(client, login, today):
    login(Role.POLICE)
    case = CaseFactory(reference="C-2025-007")
    referral = police_referral()
    url = police_url(referral)
    unknown = client.post(
        url, {"version": referral.version, "decision": "accept_join", "case_reference": "C-2025-9"}
    )
    assert "No case has this reference" in " ".join(unknown.context["form"].errors["case_reference"])
    client.post(
        url, {"version": referral.version, "decision": "accept_join", "case_reference": " c-2025-007 "}
    )
    assert CaseVictim.objects.filter(case=case, victim=referral.victim).exists()
    again = client.post(url, {"version": referral.version + 1, "decision": "decline", "note": "x"})
    assert "already accepted" in str(again.context["form"].non_field_errors())


def test_the_police_decline_with_a_reason_human_services_reads(client, login, today):
    login(Role.POLICE)
    referral = police_referral()
    url = police_url(referral)
    response = client.post(url, {"version": referral.version, "decision": "decline"})
    assert "Say why" in " ".join(response.context["form"].errors["note"])
    client.post(url, {"version": referral.version, "decision": "decline", "note": "Already investigated."})
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == ("declined", "Already investigated.")
    assert not CaseVictim.objects.exists()
    client.force_login(UserFactory())
    assert "Already investigated." in client.get(referral.victim.get_absolute_url()).content.decode()


def test_social_workers_read_the_police_page_but_do_not_answer_for_the_police(client, login, today):
    login()
    referral = police_referral()
    assert client.get(police_url(referral)).status_code == 200
    assert (
        client.post(police_url(referral), {"version": 1, "decision": "decline", "note": "x"}).status_code
        == 403
    )
    status = client.post(
        reverse("casework:referral_status", args=[referral.pk]),
        {"version": referral.version, "status": "accepted", "on": "2025-03-11"},
    )
    assert "Select a valid choice" in status.context["form"].errors["status"][0]
    assert Referral.objects.get().status == "sent"


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR])
def test_other_roles_never_see_a_police_referral(client, login, today, role):
    login(role)
    referral = police_referral()
    assert client.get(police_url(referral)).status_code == 404
    assert referral.victim.reference not in client.get(reverse("home")).content.decode()


def test_the_police_see_no_referral_to_another_agency(client, login, today):
    login(Role.POLICE)
    referral = make.referral(VictimFactory())
    assert client.get(police_url(referral)).status_code == 404
    assert client.get(reverse("casework:referral_status", args=[referral.pk])).status_code == 404


def test_a_case_opened_from_a_referral_keeps_the_form_of_exploitation(client, login, today):
    """Issue 21, item 15."""
    login(Role.POLICE)
    victim = VictimFactory(
        given_name="Rosalinda", exploitation_forms=[ExploitationForm.objects.get(code="forced_labour")]
    )
    referral = police_referral(victim)
    client.post(
        police_url(referral), {"version": referral.version, "decision": "accept_new", "district": "cayo"}
    )
    case = Case.objects.get()
    assert [f.code for f in case.exploitation_forms.all()] == ["forced_labour"]
    # Its source and date say where it came from; the summary is the reason, in no fixed language.
    assert (case.source, case.summary) == ("human_services", referral.reason)


# --- Issue 19.8: consent to share with the police given 1 Nov, withdrawn 1 Dec; today 10 Dec. ----

NOV_1, DEC_1 = datetime.date(2024, 11, 1), datetime.date(2024, 12, 1)
TODAY_DEC_10 = datetime.date(2024, 12, 10)
TO_POLICE = {**TO_IOM, "agency": "atips_police", "reason": "Wants to report the recruiter."}


def _consenting(client, login, freeze_clock):
    freeze_clock(TODAY_DEC_10)
    login()
    victim = VictimFactory(registered_on=datetime.date(2024, 10, 1))
    return victim, make.consent(victim, decided_on=NOV_1, agency="atips_police")


@pytest.fixture
def withdrawn_in_december(client, login, freeze_clock):
    victim, consent = _consenting(client, login, freeze_clock)
    response = client.post(
        reverse("casework:consent_withdraw", args=[consent.pk]),
        {"version": consent.version, "withdrawn_on": DEC_1.isoformat()},
    )
    assert response.status_code == 302
    return victim


def _police_home(client) -> str:
    client.force_login(UserFactory(role=Role.POLICE))
    return client.get(reverse("home")).content.decode()


WITHDRAWN = "The consent to share with ATIPs Police Unit was withdrawn on 2024-12-01."


@pytest.mark.parametrize(
    "referred_on, why",
    [
        ("2024-12-05", f"{WITHDRAWN} Record the person's consent first"),
        ("2024-11-15", f"{WITHDRAWN} A referral needs consent on its date and still today, 2024-12-10"),
    ],
)
def test_a_referral_dated_back_before_a_withdrawal_is_refused(
    client, withdrawn_in_december, referred_on, why
):
    response = client.post(create_url(withdrawn_in_december), {**TO_POLICE, "referred_on": referred_on})
    assert response.status_code == 200
    assert why in " ".join(response.context["form"].errors["override_reason"])
    assert not Referral.objects.exists()
    assert "Wants to report the recruiter." not in _police_home(client)


def test_the_written_override_still_lets_it_go(client, withdrawn_in_december):
    reason = "Danger tonight: the recruiter knows the shelter."
    data = {**TO_POLICE, "referred_on": "2024-11-15", "override_reason": reason}
    assert client.post(create_url(withdrawn_in_december), data).status_code == 302
    referral = Referral.objects.get()
    assert (referral.consent, referral.override_reason) == (None, reason)
    assert "Wants to report the recruiter." in _police_home(client)


def test_a_consent_current_on_both_days_is_enough(client, login, freeze_clock):
    victim, consent = _consenting(client, login, freeze_clock)
    assert client.post(create_url(victim), {**TO_POLICE, "referred_on": "2024-11-15"}).status_code == 302
    assert Referral.objects.get().consent == consent


def test_a_referral_dated_in_the_future_is_refused(client, login, freeze_clock):
    victim, _consent = _consenting(client, login, freeze_clock)
    response = client.post(create_url(victim), {**TO_POLICE, "referred_on": "2024-12-11"})
    assert response.status_code == 200
    assert "in the future" in " ".join(response.context["form"].errors["referred_on"])
    assert not Referral.objects.exists()
