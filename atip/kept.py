"""Figures kept between requests for a short while: counts over the whole caseload that every
social worker's home page shows (issue 13). Aggregates only, never a name."""

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")
KEEP_FOR = 60 * 60  # how long a figure stays in the cache at all


def kept(key: str, compute: Callable[[], T], *, fresh_for: int) -> T:
    """`compute()`, or the value kept under `key` if it is younger than `fresh_for` seconds.

    An older value is recomputed by one request only: the others meanwhile get the older value
    (a few seconds out of date), rather than all computing it at once and all waiting.
    """
    entry = cache.get(key)
    now = time.time()
    if entry is not None:
        value, computed_at = entry
        if now - computed_at < fresh_for or not cache.add(f"{key}:computing", 1, timeout=fresh_for):
            return value
    value = compute()
    cache.set(key, (value, time.time()), timeout=KEEP_FOR)
    cache.delete(f"{key}:computing")
    return value
