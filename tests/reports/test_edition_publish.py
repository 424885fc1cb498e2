"""Publishing an edition from the annual page; access per roles.md (only the secretary publishes)."""

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from reports.editions import edition_publish
from reports.models import Edition

pytestmark = pytest.mark.django_db
PAGE = reverse("reports:annual")
READERS = [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR]


def publish_url(year=2020):
    return reverse("reports:publish", args=[year])


def test_the_secretary_publishes_from_the_page(client, login, victims):
    login(Role.SECRETARY)
    assert 'id="publish-form"' in client.get(PAGE, {"year": 2020}).content.decode()
    response = client.post(publish_url(), {"threshold": "0", "reason": ""})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?year=2020#editions"
    edition = Edition.objects.get()
    assert (edition.number, edition.threshold) == (1, 0)


def test_a_second_publication_without_reason_is_refused_with_a_message(client, login, victims, secretary):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    login(Role.SECRETARY)
    response = client.post(publish_url(), {"threshold": "5", "reason": ""}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Say why the year is published again: the reason is kept with the new edition."
    ]
    assert Edition.objects.count() == 1


def test_a_reason_is_shown_escaped(client, login, victims, secretary):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    login(Role.SECRETARY)
    client.post(publish_url(), {"threshold": "5", "reason": "<script>alert(1)</script>"})
    body = client.get(PAGE, {"year": 2020}).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "alert" not in AuditEvent.objects.get(object_ref="2020-2", action="create").detail


@pytest.mark.parametrize("threshold", ["-1", "21", "five"])
def test_a_bad_threshold_is_a_message(client, login, threshold):
    login(Role.SECRETARY)
    response = client.post(publish_url(), {"threshold": threshold}, follow=True)
    assert response.status_code == 200
    assert len(list(response.context["messages"])) == 1
    assert not Edition.objects.exists()


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_publish(client, login, role):
    login(role)
    assert client.post(publish_url(), {"threshold": "5"}).status_code == 403
    assert not Edition.objects.exists()
    assert 'id="publish-form"' not in client.get(PAGE, {"year": 2020}).content.decode()


def test_the_administrator_is_not_told_it_exists(client, login):
    login(Role.ADMINISTRATOR)
    assert client.post(publish_url(), {"threshold": "5"}).status_code == 404
    assert not Edition.objects.exists()


def test_publishing_requires_login(client):
    assert client.post(publish_url(), {"threshold": "5"}).status_code == 302
    assert not Edition.objects.exists()


def test_publishing_refuses_get(client, login):
    login(Role.SECRETARY)
    assert client.get(publish_url()).status_code == 405


def test_publishing_a_year_out_of_range_is_not_found(client, login):
    login(Role.SECRETARY)
    assert client.post(publish_url(1999), {"threshold": "5"}).status_code == 404
