"""The figures of a year as the pages read them: computed once, then kept in Django's cache
until a write changes the records of that year.

Each year's figures are kept with that year's token (reports.models.YearGeneration), which
database triggers change in the statement of any write reaching the year: a write dated 2024
leaves 2010–2023's figures kept. Reading the tokens is one query of a few rows. One entry per
year and kind, replaced when computed again: the cache holds about sixty entries however often
the records change, so a cache culling at a number of entries never drops the figures in use.

Two ways to read them. `year_figures`/`year_quality` are always as fresh as the records
(published editions, downloads). `shown_figures`/`shown_quality` are for the pages: when the
kept figures are older than the last write to their year, and `keep_figures` (every
FIGURES_EVERY seconds) is due soon, the page shows them with their time ("as of HH:MM") and when
the next computation is due instead of making its reader wait; when none is kept, or the
computation is overdue, one request computes while the others wait for it or show the older
figures (the lock is in the cache: shared by every server when CACHE_URL is).
"""

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max

from reports.models import YearGeneration
from reports.periods import Year, as_period
from reports.quality import data_quality
from reports.statistics import annual_report
from reports.tip import tip_indicators

# Bump when the shape or the rules of the figures change, so that a shared cache (several
# processes, a deploy) never serves figures computed by the code before.
FIGURES_VERSION = 3  # 3: per-year tokens, (token, figures, computed at)
TIMEOUT = 7 * 24 * 60 * 60
LAST_RUN_KEY = f"reports:{FIGURES_VERSION}:keep_figures:ran_at"
RUN_TAKES = 120  # at most, for keep_figures to run once, at its pace (docker-compose.yml's `figures`)
WAIT_FOR = 30  # seconds a page waits for figures another request computes when none are kept
POLL = 0.1


class Tokens:
    """Each year's token now (one query): the largest token of the rows up to the year."""

    def __init__(self, rows=None):
        rows = YearGeneration.objects.values_list("year", "token") if rows is None else rows
        self.rows = sorted(rows)

    def of(self, year: Year) -> int | None:
        last = as_period(year).last.year  # a TIP year reaches into the next calendar year
        tokens = [token for row_year, token in self.rows if row_year <= last]
        return max(tokens) if tokens else None


def generation(year: Year) -> int | None:
    """Year's token now; None when no row exists (then nothing is kept)."""
    return YearGeneration.objects.filter(year__lte=as_period(year).last.year).aggregate(token=Max("token"))[
        "token"
    ]


@dataclass
class Shown:
    """Figures as a page shows them: `as_of` (an aware datetime) when older than the last write
    to their year, with `next_due`, when they will have been computed again."""

    value: dict
    as_of: datetime.datetime | None = None
    next_due: datetime.datetime | None = None


def _key(kind: str, year: Year) -> str:
    return f"reports:{FIGURES_VERSION}:{kind}:{as_period(year).key}"


def _entry(kind: str, year: Year):
    entry = cache.get(_key(kind, year))
    return entry if isinstance(entry, tuple) and len(entry) == 3 else None


def is_kept(kind: str, year: Year, token: int | None) -> bool:
    """Whether `kind` ("figures" or "quality") of `year` is kept for the records as of `token`."""
    entry = _entry(kind, year)
    return entry is not None and token is not None and entry[0] == token


def _compute_and_keep(kind: str, year: Year, token: int | None, compute: Callable[[], dict]) -> dict:
    value = compute()
    if token is not None:
        cache.set(_key(kind, year), (token, value, time.time()), TIMEOUT)
    return value


def _fresh(kind: str, year: Year, token: int | None, compute: Callable[[], dict]) -> dict:
    entry = _entry(kind, year)
    if entry is not None and token is not None and entry[0] == token:
        return entry[1]
    return _compute_and_keep(kind, year, token, compute)


def _aware(timestamp: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)


def next_run() -> float | None:
    """When keep_figures will next have run (its last run + FIGURES_EVERY), or None if it has
    not run lately (then pages compute what they show)."""
    ran_at = cache.get(LAST_RUN_KEY)
    if ran_at is None:
        return None
    due, now = ran_at + settings.FIGURES_EVERY, time.time()
    # Its next run takes a while after its interval (at its pace, 40 s at national scale):
    # overdue only when that has passed too, or the pages compute in the meantime at every write.
    grace = min(RUN_TAKES, settings.FIGURES_EVERY)
    return max(due, now) if due + grace > now else None


def _shown(kind: str, year: Year, token: int | None, compute: Callable[[], dict]) -> Shown:
    if token is None:
        return Shown(compute())
    entry = _entry(kind, year)
    if entry is not None and entry[0] == token:
        return Shown(entry[1])
    due = next_run()
    if entry is not None and due is not None:
        return Shown(entry[1], _aware(entry[2]), _aware(due))
    computing = f"{_key(kind, year)}:computing"
    if cache.add(computing, 1, timeout=WAIT_FOR):
        try:
            return Shown(_compute_and_keep(kind, year, token, compute))
        finally:
            cache.delete(computing)
    if entry is not None:  # another request is computing them: the older ones, said so
        return Shown(entry[1], _aware(entry[2]), _aware(time.time() + WAIT_FOR))
    deadline = time.monotonic() + WAIT_FOR
    while time.monotonic() < deadline:
        time.sleep(POLL)
        entry = _entry(kind, year)
        if entry is not None and entry[0] == token:
            return Shown(entry[1])
    return Shown(_compute_and_keep(kind, year, token, compute))


def compute_figures(year: Year) -> dict:
    """annual_report(year) with the TIP Report indicators under "tip" (exact counts)."""
    report = annual_report(year)
    return {**report, "tip": tip_indicators(year, report)}


def _token(year: Year, tokens: Tokens | None) -> int | None:
    return generation(year) if tokens is None else tokens.of(year)


def year_figures(year: Year, *, tokens: Tokens | None = None) -> dict:
    """compute_figures(year), from the cache when no write has reached the year since."""
    return _fresh("figures", year, _token(year, tokens), lambda: compute_figures(year))


def year_quality(year: Year, *, tokens: Tokens | None = None) -> dict:
    """data_quality(year), from the cache when no write has reached the year since."""
    return _fresh("quality", year, _token(year, tokens), lambda: data_quality(year))


def shown_figures(year: Year, *, tokens: Tokens | None = None) -> Shown:
    """The figures of `year` for a page: kept ones, said older when a write reached the year."""
    return _shown("figures", year, _token(year, tokens), lambda: compute_figures(year))


def shown_quality(year: Year, *, tokens: Tokens | None = None) -> Shown:
    """data_quality(year) for a page, as shown_figures."""
    return _shown("quality", year, _token(year, tokens), lambda: data_quality(year))


def report_of(figures: dict) -> dict:
    """The object of spec/annual-statistics.md (the figures without the TIP indicators)."""
    return {key: value for key, value in figures.items() if key != "tip"}
