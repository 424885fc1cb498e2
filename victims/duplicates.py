"""The same person recorded twice: the likely matches of a person being registered,
and the pairs of existing records that look like one person.

Two records are likely the same person when
- their names are similar, ignoring accents, case and the order of the words: on PostgreSQL a
  trigram similarity of the folded names (`Victim.search_name`) of at least NAME_SIMILARITY, so
  that "Olga Dias" (0.67) meets "Olga Díaz", but not "Ana Castillo" "Rosa Castillo" (0.5:
  sisters are often registered together) nor "Olga" alone; on SQLite the same folded words;
- their ages agree: the days each turns 18 (`adult_on`, from the date of birth or the estimate)
  at most AGE_GAP_YEARS apart — the same date of birth, or ages within two years;
- their nationalities agree.
A fact recorded on one side only does not tell the records apart (an unknown age or nationality
matches any). Records marked as a duplicate are left out (the original stands for them), and so
are pairs confirmed as different people (DistinctPair).
"""

import datetime
from dataclasses import dataclass

from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q, Value
from django.utils.crypto import constant_time_compare, salted_hmac

from atip.roles import Ability, can
from victims.access import VictimAccess
from victims.ages import add_years
from victims.models import DistinctPair, Victim
from victims.names import search_key
from victims.search import Similar, Similarity, is_postgresql

NAME_SIMILARITY = 0.55
AGE_GAP_YEARS = 2
MAX_MATCHES = 10  # likely matches shown at a registration
PAIRS_PAGE = 25
# The pairs page compares every record with every other: on a large database, a query that
# takes longer than this is stopped and the page asks for a narrower year.
PAIRS_TIMEOUT_MS = 5000


def likely_matches(*, data: dict) -> list[Victim]:
    """Existing records that look like the person described by `data` (the registration form's
    names, date of birth or age estimate, registration date and nationality), closest first.

    Every record counts, whoever may see it: the caller decides what the user is shown
    (social workers the records, police only how many there are).
    """
    name = search_key(data.get("given_name", ""), data.get("family_name", ""))
    if not name:
        return []
    person = Victim(
        date_of_birth=data.get("date_of_birth"),
        age_estimate=data.get("age_estimate"),
        registered_on=data.get("registered_on"),
    )
    candidates = Victim.objects.filter(duplicate_of__isnull=True).exclude(search_name="")
    if is_postgresql(candidates):
        candidates = (
            candidates.filter(Similar(F("search_name"), Value(name)))
            .annotate(score=Similarity(F("search_name"), Value(name)))
            .filter(score__gte=NAME_SIMILARITY)
            .order_by("-score", "id")
        )
    else:
        candidates = candidates.filter(search_name=name).order_by("id")
    nationality = data.get("nationality") or ""
    if nationality:
        candidates = candidates.filter(Q(nationality="") | Q(nationality=nationality))
    adult_on = person.derive_adult_on()
    if adult_on:
        candidates = candidates.filter(
            Q(adult_on__isnull=True)
            | Q(adult_on__range=(add_years(adult_on, -AGE_GAP_YEARS), add_years(adult_on, AGE_GAP_YEARS)))
        )
    return list(candidates[:MAX_MATCHES])


def matches_token(matches) -> str:
    """What the registration form carries back when the user confirms "a different person":
    it stands for exactly these records without naming them (an HMAC of their ids), so that a
    confirmation covers the matches that were shown, and no others."""
    ids = ",".join(str(pk) for pk in sorted(m.pk for m in matches))
    return salted_hmac("victims.duplicates.likely-matches", ids).hexdigest()


def token_confirms(token: str, matches) -> bool:
    return bool(token) and constant_time_compare(token, matches_token(matches))


@dataclass
class Pair:
    older: VictimAccess
    newer: VictimAccess
    score: float | None  # name similarity on PostgreSQL

    @property
    def both(self) -> tuple[tuple[VictimAccess, VictimAccess], tuple[VictimAccess, VictimAccess]]:
        """(record, the other) for each side: the newer first, as the likelier duplicate."""
        return ((self.newer, self.older), (self.older, self.newer))


