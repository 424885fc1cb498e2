"""Reads of people's records, named in the audit log (roles.md: every response that shows a
victim's name — pages, lists, search results, forms — is written to the audit log)."""

from collections.abc import Iterable

from django.db.models import Model

from atip.audit import Action, audit_each


def audit_shown(records: Iterable[Model], *, where: str) -> None:
    """One VIEW row per record shown, saying where it was shown ("victim list", "case C-…"),
    written in one statement whatever the number of rows."""
    audit_each(records, action=Action.VIEW, detail=where)
