import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import CaseFactory, VictimFactory
from victims.models import Victim

pytestmark = pytest.mark.django_db


def url(victim):
    return reverse("victims:archive", args=[victim.pk])


def test_it_archives_without_deleting(client, login):
    login()
    victim = VictimFactory()
    response = client.post(url(victim), {"version": victim.version})
    assert response.status_code == 302
    victim.refresh_from_db()
    assert victim.is_archived
    assert Victim.objects.count() == 1
    assert AuditEvent.objects.filter(action="archive", object_ref=victim.reference).exists()


def test_police_get_404_on_a_victim_not_linked_to_their_cases(client, login):
    login(Role.POLICE)
    CaseFactory(victims=[VictimFactory()])
    unlinked = VictimFactory()
    assert client.post(url(unlinked), {"version": unlinked.version}).status_code == 404
    unlinked.refresh_from_db()
    assert not unlinked.is_archived
