import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.models import AuditEvent
from atip.roles import Role
from prosecutions.models import Hearing
from tests.factories import HearingFactory, ProsecutionFactory

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
        action="create", object_type="prosecution", detail=f"hearing {hearing.pk}: 2020-06-01"
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


# --- Issue 21, item 14: hearings can be corrected (versioned, audited, optimistic locking) --------


def edit_url(hearing):
    return reverse("prosecutions:hearing_edit", args=[hearing.pk])


def test_a_hearing_is_corrected_and_its_history_kept(client, login):
    login(Role.PROSECUTOR)
    hearing = HearingFactory(date=datetime.date(2020, 9, 1), note="Bail hearing")
    detail = client.get(hearing.prosecution.get_absolute_url()).content.decode()
    assert edit_url(hearing) in detail
    response = client.post(edit_url(hearing), {"version": 1, "date": "2020-09-08", "note": "Moved a week"})
    assert response.status_code == 302
    hearing.refresh_from_db()
    assert (hearing.date, hearing.note, hearing.version) == (datetime.date(2020, 9, 8), "Moved a week", 2)
    assert AuditEvent.objects.filter(
        action="change", object_type="prosecution", detail=f"hearing {hearing.pk}: 2020-09-08"
    ).exists()
    page = client.get(edit_url(hearing))
    assert "Bail hearing" in page.content.decode()  # the previous version


def test_a_stale_correction_is_refused(client, login):
    login(Role.PROSECUTOR)
    hearing = HearingFactory(date=datetime.date(2020, 9, 1))
    client.post(edit_url(hearing), {"version": 1, "date": "2020-09-08"})
    response = client.post(edit_url(hearing), {"version": 1, "date": "2020-09-15"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    hearing.refresh_from_db()
    assert hearing.date == datetime.date(2020, 9, 8)


@pytest.mark.parametrize("role", [Role.POLICE, Role.SOCIAL_WORKER, Role.SECRETARY])
def test_only_the_prosecutor_corrects_a_hearing(client, login, role):
    login(role)
    hearing = HearingFactory(date=datetime.date(2020, 9, 1))
    response = client.post(edit_url(hearing), {"version": 1, "date": "2020-09-08"})
    assert response.status_code in (403, 404)
    hearing.refresh_from_db()
    assert hearing.version == 1
