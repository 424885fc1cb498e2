"""Writing to the append-only audit log. One function; callers name the record, never a person.

Services take the acting user (`by=`) and nothing of the HTTP request: the address and path of
the request being served come from the request context that AuditMiddleware keeps, as
django-simple-history's middleware does for the history rows' user.

What the log holds of a request is what an administrator may read (roles.md: no names, no
search words): the path with every typed value reduced to its length, and the client's address
as the trusted proxies saw it.
"""

import hashlib
import ipaddress
import json
import re
from contextvars import ContextVar
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import resolve_url
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views import csrf

from atip.models import GENESIS_HASH, AuditChainHead, AuditEvent
from atip.roles import role_of

Action = AuditEvent.Action

_current_request: ContextVar = ContextVar("atip_audit_request", default=None)


def current_request():
    """The request being served (kept by AuditMiddleware), or None outside one."""
    return _current_request.get()


# --- Where a request comes from -----------------------------------------------------------------


def client_ip(request) -> str | None:
    """The client's address, for the audit log and the login lockout (AXES_CLIENT_IP_CALLABLE).

    With TRUSTED_PROXY_COUNT = 0, REMOTE_ADDR. Behind n trusted proxies, each of which appends
    the address it was connected from to X-Forwarded-For, the n-th entry from the right: the one
    the outermost trusted proxy wrote. Whatever a client puts in that header itself stands
    further left and is never taken.
    """
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if forwarded:
            address = forwarded[-min(count, len(forwarded))]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return request.META.get("REMOTE_ADDR") or None  # a proxy wrote something else: its own peer


# --- What of a request the log may hold -----------------------------------------------------------

# Query parameters whose values are codes from a list, numbers or dates: kept as they are. Any
# other parameter (q, reference, username…) may hold words someone typed, a name searched for,
# and is stored as its length only. A parameter added to a list page is redacted until named here.
CODE_PARAMETERS = frozenset(
    {
        "action",
        "age_group",
        "archived",
        "audience",
        "court",
        "date_from",
        "date_to",
        "direct",
        "district",
        "edition",
        "form",
        "format",
        "kind",
        "language",
        "nationality",
        "outcome",
        "page",
        "sex",
        "source",
        "status",
        "year",
    }
)
_CODE_VALUE = re.compile(r"[A-Za-z0-9_.:-]{0,40}\Z")
_PARAMETER_NAME = re.compile(r"[A-Za-z0-9_]{1,40}\Z")


def redacted_path(request) -> str:
    """The request's path and query string, each typed value replaced by `<n characters>`:
    `/victims/?q=<17 characters>&status=identified`."""
    parts = []
    for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True):
        if not _PARAMETER_NAME.match(name):
            name = "<parameter>"
        if name in CODE_PARAMETERS and _CODE_VALUE.match(value):
            parts.append(f"{name}={value}")
        else:
            parts.append(f"{name}=<{len(value)} characters>")
    return request.path + ("?" + "&".join(parts) if parts else "")


def login_name(typed) -> str:
    """What the log (and the lockout's records) may keep of a username typed at login: the
    username of an existing account, else only that it named none, and its length (it may be a
    password typed into the wrong box)."""
    typed = "" if typed is None else str(typed)
    user_model = get_user_model()
    if typed and user_model._default_manager.filter(**{user_model.USERNAME_FIELD: typed}).exists():
        return typed
    return f"(unknown username, {len(typed)} characters)"


# --- The chain ------------------------------------------------------------------------------------

HASHED_FIELDS = (
    "seq",
    "at",
    "user_id",
    "username",
    "role",
    "action",
    "object_type",
    "object_id",
    "object_ref",
    "ip",
    "path",
    "detail",
    "prev_hash",
)


