import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.models import AuditEvent
from atip.roles import Role
from prosecutions.models import Hearing
from tests.factories import ProsecutionFactory

pytestmark = pytest.mark.django_db


def url(prosecution):
    return reverse("prosecutions:hearing_create", args=[prosecution.pk])


def test_it_works(client, login):
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory()
    response = client.post(url(prosecution), {"date": "2020-06-01", "note": "Arraignment"})
    assert response.status_code == 302
    hearing = Hearing.objects.get()
    assert (hearing.prosecution, hearing.date, hearing.note) == (
        prosecution,
        datetime.date(2020, 6, 1),
        "Arraignment",
    )
    assert AuditEvent.objects.filter(
        action="change", object_type="prosecution", detail="hearing 2020-06-01"
    ).exists()


def test_a_future_hearing_is_fine_but_not_one_before_the_filing(client, login):
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory(filed_on=datetime.date(2020, 5, 1))
    next_year = timezone.localdate() + datetime.timedelta(days=365)
    assert client.post(url(prosecution), {"date": next_year.isoformat()}).status_code == 302
    response = client.post(url(prosecution), {"date": "2020-04-01"})
    assert "before the filing" in response.context["form"].errors["date"][0]
    response = client.post(url(prosecution), {"date": ""})
    assert "date" in response.context["form"].errors
    assert Hearing.objects.count() == 1
