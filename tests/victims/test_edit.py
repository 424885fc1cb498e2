import pytest
from django.urls import reverse

from atip.roles import Role
from tests.factories import VictimFactory

pytestmark = pytest.mark.django_db


def url(victim):
    return reverse("victims:edit", args=[victim.pk])


def form_data(victim, **overrides):
    data = {
        "version": victim.version,
        "given_name": victim.given_name,
        "family_name": victim.family_name,
        "sex": victim.sex,
        "date_of_birth": victim.date_of_birth.isoformat() if victim.date_of_birth else "",
        "nationality": victim.nationality.code or "",
        "registered_on": victim.registered_on.isoformat(),
        "district": victim.district,
    }
    data.update(overrides)
    return data


def test_it_saves_and_keeps_the_previous_version(client, login):
    login()
    victim = VictimFactory(given_name="Rosa")
    response = client.post(url(victim), form_data(victim, given_name="Rosalia"))
    assert response.status_code == 302
    victim.refresh_from_db()
    assert victim.given_name == "Rosalia"
    assert victim.version == 2
    assert "Rosa" in victim.history.order_by("history_id").values_list("given_name", flat=True)
    assert "given name: Rosa → Rosalia" in client.get(victim.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR])
def test_unlinked_victim_is_404(client, login, role):
    login(role)
    assert client.get(url(VictimFactory())).status_code == 404
