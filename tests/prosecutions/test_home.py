"""The prosecutor home page: pending prosecutions, next hearings, verdicts this year."""

import datetime

import pytest

from atip.roles import Role
from tests.clock import NEW_YEAR
from tests.factories import ChargeFactory, HearingFactory, ProsecutionFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize("now", NEW_YEAR)
def test_it_shows_the_prosecutor_their_work(client, login, freeze_clock, now):
    today = freeze_clock(now)
    login(Role.PROSECUTOR)
    pending = ProsecutionFactory()
    ChargeFactory(prosecution=pending)
    decided = ProsecutionFactory()
    this_year = ChargeFactory(
        prosecution=decided, outcome="convicted", verdict_date=today, sentence_months=60
    )
    last_year = datetime.date(today.year - 1, 12, 31)
    ChargeFactory(prosecution=decided, outcome="acquitted", verdict_date=last_year)
    HearingFactory(prosecution=pending, date=today, note="Trial opens")
    HearingFactory(prosecution=pending, date=today - DAY, note="Yesterday")
    response = client.get("/")
    context = response.context
    assert list(context["pending"]) == [pending]
    assert [h.note for h in context["hearings"]] == ["Trial opens"]
    assert list(context["verdicts"]) == [this_year]
    assert context["year"] == today.year
    by_outcome = {outcome.value: n for outcome, n in context["verdicts_by_outcome"]}
    assert (by_outcome["convicted"], by_outcome["acquitted"]) == (1, 0)
    body = response.content.decode()
    assert "Trial opens" in body and "Yesterday" not in body
    assert "5 years" in body
