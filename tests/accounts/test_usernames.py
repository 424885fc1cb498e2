"""Issue 19, item 3: look-alike usernames. ASCII letters, digits, . _ - only, unique whatever
their case (in the database too); the full name and e-mail shown beside a username wherever an
approval or an audit row names it."""

import io
from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AccountChange
from atip.audit import audit
from atip.models import AuditEvent
from atip.roles import Role
from tests.accounts.flows import ask_account, ask_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.mark.parametrize("username", ["аdmin2", "ADMIN2", "admin 2", "admin2<script>", "jośe"])
def test_a_look_alike_or_a_case_twin_is_refused(client, admin, username):
    UserFactory(username="admin2", role=Role.ADMINISTRATOR)
    response = ask_account(client, username, Role.SECRETARY, email="x@example.org")
    assert response.status_code == 200
    assert not AccountChange.objects.exists()
    assert not User.objects.filter(username=username).exists()


def test_a_plain_username_is_accepted(client, admin):
    ask_account(client, "pat.o-neil_2", Role.SECRETARY, email="pat@example.org")
    assert User.objects.filter(username="pat.o-neil_2").exists()


def test_the_database_refuses_a_case_twin():
    UserFactory(username="admin2")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="Admin2")


def test_the_migration_stops_on_a_clash_and_names_the_fix():
    check = import_module("accounts.migrations.0006_usernames_ascii_case_insensitive").check_usernames
    UserFactory(username="admin2")
    User.objects.filter(username="admin2").update(username="аdmin2")  # as if it existed before
    with pytest.raises(RuntimeError, match=r"rename_user OLD NEW.*'\\u0430dmin2'"):
        check(apps, None)


def test_rename_user_renames_and_audits():
    user = UserFactory(username="pat")
    UserFactory(username="sam")
    with pytest.raises(CommandError, match="taken"):
        call_command("rename_user", "pat", "SAM")
    with pytest.raises(CommandError, match="unaccented"):
        call_command("rename_user", "pat", "раt")
    call_command("rename_user", "pat", "pat.lopez", stdout=io.StringIO())
    user.refresh_from_db()
    assert user.username == "pat.lopez"
    assert AuditEvent.objects.get(action="account_edit").detail == "manage.py rename_user: 'pat' → pat.lopez"


def test_create_user_refuses_a_case_twin_and_a_look_alike():
    UserFactory(username="admin2")
    with pytest.raises(CommandError, match="whatever their case"):
        call_command("create_user", "Admin2", "--role", "administrator")
    with pytest.raises(CommandError, match="unaccented"):
        call_command("create_user", "аdmin3", "--role", "administrator")


def test_approval_and_audit_rows_show_the_person_beside_the_username(client, admin, second_admin, as_user):
    admin.first_name, admin.last_name, admin.email = "Ana", "Admin", "ana@example.org"
    admin.save()
    sam = UserFactory(username="sam", role=Role.SECRETARY, first_name="Sam", last_name="Li")
    ask_role(client, sam, Role.POLICE)
    as_user(second_admin)
    change = AccountChange.objects.get()
    for page in (reverse("accounts:change", args=[change.pk]), reverse("accounts:list")):
        body = client.get(page).content.decode()
        assert "ana.admin <span" in body and "(Ana Admin, ana@example.org)" in body
        assert "(Sam Li, sam@example.org)" in body
    body = client.get(reverse("audit_log")).content.decode()
    assert "(Ana Admin, ana@example.org)" in body  # who asked
    assert "(Sam Li, sam@example.org)" in body  # the account the row is about


def test_the_audit_log_page_queries_do_not_grow_with_rows(client, admin):
    def page_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("audit_log")).status_code == 200
        return len(queries)

    audit(action="account_edit", user=admin, obj=UserFactory(username="s0"))
    few = page_queries()
    for n in range(1, 30):
        audit(action="account_edit", user=admin, obj=UserFactory(username=f"s{n}"))
    assert page_queries() <= few
