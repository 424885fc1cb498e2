"""atip.kept: a figure is computed once while fresh, and an old one by one request only."""

from django.core.cache import cache

from atip import kept as kept_module
from atip.kept import kept


def test_a_fresh_figure_is_not_computed_again(monkeypatch):
    calls = []
    monkeypatch.setattr(kept_module.time, "time", lambda: 1000.0)
    assert kept("k", lambda: calls.append(1) or 7, fresh_for=60) == 7
    assert kept("k", lambda: calls.append(1) or 8, fresh_for=60) == 7
    assert calls == [1]


def test_an_old_figure_is_recomputed(monkeypatch):
    monkeypatch.setattr(kept_module.time, "time", lambda: 1000.0)
    kept("k", lambda: 7, fresh_for=60)
    monkeypatch.setattr(kept_module.time, "time", lambda: 1061.0)
    assert kept("k", lambda: 8, fresh_for=60) == 8


def test_while_one_request_recomputes_the_others_get_the_old_figure(monkeypatch):
    monkeypatch.setattr(kept_module.time, "time", lambda: 1000.0)
    kept("k", lambda: 7, fresh_for=60)
    monkeypatch.setattr(kept_module.time, "time", lambda: 1061.0)
    cache.add("k:computing", 1)  # another request is computing it
    assert kept("k", lambda: 8, fresh_for=60) == 7
