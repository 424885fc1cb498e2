"""Sections that apps add to another app's record page, so that dependencies point down only.

A victim's page shows assistance (services app) and cases (cases, prosecutions); a case's page
shows its prosecutions. The app that owns the page imports none of those: each registers a panel
with `@panel(page, template, order=…)` on a function `(*, user, <record>) -> dict | None` in a
module its AppConfig.ready() imports. The function scopes what it shows to the user and returns
None when the user may see none of it.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    template: str
    order: int  # top to bottom
    side: bool  # in the page's side column, rather than below the record
    context: Callable[..., dict | None]


_PANELS: dict[str, list[Panel]] = defaultdict(list)


def panel(page: str, template: str, *, order: int, side: bool = False):
    """Register the decorated function as a panel of `page` ("victim", "case")."""

    def register(context: Callable[..., dict | None]) -> Callable[..., dict | None]:
        _PANELS[page].append(Panel(template, order, side, context))
        _PANELS[page].sort(key=lambda p: p.order)
        return context

    return register


def panels_for(page: str, *, user, **record) -> list[dict]:
    """The panels of `page` that `user` may see, each its context with `template`, `side` and
    optionally a `badge` (text, colour class) for the page's header."""
    shown = []
    for p in _PANELS[page]:
        context = p.context(user=user, **record)
        if context is not None:
            shown.append({"template": p.template, "side": p.side, **context})
    return shown
