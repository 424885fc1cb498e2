import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import IntegrityError, transaction

from atip.models import AuditEvent
from atip.roles import Role, reaches_victims
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_role():
    user = UserFactory(role=Role.SECRETARY)
    second = Group.objects.get(name=Role.SOCIAL_WORKER)
    with pytest.raises(IntegrityError), transaction.atomic():
        user.groups.through.objects.create(user=user, group=second)
    # groups.add() inserts with "ignore conflicts": the unique index makes it a no-op.
    user.groups.add(second)
    assert list(user.groups.values_list("name", flat=True)) == [Role.SECRETARY]


def test_which_roles_reach_victim_records_comes_from_their_abilities():
    assert {role for role in Role if reaches_victims(role)} == {
        Role.SOCIAL_WORKER,
        Role.SUPERVISOR,
        Role.POLICE,
        Role.PROSECUTOR,
    }
    assert not reaches_victims("") and not reaches_victims(None)


def test_no_role_reaches_the_admin_site():
    assert not UserFactory(role=Role.ADMINISTRATOR).is_staff


def test_create_user_stays_the_break_glass_path_and_is_audited(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-passphrase\n"))
    call_command("create_user", "maria", "--role", "police", "--password-stdin", stdout=io.StringIO())
    call_command("create_user", "maria", "--role", "prosecutor", stdout=io.StringIO())
    created, changed = AuditEvent.objects.order_by("id")
    assert (created.action, created.object_ref, created.user) == ("account_create", "maria", None)
    assert created.detail == "manage.py create_user: role - → police; password set"
    assert (changed.action, changed.detail) == (
        "role_change",
        "manage.py create_user: role police → prosecutor",
    )
