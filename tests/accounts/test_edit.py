import pytest
from django.urls import reverse

from accounts.models import AccountChange
from atip.models import AuditEvent
from atip.roles import Role
from tests.accounts.conftest import NOT_ADMINS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(user):
    return reverse("accounts:edit", args=[user.pk])


def test_it_shows_the_current_values(client, admin):
    user = UserFactory(first_name="Pat", email="pat@example.org")
    body = client.get(url(user)).content.decode()
    assert 'value="Pat"' in body and 'value="pat@example.org"' in body


def test_a_name_change_applies_at_once(client, admin):
    user = UserFactory(role=Role.POLICE, email="pat@example.org")
    client.post(url(user), {"first_name": "Patricia", "last_name": "Lopez", "email": "pat@example.org"})
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Patricia", "Lopez")
    assert AccountChange.objects.get().kind == "name"
    assert AuditEvent.objects.get(action="account_edit").detail == "name: role police → police"


def test_an_e_mail_change_of_an_account_reaching_victims_waits_for_approval(client, admin):
    # Password links go to this address: changing it alone would let one administrator take over.
    user = UserFactory(role=Role.SOCIAL_WORKER, email="sw@example.org")
    client.post(url(user), {"first_name": "A", "last_name": "B", "email": "admin@evil.example"})
    user.refresh_from_db()
    assert user.email == "sw@example.org"
    email = AccountChange.objects.get(kind="email")
    assert (email.status, email.old_email, email.new_email) == (
        "pending",
        "sw@example.org",
        "admin@evil.example",
    )


def test_an_e__mail_change_of_any_account_waits_for_approval(client, admin):
    # Issue 19.1: e-mail + password link took over a secretary or administrator with no approval.
    for role in (Role.SECRETARY, Role.ADMINISTRATOR):
        user = UserFactory(role=role, first_name="A", last_name="B", email=f"{role}@example.org")
        client.post(url(user), {"first_name": "A", "last_name": "B", "email": "admin@evil.example"})
        user.refresh_from_db()
        assert user.email == f"{role}@example.org"
        assert AccountChange.objects.get(account=user, kind="email").status == "pending"


def test_nothing_changed_says_so(client, admin):
    user = UserFactory(first_name="A", last_name="B", email="a@example.org")
    response = client.post(
        url(user), {"first_name": "A", "last_name": "B", "email": "a@example.org"}, follow=True
    )
    assert "Nothing changed." in response.content.decode()
    assert not AccountChange.objects.exists()


def test_posted_extra_fields_change_nothing(client, admin):
    user = UserFactory(role=Role.SECRETARY, first_name="A", last_name="B")
    client.post(
        url(user),
        {"first_name": "A", "last_name": "B", "email": user.email, "is_superuser": "on", "username": "root"},
    )
    user.refresh_from_db()
    assert not user.is_superuser and user.username != "root"


def test_an_administrator_cannot_edit_their_own_account(client, admin):
    response = client.post(url(admin), {"first_name": "A", "last_name": "B", "email": "me@evil.example"})
    assert response.status_code == 403
    admin.refresh_from_db()
    assert admin.email != "me@evil.example"


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_other_roles_get_404(client, login, role):
    login(role)
    assert client.get(url(UserFactory())).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(url(UserFactory()))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_rejects_other_methods(client, admin):
    assert client.delete(url(UserFactory())).status_code == 405
