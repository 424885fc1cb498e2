"""The one way a view gets a record: through a selector scoped to the user (roles.md).

In the manner of Zulip's `access_stream_by_id`: a record the user may not see answers 404,
exactly as a record that does not exist; a record they see but may not act on answers 403.
Both refusals are audited by atip.audit.AuditMiddleware.
"""

from typing import TypeVar

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
