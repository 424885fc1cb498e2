"""Writing to the append-only audit log. One function; callers name the record, never a person."""

from atip.models import AuditEvent
from atip.roles import role_of

Action = AuditEvent.Action


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def audit(
    *,
    action: str,
    request=None,
    user=None,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    object_ref: str = "",
    detail: str = "",
) -> AuditEvent:
    """Record one event. `obj` names the record by model name, pk and `reference` if it has one."""
    if user is None and request is not None:
        user = request.user
    if user is not None and not user.is_authenticated:
        user = None
    if obj is not None:
        object_type = object_type or obj._meta.model_name
        object_id = object_id or str(obj.pk)
        object_ref = object_ref or str(getattr(obj, "reference", "") or "")
    role = role_of(user) if user is not None else None
    return AuditEvent.objects.create(
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
