"""roles.md: the audit log itself holds no personal data of victims: no names, no search words."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from atip.audit import redacted_path
from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def all_values(model):
    return " ".join(str(value) for row in model.objects.values() for value in row.values())


def test_a_refused_search_keeps_the_length_of_the_words_only(client, login):
    login(Role.SECRETARY)  # may not see victims: the search is refused (404) and audited
    response = client.get("/victims/", {"q": "Maria Lopez Perez", "status": "identified"})
    assert response.status_code == 404
    assert AuditEvent.objects.get(action="denied").path == "/victims/?q=<17 characters>&status=identified"
    assert "Maria" not in all_values(AuditEvent) and "Lopez" not in all_values(AuditEvent)


def test_the_audit_page_shows_no_search_words(client, login):
    login(Role.SECRETARY)
    client.get("/victims/", {"q": "Maria Lopez Perez"})
    client.logout()
    login(Role.ADMINISTRATOR)
    body = client.get(reverse("audit_log")).content.decode()
    assert "/victims/?q=&lt;17 characters&gt;" in body
    assert "Maria" not in body and "Lopez" not in body


def test_free_text_parameters_keep_their_length_and_codes_stay(rf):
    request = rf.get(
        "/cases/",
        {"reference": "Perez", "district": "belize", "year": "2020", "page": "2", "status": "Maria Lopez"},
    )
    # A code parameter holding something that is no code is redacted like free text.
    assert redacted_path(request) == (
        "/cases/?reference=<5 characters>&district=belize&year=2020&page=2&status=<11 characters>"
    )


def test_an_unknown_parameter_is_redacted_name_and_all(rf):
    assert redacted_path(rf.get("/victims/?Maria+Lopez=1&search=Perez")) == (
        "/victims/?<parameter>=<1 characters>&search=<5 characters>"
    )


def test_a_path_without_a_query_is_kept(rf):
    assert redacted_path(rf.get("/victims/12/")) == "/victims/12/"


def test_a_failed_login_keeps_the_username_of_an_existing_account(client):
    UserFactory(username="maria")
    client.post(reverse("login"), {"username": "maria", "password": "wrong-password"})
    assert AuditEvent.objects.get(action="login_failed").detail == "maria"


def test_a_failed_login_keeps_only_the_length_of_an_unknown_username(client):
    # A password typed into the username box names no account: neither the audit log nor the
    # lockout's records keep it.
    client.post(reverse("login"), {"username": "Tr0ub4dor&3xyz", "password": "x"})
    assert AuditEvent.objects.get(action="login_failed").detail == "(unknown username, 14 characters)"
    assert "Tr0ub4dor" not in all_values(AuditEvent)
    assert AccessAttempt.objects.exists()
    assert "Tr0ub4dor" not in all_values(AccessAttempt)
