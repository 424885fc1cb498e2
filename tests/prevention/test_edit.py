import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def url(activity, name="edit"):
    return reverse(f"prevention:{name}", args=[activity.pk])


def data(activity, **changes):
    return {
        "date": activity.date.isoformat(),
        "kind": activity.kind,
        "direct": "on" if activity.direct else "",
        "title": activity.title,
        "audience": activity.audience,
        "participants": activity.participants or "",
        "organiser": activity.organiser,
        "notes": "",
        "version": activity.version,
        **changes,
    }


def test_it_works_and_keeps_history(client, login):
    login(Role.SECRETARY)
    activity = ActivityFactory(participants=20)
    response = client.post(url(activity), data(activity, participants="35"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.participants == 35 and activity.version == 2
    assert AuditEvent.objects.filter(action="change", object_ref=activity.reference).exists()
    body = client.get(url(activity, "detail")).content.decode()
    assert "20 → 35" in body


def test_a_stale_edit_is_refused(client, login):
    login(Role.SECRETARY)
    activity = ActivityFactory(title="Original")
    old = data(activity, title="Mine")
    client.post(url(activity), data(activity, title="Theirs"))
    response = client.post(url(activity), old)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Theirs"


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR])
def test_readers_see_the_detail_but_may_not_edit(client, login, role):
    login(role)
    activity = ActivityFactory()
    detail = client.get(url(activity, "detail"))
    assert detail.status_code == 200 and url(activity) not in detail.content.decode()
    assert client.get(url(activity)).status_code == 403
    assert client.post(url(activity), data(activity, title="x")).status_code == 403


def test_it_is_hidden_from_the_administrator(client, login):
    login(Role.ADMINISTRATOR)
    activity = ActivityFactory()
    assert client.get(url(activity, "detail")).status_code == 404
    assert client.get(url(activity)).status_code == 404


def test_unknown_activity_is_not_found(client, login):
    login(Role.SECRETARY)
    assert client.get(reverse("prevention:detail", args=[999])).status_code == 404


def test_detail_rejects_post(client, login):
    login(Role.SECRETARY)
    assert client.post(url(ActivityFactory(), "detail")).status_code == 405
