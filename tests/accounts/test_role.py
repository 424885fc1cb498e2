import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import AccountChange
from atip.models import AuditEvent
from atip.roles import Role, role_of
from tests.accounts.conftest import NOT_ADMINS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(user):
    return reverse("accounts:role", args=[user.pk])


def test_it_shows_the_current_role(client, admin):
    user = UserFactory(role=Role.SECRETARY)
    body = client.get(url(user)).content.decode()
    assert '<option value="secretary" selected>' in body


def test_a_change_to_the_administrator_role_waits_and_is_audited(client, admin):
    user = UserFactory(role=Role.SECRETARY)
    client.post(url(user), {"role": Role.ADMINISTRATOR})
    assert list(user.groups.values_list("name", flat=True)) == [Role.SECRETARY]
    change = AccountChange.objects.get()
    assert (change.status, change.old_role, change.new_role) == (
        "pending",
        Role.SECRETARY,
        Role.ADMINISTRATOR,
    )
    assert AuditEvent.objects.filter(action="account_request", user=admin, object_id=str(user.pk)).exists()


@pytest.mark.parametrize(
    "old,new",
    [
        (Role.SECRETARY, Role.SOCIAL_WORKER),  # gains victim records
        (Role.SOCIAL_WORKER, Role.SECRETARY),  # loses them: still a change to such an account
        (Role.POLICE, Role.PROSECUTOR),
        (Role.ADMINISTRATOR, Role.POLICE),
    ],
)
def test_a_change_touching_victim_records_waits_for_approval(client, admin, old, new):
    user = UserFactory(role=old)
    client.post(url(user), {"role": new})
    assert list(user.groups.values_list("name", flat=True)) == [old]
    change = AccountChange.objects.get()
    assert (change.status, change.old_role, change.new_role) == ("pending", old, new)
    assert AuditEvent.objects.get(action="account_request").detail == f"role: role {old} → {new}"


def test_a_second_request_of_the_same_kind_is_refused_while_one_waits(client, admin):
    user = UserFactory(role=Role.POLICE)
    client.post(url(user), {"role": Role.PROSECUTOR})
    response = client.post(url(user), {"role": Role.SOCIAL_WORKER})
    assert "is waiting for approval: nothing else about it changes" in response.content.decode()
    assert AccountChange.objects.count() == 1


def test_the_same_role_is_refused(client, admin):
    user = UserFactory(role=Role.SECRETARY)
    assert "already has this role" in client.post(url(user), {"role": Role.SECRETARY}).content.decode()


def test_a_posted_second_group_changes_nothing(client, admin):
    user = UserFactory(role=Role.SECRETARY)
    client.post(url(user), {"role": Role.ADMINISTRATOR, "groups": ["1", "2"], "is_superuser": "on"})
    user.refresh_from_db()
    assert list(user.groups.values_list("name", flat=True)) == [Role.SECRETARY]  # waits for approval
    assert not user.is_superuser and not user.is_staff


def test_an_administrator_cannot_change_their_own_role(client, admin):
    for response in [client.get(url(admin)), client.post(url(admin), {"role": Role.SOCIAL_WORKER})]:
        assert response.status_code == 403
        assert "You cannot change your own account" in response.content.decode()
    assert role_of(admin) == Role.ADMINISTRATOR
    assert AuditEvent.objects.filter(action="denied", detail="403 forbidden").count() == 2


def test_the_superuser_is_out_of_reach(client, admin):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 16)
    assert client.post(url(root), {"role": Role.SOCIAL_WORKER}).status_code == 404


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_other_roles_get_404(client, login, role):
    login(role)
    user = UserFactory(role=Role.SECRETARY)
    assert client.post(url(user), {"role": Role.SOCIAL_WORKER}).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(url(UserFactory()))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_rejects_other_methods(client, admin):
    assert client.put(url(UserFactory())).status_code == 405
