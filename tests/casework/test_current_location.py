"""Issue 21, item 15: "Shelter / current location" follows the stay open today, on the person's
page and on the printed summary, rather than a location typed once on the record."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def location_shown(html: str) -> str:
    start = html.index("Shelter / current location")
    return html[start : start + 600]


@pytest.mark.parametrize("page", ["victims:detail", "casework:summary"])
def test_the_location_is_the_stay_open_today(client, login, today, page):
    login()
    victim = VictimFactory(current_location="Safe house A", registered_on=today - 90 * DAY)
    old = ServiceEpisodeFactory(victim=victim, provider="Safe house A", start_date=today - 80 * DAY)
    ServiceEpisodeFactory(victim=victim, provider="Haven House", start_date=today - 10 * DAY)
    old.refresh_from_db()
    assert old.end_date == today - 10 * DAY  # the new stay closed the old one
    html = client.get(reverse(page, args=[victim.pk])).content.decode()
    shown = location_shown(html)
    assert "Haven House" in shown and f"since {today - 10 * DAY:%Y-%m-%d}" in shown
    assert "location on the record: Safe house A" in shown  # the typed one, marked as such


def test_without_a_stay_open_the_typed_location_shows(client, login, today):
    login()
    victim = VictimFactory(current_location="With her aunt", registered_on=today - 90 * DAY)
    ServiceEpisodeFactory(
        victim=victim, provider="Haven House", start_date=today - 80 * DAY, end_date=today - DAY
    )
    shown = location_shown(client.get(victim.get_absolute_url()).content.decode())
    assert "With her aunt" in shown and "Haven House" not in shown
