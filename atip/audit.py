"""Writing to the append-only audit log. One function; callers name the record, never a person.

Services take the acting user (`by=`) and nothing of the HTTP request: the address and path of
the request being served come from the request context that AuditMiddleware keeps, as
django-simple-history's middleware does for the history rows' user.
"""

from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.http import Http404

from atip.models import AuditEvent
from atip.roles import role_of

Action = AuditEvent.Action

_current_request: ContextVar = ContextVar("atip_audit_request", default=None)


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def _event(*, action, user, obj, object_type, object_id, object_ref, detail, request) -> AuditEvent:
    """An unsaved event by `user` (the request's user when not given), naming `obj` by model
    name, pk and `reference` if it has one."""
    request = request if request is not None else _current_request.get()
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    if obj is not None:
        object_type = object_type or obj._meta.model_name
        object_id = object_id or str(obj.pk)
        object_ref = object_ref or str(getattr(obj, "reference", "") or "")
    role = role_of(user) if user is not None else None
    return AuditEvent(
        user=user,
        username=user.get_username() if user is not None else "",
        role=role or "",
        action=action,
        object_type=object_type[:64],
        object_id=object_id[:64],
        object_ref=object_ref[:64],
        ip=client_ip(request),
        path=request.get_full_path()[:300] if request is not None else "",
        detail=detail[:300],
    )


def audit(
    *,
    action: str,
    user=None,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_ref: str = "",
    detail: str = "",
    request=None,
) -> AuditEvent:
    """Record one event by `user` (the request's user when not given)."""
    event = _event(
        action=action,
        user=user,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        object_ref=object_ref,
        detail=detail,
        request=request,
    )
    event.save()
    return event


def audit_each(records, *, action: str, detail: str = "", user=None) -> list[AuditEvent]:
    """One event per record, written in one statement (a list page names every row it shows)."""
    events = [
        _event(
            action=action,
            user=user,
            obj=record,
            object_type="",
            object_id="",
            object_ref="",
            detail=detail,
            request=None,
        )
        for record in records
    ]
    return AuditEvent.objects.bulk_create(events)


class AuditMiddleware:
    """Keeps the request being served for audit(), and writes every refused access (404 or 403
    raised by a view) to the audit log, in one place.

    The view's own transaction has been rolled back by then, so the refusal is written on its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404 | PermissionDenied):
            match = request.resolver_match
            kwargs = match.kwargs if match else {}
            audit(
                action=Action.DENIED,
                request=request,
                object_type=match.view_name if match else "",
                object_id=str(next(iter(kwargs.values()), "")),
                detail="403 forbidden" if isinstance(exception, PermissionDenied) else "404 not found",
            )
        return None