def _canonical(name, value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if name == "ip" and value:
        return ipaddress.ip_address(value).packed.hex()  # whatever text form the database returns
    return value


def event_hash(event) -> str:
    """SHA-256 of the event's content and of the previous event's hash (`prev_hash`)."""
    content = [_canonical(name, getattr(event, name)) for name in HASHED_FIELDS]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()


def _locked_head() -> AuditChainHead:
    """The chain's head row, locked until the transaction ends. Recreated from the last event if
    it is missing (a flushed test database)."""
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        last = AuditEvent.objects.order_by("-seq").values("seq", "hash").first() or {
            "seq": 0,
            "hash": GENESIS_HASH,
        }
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(pk=1, **last)
        except IntegrityError:
            pass  # another writer created it first
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def _append(events: list[AuditEvent]) -> list[AuditEvent]:
    """Link `events` to the chain, in order, and write them in one INSERT. Three statements in
    all: lock the head, insert, move the head."""
    # savepoint=False: inside a request's transaction a failed append fails the request (no
    # change without its audit row); outside one, this is the events' own transaction.
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        now = timezone.now()
        for event in events:
            event.seq, event.at, event.prev_hash = head.seq + 1, now, head.hash
            event.hash = event_hash(event)
            head.seq, head.hash = event.seq, event.hash
        AuditEvent.objects.bulk_create(events)
        head.save(update_fields=["seq", "hash"])
    return events


def chain_break() -> str | None:
    """The first place where the chain is broken, in words; None if it is whole. Walks every
    event in `seq` order: a number missing (deleted), an event that does not follow the one
    before it (that one changed, or events moved), content that does not match its hash
    (changed), or a head that is not the last event (events at the end deleted)."""
    expected, previous = 1, GENESIS_HASH
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        where = f"event #{event.seq} (id {event.pk}, {event.at:%Y-%m-%d %H:%M:%S})"
        if event.seq != expected:
            return f"{where}: event #{expected} is missing (deleted or moved)"
        if event.prev_hash != previous:
            return f"{where}: does not follow event #{expected - 1} (one of them was changed, or moved)"
        if event_hash(event) != event.hash:
            return f"{where}: its content does not match its hash (changed)"
        expected, previous = expected + 1, event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.hash) != (expected - 1, previous):
        last = expected - 1
        return f"the end: the last event is #{last}, the head says #{head.seq} (events at the end deleted)"
    return None


# --- Writing --------------------------------------------------------------------------------------


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
        path=redacted_path(request)[:300] if request is not None else "",
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
    return _write([event])[0]


def audit_each(records, *, action: str, detail: str = "", user=None) -> list[AuditEvent]:
    """One event per record, written in one statement (a list page names every row it shows).

    Reads (VIEW) during a request are appended when the view has returned, after its
    transaction: the chain's head is then locked for three statements, not for the rest of the
    request (a page audits what it shows before it renders it). A view that fails shows nothing
    and its reads are dropped (the error itself is audited)."""
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
    return _write(events) if events else []


def _write(events: list[AuditEvent]) -> list[AuditEvent]:
    """Append `events` now, or, for reads during a request, once the view has returned."""
    request = _current_request.get()
    if request is not None and all(event.action == Action.VIEW for event in events):
        request._atip_reads = [*getattr(request, "_atip_reads", []), *events]
        return events
    return _append(events)


def _audit_denied(request, detail: str) -> None:
    match = request.resolver_match
    kwargs = match.kwargs if match else {}
    audit(
        action=Action.DENIED,
        request=request,
        object_type=match.view_name if match else "",
        object_id=str(next(iter(kwargs.values()), "")),
        detail=detail,
    )


# The detail of an anonymous request sent to the login page (written as a refusal; the audit
# page shows it as a login redirect, atip.audit_log).
LOGIN_REQUIRED = "login required"


def _login_paths() -> set[str]:
    paths = {resolve_url(settings.LOGIN_URL)}
    try:
        paths.add(reverse("admin:login"))
    except NoReverseMatch:
        pass
    return paths


def _is_login_redirect(request, response) -> bool:
    """An anonymous request sent to log in first (login_required, the admin site)."""
    if response.status_code != 302 or getattr(request, "user", None) is None:
        return False
    if request.user.is_authenticated:
        return False
    target = urlsplit(response.get("Location", ""))
    return target.path in _login_paths() and REDIRECT_FIELD_NAME in dict(parse_qsl(target.query))


class AuditMiddleware:
    """Keeps the request being served for audit(), and writes every refused access to the audit
    log, in one place: a 404 or 403 raised by a view, and an anonymous request sent to log in.

    The view's own transaction has been rolled back or committed by then, so the refusal is
    written in a transaction of its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            response = self.get_response(request)
            reads = getattr(request, "_atip_reads", None)
            if reads and response.status_code < 500:
                _append(reads)
            if _is_login_redirect(request, response):
                _audit_denied(request, LOGIN_REQUIRED)
            return response
        finally:
            _current_request.reset(token)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404 | PermissionDenied):
            _audit_denied(
                request, "403 forbidden" if isinstance(exception, PermissionDenied) else "404 not found"
            )
        return None


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the refusal is audited, then Django's 403 page is shown (a
    templates/403_csrf.html, if there is one)."""
    _audit_denied(request, f"403 CSRF: {reason}")
    return csrf.csrf_failure(request, reason=reason)
