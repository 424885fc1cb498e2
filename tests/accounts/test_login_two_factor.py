"""Logging in: the password, then (for an enrolled account) the app's code or a backup code."""

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from accounts.auth_views import PENDING
from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import PASSWORD, UserFactory, enrol, totp_code

pytestmark = pytest.mark.django_db
CODE_URL = reverse("accounts:login_code")


@pytest.fixture
def enrolled():
    user = UserFactory(username="maria", role=Role.SOCIAL_WORKER)
    key, codes = enrol(user)
    return user, key, codes


def password_step(client, username="maria", password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password, **extra})


def test_the_password_alone_does_not_log_an_enrolled_account_in(client, enrolled):
    response = password_step(client)
    assert response.status_code == 302 and response.url == CODE_URL
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("victims:list")).status_code == 302
    assert "authenticator app" in client.get(CODE_URL).content.decode()


def test_a_valid_code_logs_in_verified(client, enrolled):
    user, key, _ = enrolled
    password_step(client, next="/victims/")
    response = client.post(CODE_URL, {"code": totp_code(key)})
    assert response.status_code == 302 and response.url == "/victims/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session[DEVICE_ID_SESSION_KEY].startswith("otp_totp.totpdevice/")
    assert PENDING not in client.session
    assert AuditEvent.objects.filter(action="login", user=user).exists()


def test_an_invalid_code_is_refused_and_audited(client, enrolled):
    user, key, _ = enrolled
    password_step(client)
    wrong = f"{(int(totp_code(key)) + 1) % 1_000_000:06d}"
    response = client.post(CODE_URL, {"code": wrong})
    assert response.status_code == 200 and "That code is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action="login_failed")
    assert (event.object_id, event.detail, event.user) == (str(user.pk), "maria: wrong two-factor code", None)


def test_five_wrong_codes_send_back_to_the_password(client, enrolled):
    password_step(client)
    for _ in range(4):
        client.post(CODE_URL, {"code": "000000"})
    response = client.post(CODE_URL, {"code": "000000"})
    assert response.url == reverse("login") and PENDING not in client.session
    assert AuditEvent.objects.filter(action="login_failed").count() == 5


def test_a_backup_code_works_once(client, enrolled):
    user, _, codes = enrolled
    password_step(client)
    response = client.post(CODE_URL, {"code": codes[0].upper()}, follow=True)
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "You logged in with a backup code; 9 left" in response.content.decode()
    client.logout()
    password_step(client)
    response = client.post(CODE_URL, {"code": codes[0]})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_a_used_app_code_cannot_be_replayed(client, enrolled):
    _, key, _ = enrolled
    code = totp_code(key)
    password_step(client)
    client.post(CODE_URL, {"code": code})
    client.logout()
    password_step(client)
    assert client.post(CODE_URL, {"code": code}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_code_step_needs_the_password_step_first(client, enrolled):
    _, key, _ = enrolled
    response = client.post(CODE_URL, {"code": totp_code(key)})
    assert response.url == reverse("login") and "_auth_user_id" not in client.session


def test_the_code_step_expires(client, enrolled, monkeypatch):
    _, key, _ = enrolled
    password_step(client)
    session = client.session
    session[PENDING] = {**session[PENDING], "at": session[PENDING]["at"] - 301}
    session.save()
    assert client.post(CODE_URL, {"code": totp_code(key)}).url == reverse("login")


def test_a_deactivated_account_cannot_finish_the_code_step(client, enrolled):
    user, key, _ = enrolled
    password_step(client)
    user.is_active = False
    user.save()
    assert client.post(CODE_URL, {"code": totp_code(key)}).url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_an_account_without_two_factor_logs_in_with_the_password_while_not_required(client):
    UserFactory(username="dev")
    body = client.get(reverse("login")).content.decode()
    assert "Development mode: two-factor authentication is not required" in body
    assert password_step(client, "dev").url == reverse("home")


def test_the_login_page_does_not_offer_a_way_round_when_required(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    assert "Development mode" not in client.get(reverse("login")).content.decode()


def test_the_password_step_still_locks_out(client, enrolled):
    for _ in range(5):
        password_step(client, password="wrong-password")
    response = password_step(client)
    assert response.status_code == 429
    assert PENDING not in client.session


def test_the_next_url_stays_on_this_site(client, enrolled):
    _, key, _ = enrolled
    password_step(client, next="https://evil.example/")
    assert client.post(CODE_URL, {"code": totp_code(key)}).url == reverse("home")


def test_the_steps_reject_other_methods(client):
    assert client.put(reverse("login")).status_code == 405
    assert client.put(CODE_URL).status_code == 405
