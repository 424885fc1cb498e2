"""The same person recorded twice (issue 10, point 6): the possible duplicates page, the pairs of
records that look like one person."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import CaseFactory
from tests.victims.olga import olga
from victims import duplicates
from victims.models import DistinctPair
from victims.services import victims_confirm_distinct

pytestmark = pytest.mark.django_db
D = datetime.date
PAIRS = reverse("victims:duplicates")
POSTGRESQL = connection.vendor == "postgresql"


def test_the_page_lists_pairs_and_audits_the_names(client, login):
    user = login()
    first, second = olga(), olga(family_name="Diaz", registered_on=D(2023, 9, 1))
    olga(given_name="Ana")  # another name
    olga(nationality="GT")  # another nationality: not this pair… but a pair with none
    response = client.get(PAIRS)
    assert response.status_code == 200
    pairs = [(p.older, p.newer) for p in response.context["pairs"]]
    assert (first, second) in pairs
    assert all(v.given_name == "Olga" and v.nationality == "HN" for pair in pairs for v in pair)
    assert AuditEvent.objects.filter(user=user, action="view", object_id=str(second.pk)).exists()


def test_pairs_confirmed_as_different_people_are_not_listed(client, login):
    user = login()
    first, second = olga(), olga()
    victims_confirm_distinct(first=second, second=first, by=user)
    assert client.get(PAIRS).context["pairs"] == []


def test_a_year_narrows_the_page_to_newer_records_registered_then(client, login):
    login()
    olga(registered_on=D(2019, 1, 1))
    olga(registered_on=D(2022, 1, 1))
    assert len(client.get(PAIRS, {"year": "2022"}).context["pairs"]) == 1
    assert client.get(PAIRS, {"year": "2021"}).context["pairs"] == []


@pytest.mark.parametrize("params", [{"year": "99999"}, {"year": "-5"}, {"year": "x"}, {"page": "0"}])
def test_bad_parameters_are_a_message_never_a_500(client, login, params):
    login()
    olga(), olga()
    response = client.get(PAIRS, params)
    assert response.status_code == 200
    assert response.context["form"].errors


def test_pages_of_pairs(client, login, monkeypatch):
    login()
    monkeypatch.setattr("victims.duplicates.PAIRS_PAGE", 2)
    for _ in range(4):
        olga()  # 4 records: 6 pairs
    first = client.get(PAIRS)
    assert (len(first.context["pairs"]), first.context["more"]) == (2, True)
    last = client.get(PAIRS, {"page": "3"})
    assert (len(last.context["pairs"]), last.context["more"]) == (2, False)
    seen = {
        (p.older.pk, p.newer.pk) for n in (1, 2, 3) for p in client.get(PAIRS, {"page": n}).context["pairs"]
    }
    assert len(seen) == 6


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR])
def test_other_roles_get_404(client, login, role):
    login(role)
    first, second = olga(), olga()
    CaseFactory(victims=[first, second])  # even victims the police may see
    assert client.get(PAIRS).status_code == 404
    mark = reverse("victims:mark_duplicate", args=[second.pk, first.pk])
    assert client.post(mark, {"version": second.version}).status_code == 404
    assert client.post(reverse("victims:distinct", args=[first.pk, second.pk])).status_code == 404
    second.refresh_from_db()
    assert second.duplicate_of is None and not DistinctPair.objects.exists()


def test_it_rejects_post_and_the_buttons_reject_get(client, login):
    login()
    first, second = olga(), olga()
    assert client.post(PAIRS).status_code == 405
    assert client.get(reverse("victims:mark_duplicate", args=[second.pk, first.pk])).status_code == 405
    assert client.get(reverse("victims:distinct", args=[first.pk, second.pk])).status_code == 405


@pytest.mark.parametrize("pairs", [2, 6])
def test_query_count_does_not_grow_with_pairs(client, login, django_assert_num_queries, pairs):
    login()
    names = [("Kenia", "Castillo"), ("Rosa", "Chan"), ("Yesenia", "Bol"), ("Aisha", "Young"), ("Mei", "Wang")]
    for given, family in [*names, ("Noemi", "Coc")][:pairs]:
        olga(given_name=given, family_name=family)
        olga(given_name=given, family_name=family)
    # Expect 15 queries (17 on PostgreSQL): session, user, user's groups (role); the pairs (one
    # self-join; on PostgreSQL a SET LOCAL of the time limit and threshold before it and one
    # putting them back after), the records they name (one query), the audit rows of the names
    # shown (the chain's head locked, one INSERT, the head moved); the session's expiry
    # refresh; three SAVEPOINT/RELEASE pairs (ATOMIC_REQUESTS, the pairs query, the session
    # save).
    expected = 17 if POSTGRESQL else 15
    with django_assert_num_queries(expected):
        response = client.get(PAIRS)
    assert len(response.context["pairs"]) == pairs


def test_script_in_a_name_on_the_pairs_page_is_escaped(client, login):
    login()
    olga(given_name="Olga<script>x()</script>")
    olga(given_name="Olga<script>x()</script>")
    body = client.get(PAIRS).content.decode()
    assert "Olga&lt;script&gt;x()&lt;/script&gt;" in body
    assert "<script>x()" not in body


@pytest.mark.skipif(not POSTGRESQL, reason="the time limit is PostgreSQL's statement_timeout")
def test_a_comparison_too_long_is_stopped_with_a_message(client, login, monkeypatch):
    login()
    olga(), olga()
    # Every pair takes 50 ms more, the limit is 10 ms.
    monkeypatch.setitem(
        duplicates._POSTGRESQL,
        "score",
        "similarity(a.search_name, b.search_name) + (SELECT 0 FROM pg_sleep(0.05))",
    )
    monkeypatch.setattr("victims.duplicates.PAIRS_TIMEOUT_MS", 10)
    response = client.get(PAIRS)
    assert response.status_code == 200
    assert response.context["too_many"] and response.context["pairs"] == []
    assert "too many records to compare at once" in response.content.decode()
    # The request's transaction is still usable, and the limit does not outlive the query.
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
