"""Reads of people's records, named in the audit log (roles.md: every response that shows a
victim's name — pages, lists, search results, forms — is written to the audit log).

Called by the module that hands out what a user may see of a record (victims.access), at the
moment the name is read: so a response records exactly the names it shows, once each."""

from collections.abc import Iterable

from django.db.models import Model

from atip.audit import Action, audit_each, current_request


def audit_shown(records: Iterable[Model], *, where: str) -> None:
    """One VIEW row per record shown, saying where it was shown ("victim list", "case C-…"),
    written in one statement whatever the number of rows."""
    audit_each(records, action=Action.VIEW, detail=where)


def read(record: Model, *, where: str) -> None:
    """`record` is shown by the response being served: one VIEW row, the first time in this
    response (outside a request, at once)."""
    request = current_request()
    if request is not None:
        key = (record._meta.label, record.pk)
        seen = request.__dict__.setdefault("_atip_shown", set())
        if key in seen:
            return
        seen.add(key)
    audit_shown([record], where=where)
