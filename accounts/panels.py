"""The requests waiting for a second administrator, on every administrator's home (issue 21.10):
who asked, what, when, and for each whether the reader may approve it or why not (the rules of
accounts.approval)."""

from accounts.approval import with_refusals
from accounts.selectors import pending_changes
from atip.paging import RECENT
from atip.panels import panel
from atip.roles import Ability, can


@panel("home", "accounts/_pending.html", order=5)
def pending_panel(*, user) -> dict | None:
    """The oldest RECENT requests awaiting approval, and how many in all (a constant number of
    queries whatever their number)."""
    if not can(user, Ability.MANAGE_USERS):
        return None
    pending = pending_changes(user=user)
    return {"changes": with_refusals(pending[:RECENT], by=user), "count": pending.count(), "home": True}
