"""The same person recorded twice (issue 10, point 6): the likely matches shown before a social
worker registers a person, saved only once "a different person" is confirmed; the possible
duplicates page; marking a record as a duplicate of another. (Police registrations:
tests/cases/test_link_victim.py.)"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import CaseFactory, ServiceEpisodeFactory, VictimFactory
from victims import duplicates
from victims.duplicates import likely_matches
from victims.models import DistinctPair, Victim
from victims.services import victim_archive, victim_mark_duplicate, victims_confirm_distinct

pytestmark = pytest.mark.django_db
D = datetime.date
CREATE = reverse("victims:create")
PAIRS = reverse("victims:duplicates")
POSTGRESQL = connection.vendor == "postgresql"


def olga(**fields):
    data = {
        "given_name": "Olga",
        "family_name": "Díaz",
        "nationality": "HN",
        "date_of_birth": D(2001, 2, 3),
        "registered_on": D(2023, 5, 1),
    }
    return VictimFactory(**{**data, **fields})


def shown_token(response) -> str:
    """The token of the matches shown, as the page posts it back."""
    return response.context["form"]["matches_token"].value()


def form(**overrides):
    data = {
        "given_name": "Olga",
        "family_name": "Diaz",
        "sex": "female",
        "date_of_birth": "2001-02-03",
        "nationality": "HN",
        "registered_on": "2024-03-01",
    }
    data.update(overrides)
    return data


def person(**overrides):
    """`form()` as the service reads it."""
    data = form(**overrides)
    for name in ("date_of_birth", "registered_on"):
        data[name] = D.fromisoformat(data[name]) if data[name] else None
    data["age_estimate"] = int(data["age_estimate"]) if data.get("age_estimate") else None
    return data


# --- what is a likely match ----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        {"given_name": "Olga", "family_name": "Diaz"},
        {"given_name": "OLGA", "family_name": "DÍAZ"},
        {"given_name": "Díaz", "family_name": "Olga"},  # swapped
        {"given_name": "Díaz Olga", "family_name": ""},
    ],
)
def test_accents_case_and_word_order_do_not_hide_a_match(typed):
    existing = olga()
    assert likely_matches(data=person(**typed)) == [existing]


@pytest.mark.parametrize(
    "born, matches",
    [
        ("2001-02-03", True),  # the same date of birth
        ("2003-02-03", True),  # two years apart
        ("1999-02-03", True),
        ("2004-02-03", False),  # three years apart
        ("1998-02-03", False),
        ("", True),  # no age on one side: not told apart
    ],
)
def test_ages_within_two_years(born, matches):
    existing = olga()
    assert (likely_matches(data=person(date_of_birth=born)) == [existing]) is matches


def test_an_age_estimate_counts_as_an_age():
    existing = olga(date_of_birth=None, age_estimate=22, registered_on=D(2023, 5, 1))  # born ~2001
    assert likely_matches(data=person(date_of_birth="", age_estimate="24", registered_on="2024-03-01")) == [
        existing
    ]
    assert likely_matches(data=person(date_of_birth="", age_estimate="26", registered_on="2024-03-01")) == []


@pytest.mark.parametrize("nationality, matches", [("HN", True), ("", True), ("GT", False)])
def test_nationality(nationality, matches):
    existing = olga()
    assert (likely_matches(data=person(nationality=nationality)) == [existing]) is matches


def test_an_unknown_nationality_on_record_matches_any():
    existing = olga(nationality="")
    assert likely_matches(data=person(nationality="GT")) == [existing]


@pytest.mark.parametrize("other", ["Olga Pérez", "Ana Díaz", "Olga Castillo Chan"])
def test_other_names_are_not_matches(other):
    olga()
    given, _, family = other.partition(" ")
    assert likely_matches(data=person(given_name=given, family_name=family)) == []


@pytest.mark.parametrize("other", [("Olga", ""), ("Ana", "Díaz")])
def test_half_a_name_is_not_a_match(other):
    """On PostgreSQL "Olga" is half of "Olga Díaz" by trigrams (similarity 0.5), and so are two
    sisters, "Ana Díaz" and "Olga Díaz": under the threshold (0.55)."""
    olga()
    assert likely_matches(data=person(given_name=other[0], family_name=other[1])) == []


def test_no_name_no_match():
    olga(given_name="", family_name="")
    assert likely_matches(data=person(given_name="", family_name="")) == []


def test_records_marked_as_duplicates_are_left_out(admin_user):
    kept, twin = olga(), olga(family_name="Diaz")
    victim_mark_duplicate(victim=twin, kept=kept, by=admin_user, expected_version=twin.version)
    assert likely_matches(data=person()) == [kept]


def test_archived_records_are_matches():
    existing = olga()
    victim_archive(victim=existing, by=None, expected_version=existing.version)
    assert likely_matches(data=person()) == [existing]


@pytest.mark.skipif(not POSTGRESQL, reason="misspelt names are matched by pg_trgm, on PostgreSQL only")
@pytest.mark.parametrize("typed", [("Olga", "Dias"), ("Olgа", "Díaz"), ("Olga Maria", "Díaz")])
def test_a_misspelt_name_is_a_match_on_postgresql(typed):
    existing = olga()
    assert likely_matches(data=person(given_name=typed[0], family_name=typed[1])) == [existing]


# --- registering: the check on the page ------------------------------------------------------


def test_olga_diaz_next_to_two_olga_diaz_is_not_saved_silently(client, login):
    login()
    first, second = olga(), olga(registered_on=D(2023, 9, 1))
    response = client.post(CREATE, form())
    assert response.status_code == 200
    assert Victim.objects.count() == 2
    body = response.content.decode()
    assert "may already be registered" in " ".join(response.context["form"].errors["different_person"])
    assert 'href="#id_different_person"' in body  # the summary of errors links to the box
    assert first.reference in body and second.reference in body
    assert response.context["check"].matches == [first, second]


def test_confirming_a_different_person_saves_and_records_it(client, login):
    user = login()
    first, second = olga(), olga(registered_on=D(2023, 9, 1))
    token = shown_token(client.post(CREATE, form()))
    response = client.post(CREATE, {**form(), "different_person": "on", "matches_token": token})
    assert response.status_code == 302
    victim = Victim.objects.latest("id")
    assert response.url == victim.get_absolute_url()
    pairs = DistinctPair.objects.order_by("first_id")
    assert [(p.first, p.second, p.confirmed_by, p.at_registration) for p in pairs] == [
        (first, victim, user, True),
        (second, victim, user, True),
    ]
    assert victim.decisions.get().note == (
        f"Registered. Confirmed as a different person from {first.reference}, {second.reference}."
    )
    assert AuditEvent.objects.filter(
        action="change", object_id=str(victim.pk), detail__contains=first.reference
    ).exists()
    body = client.get(victim.get_absolute_url()).content.decode()
    assert f'Not the same person as <a href="{first.get_absolute_url()}">{first.reference}</a>' in body


def test_the_box_without_the_token_of_the_matches_shown_saves_nothing(client, login):
    login()
    olga()
    for token in ("", "0" * 64, "forged"):
        response = client.post(CREATE, {**form(), "different_person": "on", "matches_token": token})
        assert response.status_code == 200
        assert response.context["check"].count == 1
    assert Victim.objects.count() == 1


def test_a_match_that_appears_after_the_confirmation_is_shown_again(client, login):
    login()
    olga()
    token = shown_token(client.post(CREATE, form()))
    late = olga(registered_on=D(2024, 1, 1))
    response = client.post(CREATE, {**form(), "different_person": "on", "matches_token": token})
    assert response.status_code == 200
    assert late in response.context["check"].matches
    assert Victim.objects.count() == 2


def test_the_token_without_the_box_saves_nothing(client, login):
    login()
    olga()
    token = shown_token(client.post(CREATE, form()))
    assert client.post(CREATE, {**form(), "matches_token": token}).status_code == 200
    assert Victim.objects.count() == 1


def test_no_match_saves_at_once(client, login):
    login()
    olga()
    assert client.post(CREATE, form(nationality="GT")).status_code == 302
    assert not DistinctPair.objects.exists()


def test_the_matches_shown_are_audited(client, login):
    user = login()
    existing = olga()
    client.post(CREATE, form())
    assert AuditEvent.objects.filter(
        user=user, action="view", object_id=str(existing.pk), detail="likely matches at registration"
    ).exists()


def test_script_in_a_matching_name_is_escaped(client, login):
    login()
    olga(given_name="Olga<script>x()</script>")
    body = client.post(CREATE, form(given_name="Olga<script>x()</script>")).content.decode()
    assert "Olga&lt;script&gt;x()&lt;/script&gt;" in body
    assert "<script>x()" not in body


# --- the possible duplicates page ------------------------------------------------------------


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


def test_a_record_that_does_not_exist_is_404(client, login):
    login()
    first = olga()
    assert client.post(reverse("victims:mark_duplicate", args=[first.pk, 99999])).status_code == 404
    assert client.post(reverse("victims:distinct", args=[99999, first.pk])).status_code == 404


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


# --- marking a duplicate ---------------------------------------------------------------------


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
    victim_mark_duplicate(victim=c, kept=a, by=user, expected_version=c.version)
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


def test_the_registration_takes_as_many_queries_whatever_the_matches(client, login):
    """Compared rather than pinned: the form's own validation queries its constraints one by
    one (Django's ModelForm), a number that says nothing of the matches. The matches are one
    query, their audit rows one INSERT, whatever their number."""
    login()

    def queries(matches: int) -> int:
        while Victim.objects.count() < matches:
            olga()
        with CaptureQueriesContext(connection) as captured:
            response = client.post(CREATE, form())
        assert response.context["check"].count == matches
        return len(captured)

    assert queries(2) == queries(6)
