"""roles.md: every failed access attempt is audited: anonymous ones, CSRF failures and server
errors too."""

import pytest
from django.test import Client
from django.urls import reverse

from atip.models import AuditEvent, ReferenceCounter
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_request_for_a_page_is_audited_as_refused(client):
    response = client.get("/victims/", {"q": "Maria"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    event = AuditEvent.objects.get(action="denied")
    assert (event.user, event.username, event.path) == (None, "", "/victims/?q=<5 characters>")
    assert event.detail == "login required"
    assert event.object_type == "victims:list"


def test_an_anonymous_request_for_the_admin_site_is_audited_as_refused(client):
    assert client.get("/admin/").status_code == 302
    assert AuditEvent.objects.filter(action="denied", path="/admin/", user=None).exists()


def test_the_login_page_and_logging_out_are_no_refusals(client, login):
    assert client.get(reverse("login")).status_code == 200
    login()
    assert client.post(reverse("logout")).status_code == 302  # to the login page, no `next`
    assert not AuditEvent.objects.filter(action="denied").exists()


def test_a_csrf_failure_is_audited_and_shown_the_projects_page():
    client = Client(enforce_csrf_checks=True)
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("victims:create"), {"given_name": "Maria"})
    assert response.status_code == 403
    assert "This form had expired" in response.content.decode()  # templates/403_csrf.html
    event = AuditEvent.objects.get(action="denied")
    assert (event.user, event.path) == (user, reverse("victims:create"))
    assert event.detail.startswith("403 CSRF: CSRF cookie not set")


@pytest.mark.urls("tests.atip.urls_failing")
def test_a_server_error_is_audited_and_its_row_outlives_the_rollback():
    client = Client(raise_request_exception=False)
    user = UserFactory()
    client.force_login(user)
    response = client.get("/failing/", {"q": "Maria"})
    assert response.status_code == 500
    assert not ReferenceCounter.objects.filter(prefix="X").exists()  # the view's work rolled back
    event = AuditEvent.objects.get(action="error")
    assert (event.user, event.path, event.detail) == (user, "/failing/?q=<5 characters>", "500 RuntimeError")
    assert "Maria" not in event.detail
