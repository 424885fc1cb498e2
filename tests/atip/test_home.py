import pytest

from atip.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_it_shows_each_role_its_home(client, login, role):
    login(role)
    response = client.get("/")
    assert response.status_code == 200
    assert f"home/{role}.html" in [t.name for t in response.templates]


def test_it_refuses_a_user_without_role(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("norole", password="x" * 12))
    assert client.get("/").status_code == 403
