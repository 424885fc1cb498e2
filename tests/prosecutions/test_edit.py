import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import ChargeFactory, ProsecutionFactory

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


def test_the_filing_cannot_move_after_a_verdict(client, login):
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory()
    ChargeFactory(prosecution=prosecution, outcome="dismissed", verdict_date=datetime.date(2020, 6, 1))
    response = client.post(url(prosecution), data(prosecution, filed_on="2020-07-01"))
    assert response.context["form"].errors == {"filed_on": ["A verdict is recorded before this date."]}


def test_social_workers_get_404_when_unlinked(client, login):
    login(Role.SOCIAL_WORKER)
    assert client.get(url(ProsecutionFactory())).status_code == 404
