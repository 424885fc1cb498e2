"""Records that run over a period (a service episode: start_date to end_date, blank while
ongoing). One definition of "overlaps", used for "in care on a day" and for the year's figures."""

import datetime

from django.db.models import Q


def overlaps_q(first: datetime.date, last: datetime.date, *, prefix: str = "") -> Q:
    """The period overlaps the days `first`..`last` (annual-statistics.md): it started on or
    before `last` and has not ended before `first`. `prefix` reaches the period through a
    relation ("services__")."""
    return Q(**{f"{prefix}start_date__lte": last}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": first})
    )
