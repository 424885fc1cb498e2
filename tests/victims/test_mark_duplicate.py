"""The same person recorded twice (issue 10, point 6): marking a record as a duplicate of another,
or the pair as different people, from the possible duplicates page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atip.models import AuditEvent
from tests.factories import ServiceEpisodeFactory
from tests.victims.olga import olga
from victims.models import DistinctPair, Victim
from victims.services import victim_mark_duplicate

pytestmark = pytest.mark.django_db
D = datetime.date
PAIRS = reverse("victims:duplicates")


def test_marking_a_duplicate_archives_it_with_a_link_and_loses_nothing(client, login):
    user = login()
    kept, twin = olga(), olga(family_name="Diaz")
    ServiceEpisodeFactory(victim=twin, start_date=D(2023, 6, 1))
    versions = twin.history.count()
    url = reverse("victims:mark_duplicate", args=[twin.pk, kept.pk])
    response = client.post(url, {"version": twin.version, "year": "2023"})
    assert response.status_code == 302 and response.url == f"{PAIRS}?year=2023"
    twin.refresh_from_db()
    assert (twin.duplicate_of, twin.is_archived) == (kept, True)
    assert twin.services.count() == 1 and twin.decisions.count() == 1
    assert twin.history.count() == versions + 1  # the previous versions are kept
    assert AuditEvent.objects.filter(
        user=user, action="archive", object_id=str(twin.pk), detail=f"duplicate of {kept.reference}"
    ).exists()
    assert AuditEvent.objects.filter(user=user, action="change", object_id=str(kept.pk)).exists()
    assert client.get(PAIRS).context["pairs"] == []
    assert f'Duplicate of <a class="link-light" href="{kept.get_absolute_url()}">' in (
        client.get(twin.get_absolute_url()).content.decode()
    )
    assert twin.reference in client.get(kept.get_absolute_url()).content.decode()


def test_a_stale_mark_is_refused(client, login):
    login()
    kept, twin = olga(), olga()
    url = reverse("victims:mark_duplicate", args=[twin.pk, kept.pk])
    response = client.post(url, {"version": twin.version - 1}, follow=True)
    assert "Someone else saved this record" in response.content.decode()
    twin.refresh_from_db()
    assert twin.duplicate_of is None


@pytest.mark.parametrize("case", ["itself", "already", "kept is a duplicate", "has duplicates"])
def test_marks_that_would_lose_the_person_are_refused(client, login, case):
    user = login()
    a, b, c = olga(), olga(), olga()
    victim_mark_duplicate(victim=c, original=a, by=user, expected_version=c.version)
    victim, kept = {
        "itself": (b, b),
        "already": (c, b),
        "kept is a duplicate": (b, c),
        "has duplicates": (a, b),
    }[case]
    victim.refresh_from_db()
    response = client.post(
        reverse("victims:mark_duplicate", args=[victim.pk, kept.pk]), {"version": victim.version}, follow=True
    )
    assert response.status_code == 200
    assert response.context["messages"]
    assert list(Victim.objects.filter(duplicate_of__isnull=False)) == [c]


def test_different_people_are_recorded_once(client, login):
    login()
    first, second = olga(), olga()
    url = reverse("victims:distinct", args=[second.pk, first.pk])
    assert client.post(url).status_code == 302
    again = client.post(url, follow=True)
    assert "already confirmed as different people" in again.content.decode()
    pair = DistinctPair.objects.get()
    assert (pair.first, pair.second, pair.at_registration) == (first, second, False)
    assert AuditEvent.objects.filter(
        action="change", object_id=str(first.pk), detail__contains=second.reference
    )


def test_a_record_that_does_not_exist_is_404(client, login):
    login()
    first = olga()
    assert client.post(reverse("victims:mark_duplicate", args=[first.pk, 99999])).status_code == 404
    assert client.post(reverse("victims:distinct", args=[99999, first.pk])).status_code == 404


def _victim_reads(queries) -> list[str]:
    sqls = [q["sql"] for q in queries]
    return [sql for sql in sqls if sql.startswith("SELECT") and 'FROM "victims_victim"' in sql]


def test_both_records_are_locked_in_one_query_in_the_order_of_their_ids(client, login):
    # Issue 19.9: A marked duplicate of B and B of A at once deadlocked, each request holding one
    # row (locked by its own query) and waiting for the other. One query, ordered by id, locks both.
    login()
    older, newer = olga(), olga()
    url = reverse("victims:mark_duplicate", args=[older.pk, newer.pk])  # the higher id is kept
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, {"version": older.version}).status_code == 302
    locks = [sql for sql in _victim_reads(queries.captured_queries) if "IN (" in sql]
    assert len(locks) == 1, locks
    assert locks[0].endswith('ORDER BY "victims_victim"."id" ASC' + (" FOR UPDATE" if _for_update() else ""))
    older.refresh_from_db()
    assert older.duplicate_of == newer


def _for_update() -> bool:
    return connection.features.has_select_for_update


def test_the_crossed_mark_is_refused_with_a_message(client, login):
    login()
    a, b = olga(), olga()
    first = client.post(reverse("victims:mark_duplicate", args=[a.pk, b.pk]), {"version": a.version})
    assert first.status_code == 302
    response = client.post(
        reverse("victims:mark_duplicate", args=[b.pk, a.pk]), {"version": b.version}, follow=True
    )
    assert response.status_code == 200
    assert f"{a.reference} is itself a duplicate" in response.content.decode()
    b.refresh_from_db()
    assert b.duplicate_of is None
