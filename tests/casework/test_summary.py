"""The printable case summary (issue 10, point 9)."""

import re

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.casework import factories as make
from tests.factories import CaseFactory, ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db


def summary_url(victim):
    return reverse("casework:summary", args=[victim.pk])


@pytest.fixture
def victim(today):
    victim = VictimFactory(given_name="Rosalinda", family_name="Pop", status="identified")
    make.consent(victim, purpose="services", agency="", guardian_name="")
    make.goal(
        make.plan(victim, assessment=make.assessment(victim, risk="high")), description="A new passport."
    )
    make.referral(victim, reason="Return home.")
    ServiceEpisodeFactory(victim=victim, provider="Haven House")
    return victim


def test_it_shows_the_whole_record_marked_confidential(client, login, victim):
    user = login(username="maria.sw")
    response = client.get(summary_url(victim))
    assert response.status_code == 200
    body = response.content.decode()
    for shown in (
        "CONFIDENTIAL",
        "printed by maria.sw",
        "2025-03-12",  # when (the clock of the test)
        "Rosalinda Pop",
        victim.reference,
        "Officially identified",  # decisions
        "Receiving services",  # consent
        "High risk",  # assessment
        "A new passport.",  # plan
        "Haven House",  # services
        "Return home.",  # referrals
        "Without consent:",
        "Confidential case notes.",
    ):
        assert shown in body, shown
    assert AuditEvent.objects.filter(
        action="export",
        user=user,
        object_type="victim",
        object_id=str(victim.pk),
        detail="case summary (print)",
    ).exists()
    assert (
        AuditEvent.objects.filter(
            action="view", user=user, object_id=str(victim.pk), detail="case summary"
        ).count()
        == 1
    )


def test_it_has_no_navigation_nor_edit_link_and_nothing_inline(client, login, victim):
    login()
    response = client.get(summary_url(victim))
    body = response.content.decode()
    assert "<a " not in body and "<nav" not in body and "/edit/" not in body
    assert "style-src 'self'" in response["Content-Security-Policy"]
    assert not re.search(r"<style|\sstyle=|\son[a-z]+=", body)
    assert all('src="' in tag for tag in re.findall(r"<script[^>]*>", body))
    assert 'href="/static/casework/summary.css"' in body


def test_the_victims_page_offers_it(client, login, victim):
    login()
    assert summary_url(victim) in client.get(victim.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR])
def test_it_is_the_social_workers_alone(client, login, victim, role):
    login(role)
    CaseFactory(victims=[victim])  # even a victim the police see
    response = client.get(summary_url(victim))
    assert response.status_code == 404
    assert "Rosalinda" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_it_rejects_post(client, login, victim):
    login()
    assert client.post(summary_url(victim)).status_code == 405


def test_it_answers_404_for_no_such_person(client, login, today):
    login()
    assert client.get(reverse("casework:summary", args=[999999])).status_code == 404
