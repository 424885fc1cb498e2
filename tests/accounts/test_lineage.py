"""Issue 19, item 2: "cannot approve for the account that created you" holds both ways, and along
a short chain of creations."""

import pytest
from django.contrib.auth import get_user_model

from accounts.approval import LINEAGE_DEPTH, lineage
from accounts.models import AccountChange
from atip.roles import Role, role_of
from tests.accounts.flows import ask_account, ask_email, ask_role, decide
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def made_admin(client, as_user, *, by, approver, username):
    """`by` asks for an administrator account `username`; `approver` approves it."""
    as_user(by)
    ask_account(client, username, Role.ADMINISTRATOR, email=f"{username}@example.org")
    as_user(approver)
    decide(client, AccountChange.objects.get(username=username, kind="create"))
    return User.objects.get(username=username)


@pytest.fixture
def admins():
    return {name: UserFactory(username=name, role=Role.ADMINISTRATOR) for name in ("a", "b", "c")}


def test_the_creator_cannot_approve_for_the_account_it_created(client, as_user, admins):
    a4 = made_admin(client, as_user, by=admins["a"], approver=admins["b"], username="a4")
    as_user(a4)
    ask_account(client, "new.sw", Role.SOCIAL_WORKER)
    as_user(admins["a"])
    response = decide(client, AccountChange.objects.get(username="new.sw"))
    assert response.status_code == 403 and "made one from the other" in response.content.decode()
    assert not User.objects.filter(username="new.sw").exists()


def test_the_created_account_cannot_approve_for_its_creator(client, as_user, admins):
    a4 = made_admin(client, as_user, by=admins["a"], approver=admins["b"], username="a4")
    secretary = UserFactory(role=Role.SECRETARY)
    as_user(admins["a"])
    ask_role(client, secretary, Role.POLICE)
    as_user(a4)
    assert decide(client, AccountChange.objects.get(kind="role")).status_code == 403
    assert role_of(secretary) == Role.SECRETARY


def test_along_a_chain_both_ways_and_a_stranger_may(client, as_user, admins):
    a, b = admins["a"], admins["b"]
    a2 = made_admin(client, as_user, by=a, approver=b, username="a2")
    a3 = made_admin(client, as_user, by=a2, approver=b, username="a3")
    assert lineage(a3.pk) == {a.pk, a2.pk} and LINEAGE_DEPTH >= 2
    secretary = UserFactory(role=Role.SECRETARY)
    as_user(a3)
    ask_role(client, secretary, Role.POLICE)
    as_user(a)
    assert decide(client, AccountChange.objects.get(kind="role")).status_code == 403
    as_user(admins["c"])
    decide(client, AccountChange.objects.get(kind="role"))
    assert role_of(User.objects.get(pk=secretary.pk)) == Role.POLICE
    as_user(a)
    ask_role(client, secretary, Role.PROSECUTOR)
    as_user(a3)
    assert decide(client, AccountChange.objects.get(kind="role", status="pending")).status_code == 403


def test_a_re_addressed_account_counts_as_made(client, as_user, admins):
    # a changes b's address (c approves): b is a's from then on, in both directions.
    as_user(admins["a"])
    ask_email(client, admins["b"], "b2@example.org")
    as_user(admins["c"])
    decide(client, AccountChange.objects.get(kind="email"))
    assert lineage(admins["b"].pk) == {admins["a"].pk}
