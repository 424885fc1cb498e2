"""The account holder is told, once, at their next login, of each change made to their account."""

import pytest
from django.urls import reverse

from atip.roles import Role
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def log_in(client, username):
    client.logout()
    return client.post(reverse("login"), {"username": username, "password": PASSWORD}, follow=True)


def test_each_change_is_told_once_at_the_next_login(client, as_user, second_admin):
    user = UserFactory(username="sam", role=Role.SECRETARY, first_name="Sam", last_name="Young")
    log_in(client, "sam")  # a previous login
    as_user(UserFactory(username="ana.admin", role=Role.ADMINISTRATOR))
    client.post(
        reverse("accounts:edit", args=[user.pk]),
        {"first_name": "Samuel", "last_name": "Young", "email": user.email},
    )
    client.post(reverse("accounts:role", args=[user.pk]), {"role": Role.SOCIAL_WORKER})  # needs approval
    as_user(second_admin)
    change = user.account_changes.get(status="pending")
    client.post(reverse("accounts:change", args=[change.pk]), {"decision": "approve", "reason": "transfer"})

    body = log_in(client, "sam").content.decode()
    assert body.count("Your account was changed by") == 2
    assert "Your account was changed by ana.admin on" in body and ": Name changed." in body
    assert "by ana.admin (approved by ben.admin) on" in body
    assert "Role changed: Council secretary → Social worker" in body

    assert "Your account was changed" not in log_in(client, "sam").content.decode()


def test_a_pending_or_rejected_change_is_not_told(client, admin, second_admin, as_user):
    user = UserFactory(username="sam", role=Role.SECRETARY)
    log_in(client, "sam")
    as_user(admin)
    client.post(reverse("accounts:role", args=[user.pk]), {"role": Role.POLICE})
    assert "Your account was changed" not in log_in(client, "sam").content.decode()
