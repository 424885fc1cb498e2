import datetime

import pytest
from django.urls import reverse

from atip.roles import Role
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db
URL = reverse("prevention:list")


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR])
def test_it_works(client, login, role):
    login(role)
    activity = ActivityFactory(title="Border officers' course")
    body = client.get(URL).content.decode()
    assert activity.reference in body and "Border officers&#x27; course" in body
    assert ("Record an activity" in body) == (role == Role.SECRETARY)


def test_it_filters(client, login):
    login(Role.SECRETARY)
    training = ActivityFactory(title="T1", kind="training", audience="police", date=datetime.date(2020, 3, 1))
    campaign = ActivityFactory(
        title="C1", kind="campaign", audience="students", date=datetime.date(2021, 3, 1)
    )
    indirect = ActivityFactory(
        title="R1", kind="other", direct=False, audience="", date=datetime.date(2021, 5, 1)
    )

    def shown(**params):
        page = client.get(URL, params).context["page"]
        return {a.pk for a in page}

    assert shown(kind="campaign") == {campaign.pk}
    assert shown(direct="no") == {indirect.pk}
    assert shown(direct="yes") == {training.pk, campaign.pk}
    assert shown(audience="police") == {training.pk}
    assert shown(year=2021) == {campaign.pk, indirect.pk}
    assert client.get(URL, {"kind": "bogus"}).status_code == 200  # an unknown code: a message, no 500


@pytest.mark.parametrize("rows", [5, 50])
def test_the_query_count_does_not_grow(client, login, django_assert_num_queries, rows):
    login(Role.SECRETARY)
    ActivityFactory.create_batch(rows)
    # Expect 10: session, user, the user's groups (role); the count for the paginator; the page
    # of activities; the session saved; and 4 savepoint statements (ATOMIC_REQUESTS).
    with django_assert_num_queries(10):
        assert client.get(URL).status_code == 200
