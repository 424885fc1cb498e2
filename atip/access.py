"""The one way a view gets a record: through a selector scoped to the user (roles.md), which
returns the record together with what this user may do with it.

In the manner of Zulip's `access_stream_by_id`: a record the user may not see answers 404,
exactly as a record that does not exist; a record they see but may not act on answers 403.
Both refusals are audited by atip.audit.AuditMiddleware. And in the manner of healthchecks'
`_get_check_for_user → (check, rw)`: the selector's answer says what the user may do with the
record (`access.manage`), so that no view or template asks the role table again.
"""

from typing import ClassVar, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from atip.roles import Ability, can

M = TypeVar("M", bound=Model)


def ensure_can(user, ability: Ability) -> None:
    """403 unless `user` has `ability`: for an action on records the user can see (adding a
    case as a prosecutor, who reads cases)."""
    if not can(user, ability):
        raise PermissionDenied


def object_for_user(queryset: QuerySet[M], pk, *, user, to: Ability | None = None) -> M:
    """The record `pk` of `queryset` (already scoped to `user`); with `to`, only if the user
    also has that ability."""
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if to is not None:
        ensure_can(user, to)
    return obj


class RecordAccess(Generic[M]):
    """A record as one user may see it. Each name of `may` is an ability of atip.roles, read as
    a yes/no attribute (`access.manage`); any other attribute is the record's own
    (`access.reference`), so that a template takes the access where it took the record. Writes
    take the record itself: `access.record`."""

    may: ClassVar[dict[str, Ability]] = {}

    def __init__(self, record: M, *, user):
        self.record = record
        self.user = user

    def __getattr__(self, name: str):
        if name in ("record", "user") or name.startswith("__"):
            raise AttributeError(name)  # not set yet (a copy being made)
        if name in type(self).may:
            return can(self.user, type(self).may[name])
        return getattr(self.record, name)

    def __eq__(self, other) -> bool:
        """The same record, whoever sees it: an access equals its record (a list of accesses
        compares with a list of records)."""
        return self.record == (other.record if isinstance(other, RecordAccess) else other)

    def __hash__(self) -> int:
        return hash(self.record)

    def __str__(self) -> str:
        return str(self.record)