# One self-join of the victims' table, per database; %(…)s are query parameters.
_PAIRS_SQL = """
SELECT a.id, b.id, {score}
FROM victims_victim a JOIN victims_victim b ON {names} AND a.id < b.id
WHERE a.duplicate_of_id IS NULL AND b.duplicate_of_id IS NULL AND a.search_name <> ''
  AND (a.nationality = '' OR b.nationality = '' OR a.nationality = b.nationality)
  AND (a.adult_on IS NULL OR b.adult_on IS NULL OR b.adult_on BETWEEN {low} AND {high})
  AND NOT EXISTS (SELECT 1 FROM victims_distinctpair d WHERE d.first_id = a.id AND d.second_id = b.id)
  {year}
ORDER BY b.id DESC, a.id DESC
LIMIT %(limit)s OFFSET %(offset)s
"""
_POSTGRESQL = {
    "score": "similarity(a.search_name, b.search_name)",
    # `%` reads the trigram index with the threshold set below; similarity() is then exact.
    "names": "b.search_name %% a.search_name AND similarity(a.search_name, b.search_name) >= %(similarity)s",
    "low": f"a.adult_on - interval '{AGE_GAP_YEARS} years'",
    "high": f"a.adult_on + interval '{AGE_GAP_YEARS} years'",
    "year": "AND (b.registered_on BETWEEN %(first)s AND %(last)s)",
}
_SQLITE = {
    "score": "NULL",
    "names": "b.search_name = a.search_name",
    "low": f"date(a.adult_on, '-{AGE_GAP_YEARS} years')",
    "high": f"date(a.adult_on, '+{AGE_GAP_YEARS} years')",
    "year": "AND (b.registered_on BETWEEN %(first)s AND %(last)s)",
}


class TooManyToCompare(Exception):
    """The comparison took longer than PAIRS_TIMEOUT_MS."""


def possible_duplicates(
    *, user, year: int | None = None, page: int = 1, where: str = "possible duplicates"
) -> tuple[list[Pair], bool]:
    """One page of pairs of records that look like one person, the newest records first (the
    newer of the pair registered in `year`, if given), and whether there are more. Social workers
    only. Two queries whatever the page holds: the pairs, and the records they name."""
    if not can(user, Ability.LIST_VICTIMS):
        return [], False
    postgresql = connection.vendor == "postgresql"
    parts = dict(_POSTGRESQL if postgresql else _SQLITE)
    params = {
        "limit": PAIRS_PAGE + 1,
        "offset": (page - 1) * PAIRS_PAGE,
        "similarity": NAME_SIMILARITY,
    }
    if year is None:
        parts["year"] = ""
    else:
        params.update(first=datetime.date(year, 1, 1), last=datetime.date(year, 12, 31))
    sql = _PAIRS_SQL.format(**parts)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            if postgresql:
                # For this query only (put back below, or undone with the savepoint): a time
                # limit, and the similarity threshold with which the trigram index skips names
                # too different to matter.
                cursor.execute(
                    f"SET LOCAL statement_timeout = {PAIRS_TIMEOUT_MS}; "
                    f"SET LOCAL pg_trgm.similarity_threshold = {NAME_SIMILARITY}"
                )
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            if postgresql:
                cursor.execute(
                    "SET LOCAL statement_timeout TO DEFAULT; "
                    "SET LOCAL pg_trgm.similarity_threshold TO DEFAULT"
                )
    except DatabaseError as error:
        if postgresql and getattr(error.__cause__, "pgcode", None) == "57014":  # query_canceled
            raise TooManyToCompare from error
        raise
    more = len(rows) > PAIRS_PAGE
    rows = rows[:PAIRS_PAGE]
    records = {
        pk: VictimAccess(victim, user=user, where=where)
        for pk, victim in Victim.objects.in_bulk({pk for row in rows for pk in row[:2]}).items()
    }
    return [Pair(records[a], records[b], score) for a, b, score in rows], more


def distinct_pair(first: Victim, second: Victim) -> DistinctPair:
    """The (unsaved) record that `first` and `second` are different people, lower id first."""
    low, high = sorted((first, second), key=lambda v: v.pk)
    return DistinctPair(first=low, second=high)
