"""The POST-only actions on an account: deactivate, reactivate, reset two-factor, e-mail a
password link."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountChange, LanguagePreference
from atip.models import AuditEvent
from atip.roles import Role
from tests.accounts.conftest import NOT_ADMINS
from tests.factories import PASSWORD, UserFactory, enrol

pytestmark = pytest.mark.django_db
ACTIONS = ["deactivate", "reactivate", "reset_two_factor", "password_link"]


def url(name, user):
    return reverse(f"accounts:{name}", args=[user.pk])


def deactivated(role=Role.POLICE):
    user = UserFactory(role=role)
    user.is_active = False
    user.save()
    return user


def test_deactivation_applies_at_once_and_the_account_cannot_log_in(client, admin):
    user = UserFactory(username="pat", role=Role.SOCIAL_WORKER)
    response = client.post(url("deactivate", user), follow=True)
    assert "pat can no longer log in" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active
    assert (
        AuditEvent.objects.get(action="deactivate").detail == "deactivate: role social_worker → social_worker"
    )
    client.logout()
    response = client.post(reverse("login"), {"username": "pat", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Please enter a correct username and password" in response.content.decode()


def test_a_deactivated_account_loses_its_open_session(client, as_user, second_admin):
    user = UserFactory(role=Role.SOCIAL_WORKER)
    as_user(user)
    assert client.get(reverse("victims:list")).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(reverse("victims:list")).status_code == 302


def test_reactivating_a_secretary_applies_at_once(client, admin):
    user = deactivated(Role.SECRETARY)
    client.post(url("reactivate", user))
    user.refresh_from_db()
    assert user.is_active
    assert AuditEvent.objects.get(action="reactivate").detail == "reactivate: role secretary → secretary"


def test_reactivating_an_account_reaching_victims_waits_for_approval(client, admin):
    user = deactivated(Role.POLICE)
    response = client.post(url("reactivate", user), follow=True)
    assert "takes effect when another administrator approves it" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active
    assert AccountChange.objects.get().status == "pending"


def test_resetting_two_factor_deletes_the_devices(client, admin):
    user = UserFactory(role=Role.SOCIAL_WORKER)
    enrol(user)
    other = UserFactory()
    enrol(other)
    client.post(url("reset_two_factor", user), {"reason": "Phone lost"})
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert TOTPDevice.objects.filter(user=other).exists()
    assert AuditEvent.objects.get(action="otp_reset").object_id == str(user.pk)


def test_a_two_factor_reset_is_confirmed_on_a_page_of_its_own(client, admin):
    """Issue 21.10: the account's page links to a confirmation, which says what the reset does
    and asks why; nothing is reset by opening it."""
    user = UserFactory(username="pat", role=Role.SOCIAL_WORKER, first_name="Pat", last_name="Cal")
    enrol(user)
    detail = client.get(reverse("accounts:detail", args=[user.pk])).content.decode()
    assert f'href="{url("reset_two_factor", user)}"' in detail
    assert f'action="{url("reset_two_factor", user)}"' not in detail  # no reset in one click
    body = client.get(url("reset_two_factor", user)).content.decode()
    assert "Reset the two-factor authentication of pat" in body
    assert "Pat Cal&#x27;s authenticator app and backup codes stop working" in body
    assert 'name="reason"' in body and "Reset two-factor" in body
    assert TOTPDevice.objects.filter(user=user).exists() and not AccountChange.objects.exists()


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_a_two_factor_reset_needs_a_reason(client, admin, reason):
    user = UserFactory(role=Role.SOCIAL_WORKER)
    enrol(user)
    response = client.post(url("reset_two_factor", user), {"reason": reason})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user).exists()
    assert not AccountChange.objects.exists() and not AuditEvent.objects.filter(action="otp_reset").exists()


def test_the_reason_of_a_two_factor_reset_is_in_its_audit_row(client, admin):
    user = UserFactory(role=Role.SOCIAL_WORKER)
    enrol(user)
    response = client.post(
        url("reset_two_factor", user), {"reason": "Phone stolen,\n reported 3 May"}, follow=True
    )
    assert "was reset: they enrol again" in response.content.decode()
    assert AuditEvent.objects.get(action="otp_reset").detail == (
        "reset_2fa: role social_worker → social_worker; reason: Phone stolen, reported 3 May"
    )


def test_the_password_link_goes_to_the_holder_only_and_works_once(client, admin, mailoutbox):
    user = UserFactory(username="jo", role=Role.POLICE, email="jo.smith@example.org")
    response = client.post(url("password_link", user), follow=True)
    body = response.content.decode()
    assert "sent to j…@example.org" in body
    assert [m.to for m in mailoutbox] == [["jo.smith@example.org"]]
    link = re.search(r"http://testserver(/accounts/password/\S+/)", mailoutbox[0].body).group(1)
    assert link.split("/")[-2] not in body  # the administrator never sees the token
    assert AuditEvent.objects.get(action="password_link").object_id == str(user.pk)

    client.logout()
    form_url = client.get(link).url  # Django swaps the token for a session marker
    response = client.post(
        form_url, {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"}
    )
    assert response.status_code == 302 and response.url == reverse("accounts:password_done")
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")
    assert AuditEvent.objects.get(action="password_set").user == user

    client.cookies.clear()
    assert "no longer works" in client.get(link, follow=True).content.decode()


@pytest.mark.parametrize(
    ("holders_language", "subject"), [(None, "choose a new password"), ("es", "contraseña")]
)
def test_the_password_link_is_in_the_holders_language_not_the_administrators(
    client, admin, mailoutbox, holders_language, subject
):
    user = UserFactory(role=Role.POLICE, email="jo.smith@example.org")
    if holders_language:
        LanguagePreference.objects.create(user=user, language=holders_language)
    client.post(reverse("accounts:language"), {"language": "es" if holders_language is None else "en-gb"})
    client.post(url("password_link", user))
    assert subject in mailoutbox[0].subject


def test_the_password_link_lasts_24_hours(settings):
    assert settings.PASSWORD_RESET_TIMEOUT == 24 * 60 * 60


def test_no_link_without_an_address(client, admin, mailoutbox):
    user = UserFactory(email="")
    response = client.post(url("password_link", user), follow=True)
    assert "no e-mail address" in response.content.decode()
    assert mailoutbox == [] and not AccountChange.objects.exists()


def test_a_mail_failure_is_said_and_records_nothing(client, admin, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("accounts.services.send_mail", refuse)
    response = client.post(url("password_link", UserFactory()), follow=True)
    assert "could not be sent" in response.content.decode()
    assert not AccountChange.objects.exists()


@pytest.mark.parametrize("action", ACTIONS)
def test_an_administrator_cannot_act_on_their_own_account(client, admin, action):
    response = client.post(url(action, admin))
    assert response.status_code == 403
    assert "You cannot change your own account" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active and not AccountChange.objects.exists()


@pytest.mark.parametrize("action", ACTIONS)
def test_the_superuser_is_out_of_reach(client, admin, action):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 16)
    assert client.post(url(action, root)).status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", NOT_ADMINS)
def test_other_roles_get_404(client, login, role, action):
    login(role)
    user = UserFactory(role=Role.SECRETARY)
    assert client.post(url(action, user)).status_code == 404
    user.refresh_from_db()
    assert user.is_active


@pytest.mark.parametrize("action", ACTIONS)
def test_anonymous_is_sent_to_login(client, action):
    response = client.post(url(action, UserFactory()))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("action", [a for a in ACTIONS if a != "reset_two_factor"])
def test_it_rejects_get(client, admin, action):
    assert client.get(url(action, UserFactory())).status_code == 405
