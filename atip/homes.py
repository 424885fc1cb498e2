"""Each role's home page, registered by the app that keeps that role's work.

atip is the base package and imports no app: an app names its home page here with
`@home_page(role, template)` on the selector that gives the page's figures, in a module its
AppConfig.ready() imports. `atip.views.home` then renders the page of the user's role.
"""

from collections.abc import Callable
from dataclasses import dataclass

from atip.roles import Role


@dataclass(frozen=True)
class HomePage:
    template: str
    context: Callable[..., dict]  # context(user=…) -> the template's context


_PAGES: dict[Role, HomePage] = {}


def home_page(role: Role, template: str):
    """Register the decorated selector (`user=` keyword) as the home page of `role`."""

    def register(selector: Callable[..., dict]) -> Callable[..., dict]:
        _PAGES[Role(role)] = HomePage(template, selector)
        return selector

    return register


def home_page_of(role: Role) -> HomePage:
    return _PAGES[role]
