"""The police home page: open cases by status, cases reported this year, presumed victims."""

import datetime
import types

import pytest

import atip.cached
import cases.selectors
from atip.roles import Role
from tests.clock import NEW_YEAR
from tests.factories import CaseFactory, VictimFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("now", NEW_YEAR)
def test_it_shows_the_police_their_work(client, login, freeze_clock, now):
    today = freeze_clock(now)
    login(Role.POLICE)
    this_year = CaseFactory(reported_on=today)
    CaseFactory(reported_on=datetime.date(today.year - 1, 12, 31))  # last year: not counted
    CaseFactory(status="investigating")
    CaseFactory(status="investigating")
    CaseFactory(status="closed", closing_reason="Unfounded")
    presumed = VictimFactory(sex="male")
    identified = VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1))
    unlinked = VictimFactory()
    CaseFactory(victims=[presumed, identified])
    response = client.get("/")
    context = response.context
    counts = {status.value: n for status, n in context["open_by_status"]}
    assert counts == {"reported": 3, "investigating": 2, "prosecution": 0}
    assert context["reported_this_year_count"] == 1
    assert list(context["reported_this_year"]) == [this_year]
    assert context["year"] == today.year
    assert list(context["awaiting"]) == [presumed]
    body = response.content.decode()
    assert presumed.reference in body
    assert identified.reference not in body
    assert unlinked.reference not in body
    assert presumed.full_name not in body  # the list shows reference, sex and date only


def test_a_long_awaiting_list_is_counted_once_a_minute_a_short_one_exactly(client, login, monkeypatch):
    clock = types.SimpleNamespace(now=1_000_000.0)
    monkeypatch.setattr(atip.cached, "time", types.SimpleNamespace(time=lambda: clock.now))
    monkeypatch.setattr(cases.selectors, "RECENT", 2)  # the home shows two rows
    login(Role.POLICE)
    CaseFactory(victims=[VictimFactory()])
    assert client.get("/").context["awaiting_count"] == 1  # shorter than the list: its rows
    CaseFactory(victims=[VictimFactory(), VictimFactory()])
    assert client.get("/").context["awaiting_count"] == 3  # as long: counted, and kept
    CaseFactory(victims=[VictimFactory()])
    assert client.get("/").context["awaiting_count"] == 3
    clock.now += cases.selectors.AWAITING_SECONDS
    assert client.get("/").context["awaiting_count"] == 4
