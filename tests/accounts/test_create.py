import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import AccountChange
from atip.models import AuditEvent
from atip.roles import Role
from tests.accounts.conftest import NOT_ADMINS

pytestmark = pytest.mark.django_db
URL = reverse("accounts:create")
User = get_user_model()


def data(**overrides):
    return {
        "username": "sam.sec",
        "first_name": "Sam",
        "last_name": "Young",
        "email": "sam@example.org",
        "role": Role.SECRETARY,
        **overrides,
    }


def test_it_shows_the_form(client, admin):
    body = client.get(URL).content.decode()
    assert 'name="username"' in body and 'name="role"' in body
    assert 'name="password' not in body  # the administrator never sets a password


def test_a_secretary_account_is_created_at_once_and_its_holder_gets_a_link(client, admin, mailoutbox):
    response = client.post(URL, data(), follow=True)
    user = User.objects.get(username="sam.sec")
    assert (user.is_active, user.is_staff, user.is_superuser, user.has_usable_password()) == (
        True,
        False,
        False,
        False,
    )
    assert list(user.groups.values_list("name", flat=True)) == [Role.SECRETARY]
    assert "sent to s…@example.org" in response.content.decode()
    assert "sam@example.org" not in response.content.decode()
    assert [m.to for m in mailoutbox] == [["sam@example.org"]]
    assert re.search(r"http://testserver/accounts/password/\w+/[\w-]+/", mailoutbox[0].body)
    event = AuditEvent.objects.get(action="account_create")
    assert (event.user, event.object_type, event.object_id, event.object_ref) == (
        admin,
        "user",
        str(user.pk),
        "sam.sec",
    )
    assert event.detail == "create: role - → secretary"


def test_a_secretary_account_needs_no_approval(client, admin):
    client.post(URL, data(username="new.secretary", role=Role.SECRETARY))
    assert User.objects.get(username="new.secretary").groups.get().name == Role.SECRETARY


def test_an_administrator_account_waits_for_a_second_administrator(client, admin):
    """Else one administrator could make a helper to approve their own requests."""
    client.post(URL, data(username="new.admin", role=Role.ADMINISTRATOR))
    assert not User.objects.filter(username="new.admin").exists()
    assert AccountChange.objects.get().status == "pending"


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR])
def test_an_account_reaching_victims_waits_for_a_second_administrator(client, admin, mailoutbox, role):
    response = client.post(URL, data(username="new.person", role=role), follow=True)
    assert "takes effect when another administrator approves it" in response.content.decode()
    assert not User.objects.filter(username="new.person").exists()
    assert mailoutbox == []
    change = AccountChange.objects.get()
    assert (change.status, change.kind, change.new_role, change.requested_by) == (
        "pending",
        "create",
        role,
        admin,
    )
    event = AuditEvent.objects.get(action="account_request")
    assert event.detail == f"create: role - → {role}" and event.object_ref == "new.person"


def test_a_posted_superuser_flag_or_extra_group_changes_nothing(client, admin):
    client.post(URL, data(is_superuser="on", is_staff="on", groups=["1", "2", "3"], password="x" * 20))
    user = User.objects.get(username="sam.sec")
    assert not user.is_superuser and not user.is_staff and not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == [Role.SECRETARY]


def test_it_refuses_a_taken_username(client, admin):
    client.post(URL, data())
    response = client.post(URL, data(username="SAM.sec", email="other@example.org"))
    assert "This username is taken" in response.content.decode()
    assert User.objects.filter(username__iexact="sam.sec").count() == 1


def test_it_refuses_a_username_already_requested(client, admin):
    client.post(URL, data(username="req", role=Role.POLICE))
    response = client.post(URL, data(username="req", role=Role.SECRETARY))
    assert "already requested" in response.content.decode()


def test_it_needs_exactly_one_valid_role(client, admin):
    assert client.post(URL, data(role="")).status_code == 200
    assert client.post(URL, data(role="boss")).status_code == 200
    assert not User.objects.filter(username="sam.sec").exists()


def test_script_in_a_name_is_escaped(client, admin):
    client.post(URL, data(first_name="<script>alert(1)</script>"))
    user = User.objects.get(username="sam.sec")
    body = client.get(reverse("accounts:detail", args=[user.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_other_roles_get_404(client, login, role):
    login(role)
    assert client.get(URL).status_code == 404
    assert client.post(URL, data()).status_code == 404
    assert not User.objects.filter(username="sam.sec").exists()


def test_anonymous_is_sent_to_login(client):
    response = client.post(URL, data())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_rejects_other_methods(client, admin):
    assert client.put(URL).status_code == 405
