import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from atip.roles import Role
from tests.accounts.conftest import NOT_ADMINS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def url(user):
    return reverse("accounts:detail", args=[user.pk])


def test_it_shows_the_account_its_actions_and_its_changes(client, admin):
    user = UserFactory(username="pat", role=Role.SECRETARY, email="pat@example.org")
    client.post(reverse("accounts:role", args=[user.pk]), {"role": Role.POLICE})
    body = client.get(url(user)).content.decode()
    assert "pat@example.org" in body and "Council secretary" in body
    assert reverse("accounts:deactivate", args=[user.pk]) in body
    assert "Council secretary → Police officer" in body and "Awaiting a second administrator" in body


def test_an_inactive_account_offers_reactivation_only(client, admin):
    user = UserFactory()
    user.is_active = False
    user.save()
    body = client.get(url(user)).content.decode()
    assert reverse("accounts:reactivate", args=[user.pk]) in body
    assert reverse("accounts:deactivate", args=[user.pk]) not in body


def test_the_own_account_is_shown_without_actions(client, admin):
    body = client.get(url(admin)).content.decode()
    assert "another administrator has to change it" in body
    assert reverse("accounts:role", args=[admin.pk]) not in body


def test_the_superuser_answers_404(client, admin):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x" * 16)
    assert client.get(url(root)).status_code == 404


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_other_roles_get_404(client, login, role):
    login(role)
    assert client.get(url(UserFactory())).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(url(UserFactory()))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_rejects_post(client, admin):
    assert client.post(url(UserFactory())).status_code == 405
