import datetime
import io

import pytest
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from atip.models import AuditEvent
from atip.roles import Role, role_of
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_works_and_is_audited(client):
    user = UserFactory(username="maria")
    response = client.post(reverse("login"), {"username": "maria", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert AuditEvent.objects.filter(action="login", user=user).exists()


def test_repeated_failed_logins_lock_the_account(client):
    UserFactory(username="maria")
    for _ in range(5):
        client.post(reverse("login"), {"username": "maria", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "maria", "password": PASSWORD})
    assert response.status_code == 429
    assert "locked" in response.content.decode()
    assert AuditEvent.objects.filter(action="login_failed").count() >= 5


def _expires(client) -> datetime.datetime:
    return timezone.localtime(Session.objects.get(session_key=client.session.session_key).expire_date)


def test_sessions_expire_after_30_idle_minutes(client, login, freeze_clock):
    """Each request moves the expiry on (written at most once a minute): 30 minutes after the last
    one that did, the session has ended."""
    at = lambda minute, second=0: datetime.datetime(2024, 3, 5, 10, minute, second)  # noqa: E731
    freeze_clock(at(0))
    login()
    freeze_clock(at(0, 30))
    assert client.get(reverse("home")).status_code == 200
    assert _expires(client).replace(tzinfo=None) == at(30, 30)
    freeze_clock(at(1))  # 30 s later: nothing written
    assert client.get(reverse("home")).status_code == 200
    assert _expires(client).replace(tzinfo=None) == at(30, 30)
    freeze_clock(at(1, 31))  # a minute later: the expiry moves on
    assert client.get(reverse("home")).status_code == 200
    assert _expires(client).replace(tzinfo=None) == at(31, 31)
    freeze_clock(at(31, 0))  # 29½ minutes idle: still in
    assert client.get(reverse("home")).status_code == 200
    freeze_clock(datetime.datetime(2024, 3, 5, 11, 1, 1))  # 30 minutes after that request: out
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_navigation_shows_only_what_the_role_may_use(client, login):
    login(Role.SECRETARY)
    body = client.get(reverse("home")).content.decode()
    assert reverse("victims:list") not in body
    assert reverse("audit_log") not in body
    assert reverse("prevention:list") in body


def test_create_user_sets_exactly_one_role(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-passphrase\n"))
    call_command("create_user", "maria", "--role", "police", "--password-stdin", stdout=io.StringIO())
    call_command("create_user", "maria", "--role", "prosecutor", stdout=io.StringIO())
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="maria")
    assert list(user.groups.values_list("name", flat=True)) == ["prosecutor"]
    assert user.check_password("a-long-enough-passphrase")
    assert role_of(user) == Role.PROSECUTOR


def test_create_user_refuses_a_weak_password(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(CommandError, match="at least 12 characters"):
        call_command("create_user", "maria", "--role", "police", "--password-stdin")


def test_create_user_refuses_an_unknown_role():
    with pytest.raises(CommandError):
        call_command("create_user", "maria", "--role", "boss")


def test_only_the_emergency_superuser_reaches_the_admin_site(client, login, django_user_model):
    # Administrators manage accounts in the application (accounts app), audited, two-person rule.
    for role in (Role.SOCIAL_WORKER, Role.ADMINISTRATOR):
        login(role)
        assert client.get(reverse("admin:auth_user_changelist")).status_code == 302
        assert client.get(reverse("admin:login")).url == reverse("home")
        client.logout()
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x" * 16))
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_the_admin_site_logs_in_through_the_application(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login") + "?next=")
