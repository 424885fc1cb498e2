import pytest

from atip.roles import Role

pytestmark = pytest.mark.django_db


def test_it_redirects_anonymous_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/login/")


@pytest.mark.parametrize("role", list(Role))
def test_it_shows_each_role_its_home(client, login, role):
    login(role)
    response = client.get("/")
    assert response.status_code == 200
    assert f"home/{role}.html" in [t.name for t in response.templates]


def test_it_refuses_a_user_without_role(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("norole", password="x" * 12))
    assert client.get("/").status_code == 403


def test_it_rejects_post(client, login):
    login()
    assert client.post("/").status_code == 405
