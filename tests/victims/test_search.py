"""Search that finds people: /victims/?q= ignores accents, case and word order;
every word must match a name; the exact reference matches too. On PostgreSQL a misspelt word
still finds the person (pg_trgm), the closest names first; SQLite matches exact words."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from atip.models import AuditEvent
from tests.factories import VictimFactory
from victims.models import Victim
from victims.names import fold
from victims.services import victim_update

pytestmark = pytest.mark.django_db
URL = reverse("victims:list")
POSTGRESQL = connection.vendor == "postgresql"
needs_postgresql = pytest.mark.skipif(
    not POSTGRESQL,
    reason="misspellings are found by pg_trgm, on PostgreSQL only (SQLite matches exact words)",
)


@pytest.fixture
def maria():
    return VictimFactory(given_name="María José", family_name="Pérez Gutiérrez", reference="V-2024-0007")


@pytest.fixture
def others():
    return [
        VictimFactory(given_name="Mario", family_name="Gómez"),
        VictimFactory(given_name="Rosa", family_name="Pérez"),
        VictimFactory(given_name="Ana", family_name="Gutiérrez López"),
    ]


def found(client, q) -> list[str]:
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return [victim.reference for victim in response.context["page"]]


@pytest.mark.parametrize(
    "q",
    ["Perez", "perez gutierrez", "maria", "MARÍA JOSÉ", "gutierrez maria", "Gutiérrez  Pérez", "josé"],
)
def test_the_issues_searches_find_maria(client, login, maria, others, q):
    login()
    assert maria.reference in found(client, q)


@pytest.mark.parametrize(
    "q, expected",
    [
        ("perez", {"maria", "rosa"}),
        ("perez gutierrez", {"maria"}),  # every word must match
        ("rosa perez", {"rosa"}),
        ("gutierrez", {"maria", "ana"}),
        ("lopez ana", {"ana"}),
        ("maria lopez", set()),
    ],
)
def test_every_word_must_match_a_name(client, login, maria, others, q, expected):
    login()
    people = {"maria": maria, "rosa": others[1], "ana": others[2]}
    shown = set(found(client, q))
    assert {name for name, victim in people.items() if victim.reference in shown} == expected


@pytest.mark.parametrize("q", ["V-2024-0007", "v-2024-0007 ", "\uff36-2024-0007", "V-2024-\u200b0007"])
def test_the_exact_reference_matches_normalised(client, login, maria, others, q):
    login()
    assert found(client, q) == [maria.reference]


@pytest.mark.parametrize("q", ["0007", "2024-0007", "v-2024-00"])
def test_a_part_of_a_reference_with_a_digit_finds_it(client, login, maria, others, q):
    """Issue 21.17: a reference fragment, as on a paper note ("0007"), finds the record."""
    login()
    VictimFactory(reference="V-2024-0100")
    assert maria.reference in found(client, q)
    assert "V-2024-0100" not in found(client, "0007")


@pytest.mark.parametrize("q", ["V-2024-0007", "V 2024 0007", "maria 0007"])
def test_a_text_with_a_digit_is_looked_for_in_the_references_only(client, login, maria, others, q):
    # "V" and "2024" begin no name; "maria" does, but names have no digits: only a reference
    # holding the whole text ("0007" alone is part of one) is found.
    login()
    VictimFactory(given_name="Vera", family_name="Vidal", reference="V-2025-0001")
    assert found(client, q) == ([maria.reference] if q == "V-2024-0007" else [])


@pytest.mark.parametrize(
    "q, expected", [("mari", {"maria", "mario"}), ("gom", {"mario"}), ("gutierrez lo", {"ana"})]
)
def test_a_word_finds_the_names_it_begins(client, login, maria, others, q, expected):
    """Issue 21.17: "mari" and "gom" find María, Mario and Gómez on both databases."""
    login()
    people = {"maria": maria, "mario": others[0], "ana": others[2]}
    shown = set(found(client, q))
    assert {name for name, victim in people.items() if victim.reference in shown} == expected


def test_a_renamed_person_is_found_by_the_new_name_only(client, login, maria):
    user = login()
    victim_update(
        victim=maria, by=user, data={"family_name": "Castillo Ávila"}, expected_version=maria.version
    )
    assert Victim.objects.get(pk=maria.pk).search_name == "avila castillo jose maria"
    assert found(client, "avila") == [maria.reference]
    assert found(client, "gutierrez") == []


def test_a_search_is_audited(client, login, maria):
    user = login()
    client.get(URL, {"q": "Pérez"})
    rows = AuditEvent.objects.filter(user=user, action="view", object_id=str(maria.pk))
    assert rows.count() == 1
    assert "rez" not in rows.get().detail.lower()


def test_the_audit_log_keeps_no_search_words(client, login, maria):
    user = login()
    client.get(URL, {"q": "Pérez"})
    assert not AuditEvent.objects.filter(user=user, path__icontains="rez").exists()


def test_a_query_too_long_is_a_message_next_to_the_field(client, login, maria):
    login()
    response = client.get(URL, {"q": "maria " * 30})
    assert response.status_code == 200
    assert "at most 100 characters" in " ".join(response.context["filter"].form.errors["q"])


def test_script_in_a_name_is_escaped(client, login):
    login()
    VictimFactory(given_name="<script>alert(1)</script>", family_name="Pop")
    body = client.get(URL, {"q": "pop"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body


@pytest.mark.parametrize("rows", [3, 12])
def test_a_search_takes_as_many_queries_whatever_it_finds(client, login, django_assert_num_queries, rows):
    login()
    for _ in range(rows):
        VictimFactory(given_name="María", exploitation_forms=["sexual"])
    # Expect 16 queries, as the list without a search (test_list.py): session, user, user's
    # groups (role), whether she has a caseload of her own (the list opens on it), count, page
    # of victims (the search is part of its WHERE), exploitation forms of the page, which of its
    # rows are in care, the audit rows of the victims shown (the chain's head locked, one INSERT,
    # the head moved), the session's expiry refresh, and two SAVEPOINT/RELEASE pairs
    # (ATOMIC_REQUESTS, the session save).
    with django_assert_num_queries(16):
        response = client.get(URL, {"q": "maria"})
    assert len(response.context["page"]) == rows


@needs_postgresql
@pytest.mark.parametrize("q", ["Peres Gutierres", "peres", "Gutierez", "Maria Jose Peres"])
def test_a_misspelling_still_finds_her_on_postgresql(client, login, maria, q):
    login()
    VictimFactory(given_name="Kenia", family_name="Castillo")
    shown = found(client, q)
    assert maria.reference in shown
    assert len(shown) == 1


@needs_postgresql
def test_the_closest_names_come_first_on_postgresql(client, login, maria, others):
    login()
    exact = VictimFactory(given_name="Peres", family_name="Gutierres", registered_on=maria.registered_on)
    shown = found(client, "Peres Gutierres")
    assert shown.index(exact.reference) < shown.index(maria.reference)


@needs_postgresql
def test_postgresql_folds_accents_as_python_does(maria):
    """The folded column is written in Python (victims.names); it must agree with PostgreSQL's
    own unaccent (created by the migration) on the region's names, so that a database query
    with unaccent finds the same people."""
    names = ["María José Pérez Gutiérrez", "Núñez", "Ñandú Çelik", "Ærø", "Łódź", "Strauß", "ÉLODIE Müller"]
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute("SELECT lower(unaccent(%s))", [name])
            assert cursor.fetchone()[0].split() == fold(name)


@pytest.mark.skipif(POSTGRESQL, reason="on SQLite: exact words; PostgreSQL also finds misspellings")
def test_sqlite_matches_exact_words_only(client, login, maria):
    login()
    assert found(client, "Peres") == []
    assert found(client, "Perez") == [maria.reference]


def test_imported_people_are_found(client, login, tmp_path):
    """records/ writes victims without a model instance: it fills the folded names too."""
    (tmp_path / "victims.csv").write_text(
        "reference,given_name,family_name,sex,registered_on,identification_status\n"
        "V-2019-0042,María José,Pérez Gutiérrez,female,2019-04-01,presumed\n",
        encoding="utf-8",
    )
    call_command("import_records", str(tmp_path), stdout=io.StringIO())
    login()
    assert found(client, "perez maria") == ["V-2019-0042"]
