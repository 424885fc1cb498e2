import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from atip.roles import Role
from tests.accounts.conftest import NOT_ADMINS
from tests.factories import UserFactory, enrol

pytestmark = pytest.mark.django_db
URL = reverse("accounts:list")


def test_it_lists_accounts_with_role_two_factor_and_pending_changes(client, admin):
    police = UserFactory(username="pat.police", role=Role.POLICE, first_name="Pat", last_name="Lopez")
    enrol(police)
    old = UserFactory(username="old.sec", role=Role.SECRETARY)
    old.is_active = False
    old.save()
    client.post(reverse("accounts:role", args=[police.pk]), {"role": Role.PROSECUTOR})  # pending
    body = client.get(URL).content.decode()
    assert "pat.police" in body and "Pat Lopez" in body and "Police officer" in body
    assert "enrolled" in body and "not set up" in body
    assert "deactivated" in body and "Council secretary" in body  # an inactive account keeps its role
    assert "Awaiting approval" in body and "Role changed" in body


def test_it_never_lists_the_emergency_superuser(client, admin):
    get_user_model().objects.create_superuser("root", "root@example.org", "x" * 16)
    assert "root" not in client.get(URL).content.decode()


def test_it_escapes_script_in_names(client, admin):
    UserFactory(first_name="<script>alert(1)</script>")
    body = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_other_roles_get_404(client, login, role):
    login(role)
    assert client.get(URL).status_code == 404


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_rejects_post(client, admin):
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("rows", [3, 30])
def test_query_count_does_not_grow_with_rows(client, admin, django_assert_num_queries, rows):
    for _ in range(rows):
        user = UserFactory(role=Role.POLICE)
        enrol(user)
    # Expect 12 queries whatever the number of rows: savepoint, session, user, own groups,
    # count, page of accounts (two-factor and pending counts annotated), their groups, requests
    # awaiting approval, release, and the session refresh (savepoint, update, release).
    with django_assert_num_queries(12):
        assert client.get(URL).status_code == 200
