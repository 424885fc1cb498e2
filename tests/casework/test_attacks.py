"""What an attacker tries: another role guessing casework ids, fields added to a form, script
typed into a text field."""

import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from casework.models import Consent, Referral
from casework.services import review_add
from tests.casework import factories as make
from tests.factories import CaseFactory, ProsecutionFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def records(today):
    """A victim the police see (listed in a case with a prosecution), with casework of every kind."""
    victim = VictimFactory(given_name="Rosalinda")
    ProsecutionFactory(case=CaseFactory(victims=[victim]))
    plan = make.plan(victim)
    goal = make.goal(plan)
    review = review_add(
        plan=plan,
        by=UserFactory(),
        data={"reviewed_on": plan.made_on, "participants": "x", "changes": "y", "next_review_on": today},
    )
    return {
        "consent_edit": make.consent(victim).pk,
        "consent_withdraw": make.consent(victim, agency="labour").pk,
        "assessment_edit": make.assessment(victim).pk,
        "plan_edit": plan.pk,
        "goal_create": plan.pk,
        "goal_edit": goal.pk,
        "review_create": plan.pk,
        "review_edit": review.pk,
        "referral_status": make.referral(victim).pk,
        "police_referral": make.referral(victim).pk,  # to IOM, not the police
        "consent_create": victim.pk,
        "assessment_create": victim.pk,
        "plan_create": victim.pk,
        "referral_create": victim.pk,
        "summary": victim.pk,
    }


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR])
def test_guessing_ids_finds_nothing(client, login, records, role):
    """Every id of every casework record, read and posted to, by roles that see the person."""
    login(role)
    for name, pk in records.items():
        url = reverse(f"casework:{name}", args=[pk])
        posted = client.post(url, {"version": 1, "decision": "decline", "note": "x"})
        assert posted.status_code == (405 if name == "summary" else 404), name  # the summary: GET only
        for response in (client.get(url), posted):
            assert response.status_code in (404, 405), name
            assert "Rosalinda" not in response.content.decode()
        for guess in (pk + 1, pk + 1000):
            assert client.get(reverse(f"casework:{name}", args=[guess])).status_code == 404
    assert AuditEvent.objects.filter(action="denied").count() >= 3 * len(records)
    assert Referral.objects.filter(status="sent").count() == 2  # nothing answered


def test_fields_added_to_a_form_are_ignored(client, login, today):
    user = login()
    victim, other = VictimFactory(), VictimFactory()
    intruder = UserFactory(role=Role.POLICE)
    response = client.post(
        reverse("casework:referral_create", args=[victim.pk]),
        {
            "referred_on": "2025-03-10",
            "agency": "iom",
            "reason": "r",
            "shared": "s",
            "override_reason": "o",
            # not on the form:
            "victim": other.pk,
            "status": "completed",
            "completed_on": "2025-03-11",
            "answered_on": "2025-03-10",
            "consent": make.consent(other).pk,
            "created_by": intruder.pk,
            "case": CaseFactory().pk,
            "version": 99,
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.victim, referral.status, referral.completed_on, referral.consent) == (
        victim,
        "sent",
        None,
        None,
    )
    assert (referral.created_by, referral.case, referral.version) == (user, None, 1)


def test_a_withdrawal_cannot_be_posted_through_the_consent_form(client, login, today):
    login()
    consent = make.consent(VictimFactory())
    client.post(
        reverse("casework:consent_edit", args=[consent.pk]),
        {
            "purpose": "sharing",
            "agency": "iom",
            "answer": "given",
            "decided_on": "2020-03-01",
            "method": "signed_form",
            "version": consent.version,
            "withdrawn_on": "2025-01-01",
            "withdrawn_by": UserFactory().pk,
        },
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on is None and consent.withdrawn_by is None


def test_script_in_text_fields_is_shown_as_text(client, login, today):
    login()
    victim = VictimFactory()
    consent = make.consent(victim, method="verbal", witness_name=SCRIPT, note=SCRIPT)
    assessment = make.assessment(victim, risk_basis=SCRIPT, need_legal=SCRIPT)
    plan = make.plan(victim, next_review_on=today)
    make.goal(
        plan,
        description=SCRIPT,
        agency="ngo",
        agency_name=SCRIPT,
        target_on=today - datetime.timedelta(days=1),
    )
    referral = make.referral(victim, reason=SCRIPT, shared=SCRIPT, override_reason=SCRIPT)
    police = make.referral(victim, agency="atips_police", reason=SCRIPT)
    pages = [
        victim.get_absolute_url(),
        reverse("casework:summary", args=[victim.pk]),
        reverse("casework:referral_status", args=[referral.pk]),
        reverse("casework:consent_edit", args=[consent.pk]),
        reverse("casework:assessment_edit", args=[assessment.pk]),
        reverse("casework:worklist", args=["goals-past-target"]),
        reverse("home"),
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;alert" in body, url
    client.force_login(UserFactory(role=Role.POLICE))
    for url in (reverse("home"), reverse("casework:police_referral", args=[police.pk])):
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "&lt;script&gt;alert" in body, url
    assert Consent.objects.get(pk=consent.pk).witness_name == SCRIPT  # kept as typed
