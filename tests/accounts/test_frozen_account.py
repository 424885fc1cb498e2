"""Issue 19, item 1: an e-mail address changed while a grant waits. While a change to an account
waits for approval the account is frozen; an e-mail change on any account needs the second
administrator, and so do a password link or a two-factor reset to an address changed recently;
the approver sees every change since the request."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountChange
from atip.models import AuditEvent
from atip.roles import Role, role_of
from tests.accounts.flows import EVIL, ask_email, ask_role, decide, reset_two_factor, send_link
from tests.factories import UserFactory, enrol

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def sam():
    user = UserFactory(
        username="sam", role=Role.SECRETARY, email="sam@example.org", first_name="Sam", last_name="Li"
    )
    enrol(user)
    return user


def test_the_attack_of_the_issue_is_refused_at_each_step(
    client, admin, second_admin, as_user, sam, mailoutbox
):
    ask_role(client, sam, Role.SOCIAL_WORKER)
    response = ask_email(client, sam)
    assert "is waiting for approval: nothing else about it changes" in response.content.decode()
    assert "is waiting for approval" in send_link(client, sam).content.decode()
    assert "is waiting for approval" in reset_two_factor(client, sam).content.decode()
    sam.refresh_from_db()
    assert sam.email == "sam@example.org" and mailoutbox == []
    assert TOTPDevice.objects.filter(user=sam).exists()
    assert AccountChange.objects.count() == 1  # only the role request
    as_user(second_admin)
    decide(client, AccountChange.objects.get())
    assert role_of(User.objects.get(pk=sam.pk)) == Role.SOCIAL_WORKER


def test_the_detail_page_says_the_account_is_frozen(client, admin, sam):
    ask_role(client, sam, Role.POLICE)
    body = client.get(reverse("accounts:detail", args=[sam.pk])).content.decode()
    assert "nothing else about it changes until it is decided" in body


def test_deactivation_stays_possible_and_the_approver_sees_it(client, admin, second_admin, as_user, sam):
    ask_role(client, sam, Role.SOCIAL_WORKER)
    client.post(reverse("accounts:deactivate", args=[sam.pk]))
    sam.refresh_from_db()
    assert not sam.is_active
    as_user(second_admin)
    body = client.get(reverse("accounts:change", args=[AccountChange.objects.get(kind="role").pk])).content
    body = body.decode()
    assert "Everything recorded about the account since the request" in body
    assert "Account deactivated" in body and "Account change requested" in body


def test_an_e_mail_changed_behind_the_pages_makes_the_approval_stale(
    client, admin, second_admin, as_user, sam
):
    ask_role(client, sam, Role.SOCIAL_WORKER)
    User.objects.filter(pk=sam.pk).update(email=EVIL)  # the command line, a database session…
    as_user(second_admin)
    response = decide(client, AccountChange.objects.get())
    assert "has changed since this was asked" in response.content.decode()
    assert role_of(User.objects.get(pk=sam.pk)) == Role.SECRETARY


def test_the_approval_page_shows_the_e_mail_change_and_the_address_when_asked(
    client, admin, second_admin, as_user, sam
):
    ask_email(client, sam)
    as_user(second_admin)
    body = client.get(reverse("accounts:change", args=[AccountChange.objects.get().pk])).content.decode()
    assert f"sam@example.org → {EVIL}" in body


def readdressed(sam, client, admin, second_admin, as_user):
    """sam's address changed (ana asked, ben approved); ana logged in again."""
    ask_email(client, sam, "sam.new@example.org")
    as_user(second_admin)
    decide(client, AccountChange.objects.get(kind="email"))
    as_user(admin)


def test_a_password_link_to_an_address_changed_recently_waits(
    client, admin, second_admin, as_user, sam, mailoutbox
):
    readdressed(sam, client, admin, second_admin, as_user)
    response = send_link(client, sam)
    assert "It takes effect when another administrator approves it" in response.content.decode()
    assert mailoutbox == []
    as_user(second_admin)
    decide(client, AccountChange.objects.get(kind="password_link"))
    assert [m.to for m in mailoutbox] == [["sam.new@example.org"]]


def test_a_two_factor_reset_after_a_recent_address_change_waits(client, admin, second_admin, as_user, sam):
    readdressed(sam, client, admin, second_admin, as_user)
    reset_two_factor(client, sam, reason="New phone")
    assert TOTPDevice.objects.filter(user=sam).exists()
    assert AccountChange.objects.get(kind="reset_2fa").status == "pending"
    request = AuditEvent.objects.filter(action="account_request").latest("seq")
    assert request.detail == "reset_2fa: role secretary → secretary; reason: New phone"


def test_an_address_changed_long_ago_no_longer_holds_the_link(
    client, admin, second_admin, as_user, sam, settings
):
    readdressed(sam, client, admin, second_admin, as_user)
    long_ago = timezone.now() - timedelta(days=settings.ACCOUNT_RECENT_EMAIL_DAYS + 1)
    AccountChange.objects.filter(kind="email").update(applied_at=long_ago, requested_at=long_ago)
    reset_two_factor(client, sam)
    assert not TOTPDevice.objects.filter(user=sam).exists()
    assert AccountChange.objects.get(kind="reset_2fa").status == "applied"
