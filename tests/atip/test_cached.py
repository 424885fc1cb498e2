"""atip.cached: a figure is computed once while fresh, an old one by one request only, and a first
one by one request while the others wait for it."""

import itertools

import pytest
from django.core.cache import cache

from atip import cached as cached_module
from atip.cached import cached


def test_a_fresh_figure_is_not_computed_again(monkeypatch):
    calls = []
    monkeypatch.setattr(cached_module.time, "time", lambda: 1000.0)
    assert cached("k", lambda: calls.append(1) or 7, fresh_for=60) == 7
    assert cached("k", lambda: calls.append(1) or 8, fresh_for=60) == 7
    assert calls == [1]


def test_an_old_figure_is_recomputed(monkeypatch):
    monkeypatch.setattr(cached_module.time, "time", lambda: 1000.0)
    cached("k", lambda: 7, fresh_for=60)
    monkeypatch.setattr(cached_module.time, "time", lambda: 1061.0)
    assert cached("k", lambda: 8, fresh_for=60) == 8


def test_while_one_request_recomputes_the_others_get_the_old_figure(monkeypatch):
    monkeypatch.setattr(cached_module.time, "time", lambda: 1000.0)
    cached("k", lambda: 7, fresh_for=60)
    monkeypatch.setattr(cached_module.time, "time", lambda: 1061.0)
    cache.add("k:computing", 1)  # another request is computing it
    assert cached("k", lambda: 8, fresh_for=60) == 7


def test_the_first_figure_is_computed_once_while_the_others_wait_for_it(monkeypatch):
    cache.add("k:computing", 1)  # another request is computing it; nothing is cached yet

    def its_value_arrives(seconds):
        cache.set("k", (9, cached_module.time.time()))

    monkeypatch.setattr(cached_module.time, "sleep", its_value_arrives)
    assert cached("k", lambda: 8, fresh_for=60) == 9


def test_a_request_waits_only_so_long_then_computes_the_figure_itself(monkeypatch):
    cache.add("k:computing", 1)  # the other request never delivers
    clock = itertools.count(0, 3)  # seconds: each look at the clock is 3 s later
    monkeypatch.setattr(cached_module.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(cached_module.time, "sleep", lambda seconds: None)
    assert cached("k", lambda: 8, fresh_for=60) == 8
    assert cache.get("k:computing") is None


def test_a_failed_computation_lets_the_next_request_try(monkeypatch):
    def fails():
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        cached("k", fails, fresh_for=60)
    assert cache.get("k:computing") is None
    assert cached("k", lambda: 8, fresh_for=60) == 8
