import pytest
from django.urls import reverse

from atip.roles import Role
from tests.factories import CaseFactory, VictimFactory

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


def test_second_save_with_a_stale_version_is_refused(client, login):
    login()
    victim = VictimFactory(given_name="Rosa")
    stale = form_data(victim, given_name="Second")
    client.post(url(victim), form_data(victim, given_name="First"))
    response = client.post(url(victim), stale)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    victim.refresh_from_db()
    assert victim.given_name == "First"


def test_police_may_see_a_linked_victim_but_not_edit_it(client, login):
    login(Role.POLICE)
    victim = VictimFactory()
    CaseFactory(victims=[victim])
    assert client.get(url(victim)).status_code == 403
    assert client.post(url(victim), form_data(victim, given_name="X")).status_code == 403


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR])
def test_unlinked_victim_is_404(client, login, role):
    login(role)
    assert client.get(url(VictimFactory())).status_code == 404


def test_it_rejects_delete(client, login):
    login()
    assert client.delete(url(VictimFactory())).status_code == 405
