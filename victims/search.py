"""Finding people by name or reference.

Every typed word must match one of the person's names, whatever the accents, the case and the
order of the words: a word matches a name it begins ("mari" finds María). A reference matches,
and so does a part of one with a digit in it ("0008", "2026-0008"); a text with a digit is looked
for in the references only (names have none). The names are compared in their folded form
(`Victim.search_name`, victims.names); on PostgreSQL a word also matches a name it is similar to
by pg_trgm's word similarity, so that a misspelt word ("Peres") still finds the name ("Pérez"),
the closest names first (the trigram GIN index on `search_name` answers both).
"""

import re

from django.db import connections
from django.db.models import BooleanField, F, FloatField, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat

from atip.references import normalise
from victims.names import fold, search_key

MAX_WORDS = 8  # words of a query that are looked for; more only slow the query down
# A part of a reference worth looking for: three characters or more of its alphabet.
REFERENCE_PART = re.compile(r"[A-Z0-9/-]{3,32}")


class WordSimilar(Func):
    """`word <% name`: pg_trgm's word similarity of the word to some part of the name reaches
    pg_trgm.word_similarity_threshold (0.6 by default). Read from the trigram index."""

    arg_joiner = " <%% "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class Similar(Func):
    """`a % b`: pg_trgm's similarity reaches pg_trgm.similarity_threshold (0.3 by default). Read
    from the trigram index; callers compare `Similarity` with their own, higher threshold."""

    arg_joiner = " %% "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class Similarity(Func):
    """pg_trgm's similarity of two texts, 0 to 1 (shared trigrams over all their trigrams)."""

    function = "similarity"
    output_field = FloatField()


def is_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_victims(queryset: QuerySet, text: str) -> QuerySet:
    """The victims of `queryset` whose names contain every word of `text` (or whose reference is
    `text`); on PostgreSQL the closest names first."""
    words = fold(text)[:MAX_WORDS]
    typed = normalise(text)
    by_reference = Q(reference=typed)
    if REFERENCE_PART.fullmatch(typed) and any(character.isdigit() for character in typed):
        by_reference |= Q(reference__contains=typed)
    if not words or any(character.isdigit() for word in words for character in word):
        # Names have no digits: a word with one is looked for in the references only (looking for
        # it among the names too found nothing more and made PostgreSQL compute the word
        # similarity of every record: a reference typed in full took 60 ms, not 10).
        return queryset.filter(by_reference)
    postgresql = is_postgresql(queryset)
    by_name = Q()
    for word in words:
        if postgresql:
            # A word that begins one of the names is found by the cheap LIKE (the trigram index
            # answers it too); word similarity, computed only for the other rows, finds the
            # misspelt ones. Both together take half the time of similarity alone.
            by_name &= (
                Q(search_name__startswith=word)
                | Q(search_name__contains=f" {word}")
                | WordSimilar(Value(word), F("search_name"))
            )
        else:
            by_name &= Q(padded_name__contains=f" {word}")  # the beginning of a name
    if not postgresql:
        padded = Concat(Value(" "), F("search_name"), Value(" "), output_field=TextField())
        return queryset.alias(padded_name=padded).filter(by_reference | by_name)
    rank = Similarity(F("search_name"), Value(search_key(text)))
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    return queryset.filter(by_reference | by_name).alias(rank=rank).order_by("-rank", *ordering)
