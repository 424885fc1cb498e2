"""The figures of a year as the pages read them: computed once, then kept in Django's cache
until a write changes the records they come from.

Each year's figures are kept with DataGeneration's token (reports.models), which database
triggers change in the same statement as any write to a table the figures read. Reading the token
is one indexed query; when it has not moved since the figures were computed the page costs no
counting at all. One entry per year and kind, replaced when the figures are computed again: the
cache holds about sixty entries however often the records change, so that a cache culling at a
number of entries (the file cache: 300, chosen at random) never drops the figures in use for
stale ones.
"""

from collections.abc import Callable

from django.core.cache import cache

from reports.models import DataGeneration
from reports.quality import data_quality
from reports.statistics import annual_report
from reports.tip import tip_indicators

# Bump when the shape or the rules of the figures change, so that a shared cache (several
# processes, a deploy) never serves figures computed by the code before.
FIGURES_VERSION = 2  # 2: one entry per year and kind, (token, figures)
TIMEOUT = 24 * 60 * 60


def generation() -> int | None:
    """The data generation now; None when no row exists (then nothing is kept)."""
    return DataGeneration.objects.filter(pk=1).values_list("token", flat=True).first()


def _key(kind: str, year: int) -> str:
    return f"reports:{FIGURES_VERSION}:{kind}:{year}"


def _kept_for(kind: str, year: int, token: int) -> dict | None:
    """The figures kept for the records as of `token`, or None (none kept, or older ones)."""
    entry = cache.get(_key(kind, year))
    if entry is not None and entry[0] == token:
        return entry[1]
    return None


def is_kept(kind: str, year: int, token: int) -> bool:
    """Whether `kind` ("figures" or "quality") of `year` is kept for the records as of `token`."""
    return _kept_for(kind, year, token) is not None


def _kept(kind: str, year: int, token: int | None, compute: Callable[[], dict]) -> dict:
    if token is None:
        return compute()
    value = _kept_for(kind, year, token)
    if value is None:
        value = compute()
        cache.set(_key(kind, year), (token, value), TIMEOUT)
    return value


def compute_figures(year: int) -> dict:
    """annual_report(year) with the TIP Report indicators under "tip" (exact counts)."""
    report = annual_report(year)
    return {**report, "tip": tip_indicators(year, report)}


def year_figures(year: int, *, token: int | None = None) -> dict:
    """compute_figures(year), from the cache when the records have not changed since."""
    token = generation() if token is None else token
    return _kept("figures", year, token, lambda: compute_figures(year))


def year_quality(year: int, *, token: int | None = None) -> dict:
    """data_quality(year), from the cache when the records have not changed since."""
    token = generation() if token is None else token
    return _kept("quality", year, token, lambda: data_quality(year))


def report_of(figures: dict) -> dict:
    """The object of spec/annual-statistics.md (the figures without the TIP indicators)."""
    return {key: value for key, value in figures.items() if key != "tip"}
