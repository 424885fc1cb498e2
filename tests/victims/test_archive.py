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


def test_a_stale_archive_is_refused(client, login):
    login()
    victim = VictimFactory()
    client.post(url(victim), {"version": victim.version + 5})
    victim.refresh_from_db()
    assert not victim.is_archived


def test_it_rejects_get(client, login):
    login()
    assert client.get(url(VictimFactory())).status_code == 405


def test_police_get_403_on_linked_and_404_on_unlinked(client, login):
    login(Role.POLICE)
    linked, unlinked = VictimFactory(), VictimFactory()
    CaseFactory(victims=[linked])
    assert client.post(url(linked), {"version": linked.version}).status_code == 403
    assert client.post(url(unlinked), {"version": unlinked.version}).status_code == 404
    assert not Victim.objects.filter(archived_at__isnull=False).exists()
