"""The load test's writes (scripts/loadtest/writes.py) against the application's real forms: each
kind of write, filled as the simulated staff fill it, is saved (a redirect and a new record), not
sent back as the form with errors."""

import datetime
import importlib.util
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.roles import Role
from cases.models import Case, Suspect
from casework.models.consent import Consent
from casework.models.notes import ContactNote
from services.models import ServiceEpisode
from tests.factories import CaseFactory, ServiceEpisodeFactory, VictimFactory
from victims.models import IdentificationStatus

# Loaded by its path: the loadtest package imports Locust, which patches the standard library.
_spec = importlib.util.spec_from_file_location(
    "loadtest_writes", Path(__file__).resolve().parents[1] / "scripts" / "loadtest" / "writes.py"
)
writes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(writes)

pytestmark = pytest.mark.django_db


def post_write(client, kind: str, path: str):
    """GET the form, fill it as the load test does, POST it; the answer must be a redirect."""
    form = client.get(path)
    assert form.status_code == 200
    response = client.post(path, writes.filled(kind, form.content.decode(), timezone.localdate().isoformat()))
    assert response.status_code == 302, writes.form_errors(response.content.decode())
    return response


def form_path(kind: str, *args) -> str:
    return reverse(writes.FORM_URL_NAMES[kind], args=args)


@pytest.mark.parametrize(
    ("kind", "records"),
    [
        ("service added", lambda victim: ServiceEpisode.objects.filter(victim=victim)),
        ("note", lambda victim: ContactNote.objects.filter(victim=victim)),
        ("consent", lambda victim: Consent.objects.filter(victim=victim)),
    ],
)
def test_social_worker_writes_are_saved(client, login, kind, records):
    login(Role.SOCIAL_WORKER)
    victim = VictimFactory()
    post_write(client, kind, form_path(kind, victim.pk))
    assert records(victim).count() == 1


def test_a_minor_s_consent_is_saved(client, login):
    login(Role.SOCIAL_WORKER)
    victim = VictimFactory(
        date_of_birth=timezone.localdate().replace(day=1, month=1) - datetime.timedelta(days=3650)
    )
    post_write(client, "consent", form_path("consent", victim.pk))
    assert Consent.objects.get(victim=victim).guardian_name == "Load Test"


def test_the_identification_decision_is_saved(client, login):
    login(Role.SOCIAL_WORKER)
    victim = VictimFactory()
    post_write(client, "decision", form_path("decision", victim.pk))
    victim.refresh_from_db()
    assert victim.identification_status == IdentificationStatus.IDENTIFIED


def test_a_service_is_closed_through_the_link_on_the_services_page(client, login):
    login(Role.SOCIAL_WORKER)
    episode = ServiceEpisodeFactory(start_date=timezone.localdate().replace(day=1))
    page = client.get(reverse("services:victim", args=[episode.victim.pk]))
    links = writes.CLOSE_LINK.findall(page.content.decode())
    assert links == [reverse("services:close", args=[episode.pk])]
    post_write(client, "service closed", links[0])
    episode.refresh_from_db()
    assert episode.end_date == timezone.localdate()


def test_police_writes_are_saved(client, login):
    login(Role.POLICE)
    case = CaseFactory()
    post_write(client, "case reported", form_path("case reported"))
    post_write(client, "suspect added", form_path("suspect added", case.pk))
    assert Case.objects.count() == 2
    assert Suspect.objects.filter(case=case).count() == 1


def test_the_page_s_own_form_is_read_not_the_header_s(client, login):
    login(Role.SOCIAL_WORKER)
    html = client.get(form_path("note", VictimFactory().pk)).content.decode()
    fields = writes.form_fields(html)
    assert "language" not in fields and "next" not in fields
    assert {"kind", "happened_on", "text", "version"} <= set(fields)


def test_a_refused_form_says_what_to_fix(client, login):
    login(Role.SOCIAL_WORKER)
    path = form_path("note", VictimFactory().pk)
    response = client.post(path, {"happened_on": "", "text": ""})
    assert response.status_code == 200
    assert "What happened: This field is required." in writes.form_errors(response.content.decode())
