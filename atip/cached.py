"""Values cached between requests for a short while: counts over the whole caseload that every
social worker's home page shows. Aggregates only, never a name. (The statistics'
figures, kept until the records change, are another thing: reports.figures.)"""

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")
CACHE_FOR = 60 * 60  # how long a value stays in the cache at all
WAIT_FOR = 10  # how long a request waits for a value another one is computing, then computes it
POLL = 0.05


def cached(key: str, compute: Callable[[], T], *, fresh_for: int) -> T:
    """`compute()`, or the value cached under `key` if it is younger than `fresh_for` seconds.

    A value is computed by one request at a time: while it does, the others get the older value
    (a few seconds out of date), or, when there is none yet (the first request after a start),
    wait for it, rather than all computing it at once and all waiting on the database.
    """
    computing = f"{key}:computing"
    entry = cache.get(key)
    if entry is not None:
        value, computed_at = entry
        if time.time() - computed_at < fresh_for or not cache.add(computing, 1, timeout=fresh_for):
            return value
    elif not cache.add(computing, 1, timeout=WAIT_FOR):
        entry = _wait_for(key)
        if entry is not None:
            return entry[0]
    try:
        value = compute()
        cache.set(key, (value, time.time()), timeout=CACHE_FOR)
    finally:
        cache.delete(computing)
    return value


def list_count(rows, *, shown: list, page: int, key: str, fresh_for: int) -> int:
    """How many `rows` a home page's list has: the rows `shown` when they are fewer than the
    `page` shows (no query), else counted and kept `fresh_for` seconds under `key` (a whole
    Department's or unit's list runs to thousands at national scale)."""
    if len(shown) < page:
        return len(shown)
    return max(len(shown), cached(key, rows.count, fresh_for=fresh_for))


def _wait_for(key: str):
    deadline = time.monotonic() + WAIT_FOR
    while time.monotonic() < deadline:
        time.sleep(POLL)
        entry = cache.get(key)
        if entry is not None:
            return entry
    return None
