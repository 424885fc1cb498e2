import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import CaseFactory, ChargeFactory, ProsecutionFactory, VictimFactory

pytestmark = pytest.mark.django_db


def url(prosecution):
    return reverse("prosecutions:edit", args=[prosecution.pk])


def data(prosecution, **overrides):
    return {
        "version": prosecution.version,
        "reference": prosecution.reference,
        "court": prosecution.court,
        "filed_on": prosecution.filed_on.isoformat(),
        "notes": "",
        **overrides,
    }


def test_it_works(client, login):
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory()
    assert client.get(url(prosecution)).status_code == 200
    assert client.post(url(prosecution), data(prosecution, court="supreme")).status_code == 302
    prosecution.refresh_from_db()
    assert (prosecution.court, prosecution.version) == ("supreme", 2)
    assert AuditEvent.objects.filter(action="change", object_type="prosecution").exists()


def test_a_stale_save_is_refused_and_overwrites_nothing(client, login):
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory()
    stale = data(prosecution, notes="Mine")
    client.post(url(prosecution), data(prosecution, notes="Theirs"))
    response = client.post(url(prosecution), stale)
    assert "Someone else saved this record" in response.content.decode()
    prosecution.refresh_from_db()
    assert prosecution.notes == "Theirs"


def test_the_filing_cannot_move_after_a_verdict(client, login):
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory()
    ChargeFactory(prosecution=prosecution, outcome="dismissed", verdict_date=datetime.date(2020, 6, 1))
    response = client.post(url(prosecution), data(prosecution, filed_on="2020-07-01"))
    assert response.context["form"].errors == {"filed_on": ["A verdict is recorded before this date."]}


@pytest.mark.parametrize("role", [Role.POLICE, Role.SOCIAL_WORKER])
def test_readers_get_403(client, login, role):
    login(role)
    prosecution = ProsecutionFactory(case=CaseFactory(victims=[VictimFactory()]))
    assert client.post(url(prosecution), data(prosecution, court="supreme")).status_code == 403


def test_social_workers_get_404_when_unlinked(client, login):
    login(Role.SOCIAL_WORKER)
    assert client.get(url(ProsecutionFactory())).status_code == 404


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.ADMINISTRATOR])
def test_others_get_404(client, login, role):
    login(role)
    assert client.get(url(ProsecutionFactory())).status_code == 404


def test_it_rejects_delete(client, login):
    login(Role.PROSECUTOR)
    assert client.delete(url(ProsecutionFactory())).status_code == 405
