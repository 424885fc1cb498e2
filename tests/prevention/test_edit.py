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


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR])
def test_readers_see_the_detail_without_the_edit_link(client, login, role):
    login(role)
    activity = ActivityFactory(title="Border officers")
    body = client.get(url(activity, "detail")).content.decode()
    assert "Border officers" in body
    assert url(activity) not in body


def test_unknown_activity_is_not_found(client, login):
    login(Role.SECRETARY)
    assert client.get(reverse("prevention:detail", args=[999])).status_code == 404


@pytest.mark.parametrize(
    ("direct", "shown"), [(True, "Yes (aimed at people)"), (False, "No (research, policy, coordination)")]
)
def test_the_detail_says_whether_the_activity_was_direct(client, login, direct, shown):
    login(Role.SECRETARY)
    body = client.get(url(ActivityFactory(direct=direct), "detail")).content.decode()
    assert f'<dd class="col-7">{shown}</dd>' in body
