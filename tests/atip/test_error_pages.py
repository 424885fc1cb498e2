"""Kind when things go wrong (issue 11, point 5): error pages with the navigation and a way back,
and a form sent after the session expired is not lost."""

import pytest
from django.test import override_settings
from django.urls import reverse

from atip.roles import Role
from tests.factories import UserFactory, VictimFactory
from victims.models import Victim

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_a_404_has_the_navigation_and_a_way_home(client, login):
    login(Role.POLICE)
    response = client.get("/victims/999999/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "not open to you" in body
    assert reverse("home") in body and 'aria-label="Main"' in body


@override_settings(DEBUG=False)
def test_a_403_explains_and_offers_a_way_back(client, login):
    login(Role.PROSECUTOR)
    response = client.get(reverse("cases:create"))
    assert response.status_code == 403
    assert "You may not do this" in response.content.decode()


def test_a_csrf_failure_is_a_page_with_a_way_back(client, login):
    from django.test import Client

    user = UserFactory(role=Role.SOCIAL_WORKER)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    response = strict.post(reverse("victims:create"), {"given_name": "Ana"})
    assert response.status_code == 403
    assert "This form had expired" in response.content.decode()


def test_the_keep_alive_button_renews_the_session(client, login):
    login()
    assert client.post(reverse("keep_alive")).status_code == 204
    assert client.get(reverse("keep_alive")).status_code == 405


def test_the_page_says_when_the_session_ends(client, login):
    login()
    body = client.get(reverse("home")).content.decode()
    assert 'data-session-seconds="1800"' in body


def test_a_form_sent_after_the_session_expired_is_kept_across_the_login(client):
    user = UserFactory(role=Role.SOCIAL_WORKER)
    data = {"given_name": "Yesenia", "family_name": "Coc", "sex": "female", "registered_on": "2024-03-01"}
    response = client.post(reverse("victims:create"), data, follow=True)  # signed out
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "what you typed will be shown again" in response.content.decode()
    assert not Victim.objects.exists()
    client.force_login(user)
    response = client.get(reverse("victims:create"))
    form = response.context["form"]
    assert form["given_name"].value() == "Yesenia" and form["family_name"].value() == "Coc"
    assert not Victim.objects.exists()  # shown again, not saved
    assert "before your session ended" in response.content.decode()
    # Only once: the next visit is an empty form.
    assert client.get(reverse("victims:create")).context["form"]["given_name"].value() in (None, "")


def test_a_password_is_never_kept(client):
    client.post(reverse("victims:create"), {"given_name": "Ana", "password": "secret-secret"})
    kept = client.session["atip_form_before_login"]
    assert "Ana" in kept["data"] and "secret" not in kept["data"]


def test_the_navigation_marks_the_current_section(client, login):
    login()
    VictimFactory()
    body = client.get(reverse("victims:list")).content.decode()
    assert f'href="{reverse("victims:list")}" aria-current="page"' in body
    assert f'href="{reverse("home")}" aria-current' not in body


def test_a_refused_form_starts_with_a_summary_linking_to_the_fields(client, login):
    login()
    body = client.post(reverse("victims:create"), {"given_name": "Ana"}).content.decode()
    assert "data-error-summary" in body
    assert 'href="#id_sex"' in body and 'href="#id_registered_on"' in body


def test_switching_language_on_the_login_page_keeps_no_form_and_says_nothing_of_a_session(client):
    """Issue 21.5: the anonymous language switch is answered by a redirect to the login page, but
    it is not a form lost to an expired session."""
    login_page = reverse("login") + "?next=" + reverse("victims:list")
    response = client.post(reverse("accounts:language"), {"language": "es", "next": login_page}, follow=True)
    assert response.redirect_chain[-1][0] == login_page
    body = response.content.decode()
    assert "sesión terminó" not in body and "session ended" not in body
    assert "atip_form_before_login" not in client.session


@override_settings(DEBUG=True)
@pytest.mark.parametrize("url", ["/victims/999999/", "/no-such-page/"])
def test_in_development_a_404_is_the_applications_page_in_the_users_language(client, login, url):
    """Issue 21.16: `make run` (DEBUG on) shows the 404 page people see, not Django's debug page
    that lists every URL of the application."""
    login(Role.POLICE)
    client.cookies["django_language"] = "es"
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    body = response.content.decode()
    assert "no está disponible para usted" in body
    assert "URLconf" not in body and "victims/" not in body.split("<main", 1)[-1].split("</main>")[0]


@override_settings(DEBUG=True)
@pytest.mark.urls("tests.atip.urls_failing")
def test_in_development_a_server_error_is_the_applications_page_and_is_still_audited():
    from django.test import Client

    from atip.models import AuditEvent

    client = Client(raise_request_exception=False)
    client.force_login(UserFactory(role=Role.SOCIAL_WORKER))
    response = client.get("/failing/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "Traceback" not in body and "Maria Lopez" not in body
    assert AuditEvent.objects.filter(action="error").exists()
