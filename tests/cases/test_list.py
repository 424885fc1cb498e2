import datetime

import pytest
from django.urls import reverse

from atip.roles import Role
from tests.factories import CaseFactory, ProsecutionFactory, VictimFactory

pytestmark = pytest.mark.django_db
URL = reverse("cases:list")


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR])
def test_it_works(client, login, role):
    login(role)
    case = CaseFactory(summary="Bar on the highway")
    response = client.get(URL)
    assert response.status_code == 200
    assert case.reference in response.content.decode()


def test_it_shows_social_workers_only_cases_of_victims(client, login):
    login(Role.SOCIAL_WORKER)
    linked = CaseFactory(victims=[VictimFactory()], source="ngo")
    unlinked = CaseFactory()
    body = client.get(URL).content.decode()
    assert linked.reference in body
    assert unlinked.reference not in body
    assert "<th>Source</th>" not in body  # status and dates only
    assert 'value="ngo"' not in body  # nor a filter that would tell the source


def test_it_filters_and_searches(client, login):
    login(Role.POLICE)
    a = CaseFactory(
        reference="C-2019-001", reported_on=datetime.date(2019, 3, 1), source="hotline", district="cayo"
    )
    b = CaseFactory(
        reference="C-2021-007",
        reported_on=datetime.date(2021, 3, 1),
        source="ngo",
        district="toledo",
        status="investigating",
    )
    for params, shown, hidden in [
        ({"reference": "2021"}, b, a),
        ({"status": "investigating"}, b, a),
        ({"source": "hotline"}, a, b),
        ({"district": "toledo"}, b, a),
        ({"year": "2019"}, a, b),
    ]:
        body = client.get(URL, params).content.decode()
        assert shown.reference in body, params
        assert hidden.reference not in body, params


def test_it_paginates(client, login):
    login(Role.POLICE)
    for _ in range(30):
        CaseFactory()
    response = client.get(URL, {"page": 2})
    assert len(response.context["page"].object_list) == 5
    assert "Page 2 of 2" in response.content.decode()


def test_a_bad_filter_is_not_an_error(client, login):
    login(Role.POLICE)
    response = client.get(URL, {"year": "abc", "status": "nonsense", "page": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_query_count_does_not_grow_with_rows(client, login, django_assert_num_queries, rows):
    login(Role.POLICE)
    for _ in range(rows):
        case = CaseFactory(victims=[VictimFactory()])
        case.exploitation_forms.set(["sexual", "forced_labour"])
        ProsecutionFactory(case=case)
    # Expect 11 queries, whatever the number of rows: session, user, user's groups (role),
    # count, page of cases (victim and prosecution counts annotated), exploitation forms of that
    # page (prefetch); the session's expiry refresh as an UPDATE; two SAVEPOINT/RELEASE pairs
    # (ATOMIC_REQUESTS, and the session save).
    with django_assert_num_queries(11):
        response = client.get(URL)
    assert response.status_code == 200
