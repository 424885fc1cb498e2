"""The same person recorded twice (issue 10, point 6): what is a likely match of the person a
social worker is about to register (victims.duplicates.likely_matches)."""

import datetime

import pytest
from django.db import connection

from tests.victims.olga import olga, person
from victims.duplicates import likely_matches
from victims.services import victim_archive, victim_mark_duplicate

pytestmark = pytest.mark.django_db
D = datetime.date
POSTGRESQL = connection.vendor == "postgresql"


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
    victim_mark_duplicate(victim=twin, original=kept, by=admin_user, expected_version=twin.version)
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
