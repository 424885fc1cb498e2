"""The police home page: open cases by status, cases reported this year, presumed victims."""

import datetime

import pytest
from django.utils import timezone

from atip.roles import Role
from tests.factories import CaseFactory, VictimFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_police_their_work(client, login):
    login(Role.POLICE)
    today = timezone.localdate()
    CaseFactory(status="reported", reported_on=today)
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
    assert counts == {"reported": 2, "investigating": 2, "prosecution": 0}
    assert context["reported_this_year_count"] == 1
    assert list(context["awaiting"]) == [presumed]
    body = response.content.decode()
    assert presumed.reference in body
    assert identified.reference not in body
    assert unlinked.reference not in body
    assert presumed.full_name not in body  # the list shows reference, sex and date only
