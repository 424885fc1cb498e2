"""The secretary's home page, kept by reports: this year's prevention, data quality, links.

Every date is today or earlier in this year (or last year), so that the tests pass on any day,
1 January included."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.homes import home_page_of
from atip.roles import Role
from reports.selectors import secretary_home
from tests.factories import ActivityFactory, VictimFactory

pytestmark = pytest.mark.django_db
URL = reverse("home")


def test_it_is_the_secretarys_home():
    assert home_page_of(Role.SECRETARY).context is secretary_home
    assert home_page_of(Role.SECRETARY).template == "home/secretary.html"


def test_it_shows_this_years_prevention_and_data_quality(client, login):
    login(Role.SECRETARY)
    today = timezone.localdate()
    ActivityFactory(date=today, kind="training", participants=30)
    ActivityFactory(date=today.replace(month=1, day=1), kind="campaign")
    ActivityFactory(date=datetime.date(today.year - 1, 12, 31), kind="training", participants=99)
    ActivityFactory(date=datetime.date(today.year - 1, 12, 31), kind="campaign")
    VictimFactory(
        status="identified",
        identification_date=today,
        registered_on=today.replace(month=1, day=1),
        nationality="",
    )
    response = client.get(URL)
    assert response.status_code == 200
    context = response.context
    assert context["year"] == today.year
    assert context["prevention"] == {"trainings": 1, "people_trained": 30, "indirect_activities": 0}
    assert context["campaign_count"] == 1
    assert context["quality"]["victims"] == 1
    assert context["quality"]["missing_nationality"] == 1


def test_it_links_to_this_years_statistics_and_downloads(client, login):
    login(Role.SECRETARY)
    year = timezone.localdate().year
    body = client.get(URL).content.decode()
    assert f"{reverse('reports:annual')}?year={year}" in body
    assert f"{reverse('reports:annual')}?year={year - 1}" in body
    for fmt in ("pdf", "xlsx", "csv", "json"):
        assert reverse("reports:export", args=[year, fmt]) in body


def test_it_lists_the_ten_latest_activities(client, login):
    login(Role.SECRETARY)
    first = datetime.date(2020, 1, 1)
    for i in range(12):
        ActivityFactory(date=first + datetime.timedelta(days=i), title=f"Activity {i:02}")
    recent = client.get(URL).context["recent"]
    assert [a.title for a in recent] == [f"Activity {i:02}" for i in range(11, 1, -1)]


@pytest.mark.parametrize("rows", [2, 20])
def test_the_query_count_does_not_grow(client, login, django_assert_num_queries, rows):
    login(Role.SECRETARY)
    today = timezone.localdate()
    for _ in range(rows):
        ActivityFactory(date=today, kind="campaign", direct=False)
        VictimFactory(registered_on=today, sex="unknown", nationality="", date_of_birth=None)
    # Expect 16 the first time: session, user, the user's groups (role); 2 for the prevention
    # figures; the data generation; 4 for data quality; latest activities; the session saved; and
    # 4 savepoints (ATOMIC_REQUESTS). Not the whole year's report (21 queries, a second at
    # national scale).
    with django_assert_num_queries(16):
        assert client.get(URL).status_code == 200
    # Expect 9 when nothing changed since: data quality comes from the cache, and the session is
    # not saved again within the minute (accounts.sessions).
    with django_assert_num_queries(9):
        assert client.get(URL).status_code == 200
