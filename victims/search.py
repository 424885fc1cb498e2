"""Finding people by name or reference (issue 10).

Every typed word must match one of the person's names, whatever the accents, the case and the
order of the words; the exact reference matches too. The names are compared in their folded form
(`Victim.search_name`, victims.names):
- on PostgreSQL a word matches the beginning of a name, or is similar to a name by pg_trgm's
  word similarity, so that a misspelt word ("Peres") still finds the name ("Pérez"); the closest
  names first; the trigram GIN index on `search_name` answers both;
- on SQLite (development) by exact words.
"""

from django.db import connections
from django.db.models import BooleanField, F, FloatField, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat

from atip.references import normalise
from victims.names import fold, search_key

MAX_WORDS = 8  # words of a query that are looked for; more only slow the query down


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
    by_reference = Q(reference=normalise(text))
    if not words:
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
            by_name &= Q(padded_name__contains=f" {word} ")
    if not postgresql:
        padded = Concat(Value(" "), F("search_name"), Value(" "), output_field=TextField())
        return queryset.alias(padded_name=padded).filter(by_reference | by_name)
    rank = Similarity(F("search_name"), Value(search_key(text)))
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    return queryset.filter(by_reference | by_name).alias(rank=rank).order_by("-rank", *ordering)
