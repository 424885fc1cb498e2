"""The prosecutor home page: pending prosecutions, next hearings, verdicts this year."""

import datetime

import pytest
from django.utils import timezone

from atip.roles import Role
from prosecutions.models import Hearing
from tests.factories import ChargeFactory, ProsecutionFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_prosecutor_their_work(client, login):
    login(Role.PROSECUTOR)
    today = timezone.localdate()
    pending = ProsecutionFactory()
    ChargeFactory(prosecution=pending)
    decided = ProsecutionFactory()
    this_year = ChargeFactory(
        prosecution=decided, outcome="convicted", verdict_date=today, sentence_months=60
    )
    ChargeFactory(prosecution=decided, outcome="acquitted", verdict_date=datetime.date(2021, 1, 1))
    Hearing.objects.create(prosecution=pending, date=today, note="Trial opens")
    Hearing.objects.create(prosecution=pending, date=datetime.date(2020, 6, 1), note="Long past")
    response = client.get("/")
    context = response.context
    assert list(context["pending"]) == [pending]
    assert [h.note for h in context["hearings"]] == ["Trial opens"]
    assert list(context["verdicts"]) == [this_year]
    assert dict((o.value, n) for o, n in context["verdicts_by_outcome"])["convicted"] == 1
    assert dict((o.value, n) for o, n in context["verdicts_by_outcome"])["acquitted"] == 0
    body = response.content.decode()
    assert "Trial opens" in body and "Long past" not in body
    assert "60 months" in body
