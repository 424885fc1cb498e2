import datetime

import pytest
from django.urls import reverse

from atip.roles import Role
from tests.clock import NEW_YEAR
from tests.factories import CaseFactory, ChargeFactory, HearingFactory, ProsecutionFactory, VictimFactory

pytestmark = pytest.mark.django_db
URL = reverse("prosecutions:list")


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.POLICE])
def test_it_works(client, login, role):
    login(role)
    prosecution = ProsecutionFactory()
    body = client.get(URL).content.decode()
    assert prosecution.reference in body
    assert prosecution.case.reference in body


def test_social_workers_see_only_prosecutions_of_their_victims_cases(client, login):
    login(Role.SOCIAL_WORKER)
    linked = ProsecutionFactory(case=CaseFactory(victims=[VictimFactory()]))
    unlinked = ProsecutionFactory()
    body = client.get(URL).content.decode()
    assert linked.reference in body
    assert unlinked.reference not in body


def test_it_filters(client, login):
    login(Role.PROSECUTOR)
    a = ProsecutionFactory(
        court="supreme", filed_on=datetime.date(2019, 5, 1), case__reported_on=datetime.date(2019, 4, 1)
    )
    b = ProsecutionFactory(court="magistrate", filed_on=datetime.date(2021, 5, 1))
    ChargeFactory(prosecution=a)
    ChargeFactory(prosecution=b, outcome="acquitted", verdict_date=datetime.date(2021, 9, 1))
    for params, shown, hidden in [
        ({"court": "supreme"}, a, b),
        ({"year": "2021"}, b, a),
        ({"pending": "true"}, a, b),
        ({"pending": "false"}, b, a),
        ({"reference": b.reference}, b, a),
    ]:
        body = client.get(URL, params).content.decode()
        assert shown.reference in body, params
        assert hidden.reference not in body, params


@pytest.mark.parametrize("now", NEW_YEAR)
def test_it_shows_counts_and_the_next_hearing(client, login, freeze_clock, now):
    today = freeze_clock(now)
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory()
    ChargeFactory(prosecution=prosecution)
    ChargeFactory(prosecution=prosecution, outcome="dismissed", verdict_date=datetime.date(2021, 1, 1))
    HearingFactory(prosecution=prosecution, date=today + datetime.timedelta(days=30))
    HearingFactory(prosecution=prosecution, date=today)  # today's hearing is still the next one
    HearingFactory(prosecution=prosecution, date=today - datetime.timedelta(days=1))
    row = client.get(URL).context["page"][0]
    assert (row.n_charges, row.n_pending, row.next_hearing) == (2, 1, today)


@pytest.mark.parametrize("rows", [5, 50])
def test_query_count_does_not_grow_with_rows(client, login, django_assert_num_queries, rows):
    login(Role.POLICE)
    for _ in range(rows):
        prosecution = ProsecutionFactory()
        ChargeFactory(prosecution=prosecution)
        HearingFactory(prosecution=prosecution)
    # Expect 10 queries, whatever the number of rows: session, user, user's groups (role),
    # count, page of prosecutions (case joined; charge counts and next hearing annotated); the
    # session's expiry refresh as an UPDATE; two SAVEPOINT/RELEASE pairs (ATOMIC_REQUESTS, and
    # the session save).
    with django_assert_num_queries(10):
        response = client.get(URL)
    assert response.status_code == 200
