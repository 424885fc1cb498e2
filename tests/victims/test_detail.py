import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import (
    CaseFactory,
    ProsecutionFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    VictimFactory,
)

pytestmark = pytest.mark.django_db


def url(victim):
    return reverse("victims:detail", args=[victim.pk])


def test_it_shows_everything_to_a_social_worker(client, login):
    login()
    victim = VictimFactory(given_name="Rosa", current_location="Safe house A", notes="Secret notes")
    ServiceEpisodeFactory(victim=victim, service_type="shelter", provider="Haven")
    RepatriationFactory(victim=victim, destination_country="GT", assisted_by="IOM")
    response = client.get(url(victim))
    body = response.content.decode()
    for text in ("Rosa", "Safe house A", "Secret notes", "Haven", "Previous versions"):
        assert text in body
    # The repatriation row, whole: destination, date, status, organisation.
    for cell in (
        "<td>Guatemala</td>",
        '<td class="text-nowrap">2020-06-01</td>',
        "<td>Completed</td>",
        "<td>IOM</td>",
    ):
        assertContains(response, cell, html=True)


def test_each_view_adds_an_audit_row(client, login):
    user = login()
    victim = VictimFactory()
    client.get(url(victim))
    client.get(url(victim))
    events = AuditEvent.objects.filter(action="view", object_type="victim", object_id=str(victim.pk))
    assert events.count() == 2
    assert events.first().user == user
    assert events.first().ip == "127.0.0.1"


def test_it_shows_who_viewed_it(client, login):
    login(username="maria.sw")
    victim = VictimFactory()
    client.get(url(victim))
    assert "maria.sw" in client.get(url(victim)).content.decode()


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR])
def test_unlinked_victim_is_404_for_other_roles_and_audited(client, login, role):
    login(role)
    victim = VictimFactory()
    assert client.get(url(victim)).status_code == 404
    assert AuditEvent.objects.filter(action="denied", object_id=str(victim.pk)).exists()


def test_police_see_a_linked_victims_identity_but_not_assistance(client, login):
    login(Role.POLICE)
    victim = VictimFactory(given_name="Rosa", current_location="Safe house A", notes="Secret notes")
    ServiceEpisodeFactory(victim=victim, provider="Haven")
    RepatriationFactory(victim=victim, destination_country="GT", assisted_by="Secret org")
    CaseFactory(victims=[victim])
    response = client.get(url(victim))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Rosa" in body
    # The repatriation row holds the destination and the date, nothing more.
    assertContains(response, '<tr><td>Guatemala</td><td class="text-nowrap">2020-06-01</td></tr>', html=True)
    for secret in ("Safe house A", "Secret notes", "Haven", "Secret org", "Previous versions"):
        assert secret not in body
    assert client.get(reverse("services:victim", args=[victim.pk])).status_code == 404


def test_prosecutors_see_victims_of_prosecuted_cases_only(client, login):
    login(Role.PROSECUTOR)
    prosecuted, reported = VictimFactory(), VictimFactory()
    ProsecutionFactory(case=CaseFactory(victims=[prosecuted]))
    CaseFactory(victims=[reported])
    assert client.get(url(prosecuted)).status_code == 200
    assert client.get(url(reported)).status_code == 404


def test_unknown_victim_is_404(client, login):
    login()
    assert client.get("/victims/999999/").status_code == 404
