"""The confidentiality undertaking (issue 22.4): the version in force, accepting it, and writing a
new version. Which version a user accepted is kept in the session once known, and the version in
force in the cache, so that the check costs no query on an ordinary request."""

from django.core.cache import cache
from django.db import IntegrityError, transaction

from accounts.models import Undertaking, UndertakingAcceptance
from atip.audit import Action, audit

CACHE_KEY = "undertaking:current"
SESSION_KEY = "undertaking_accepted"


def current() -> Undertaking | None:
    return Undertaking.objects.order_by("-version").first()


def current_version() -> int:
    """The version in force (0: none written yet)."""
    version = cache.get(CACHE_KEY)
    if version is None:
        version = Undertaking.objects.order_by("-version").values_list("version", flat=True).first() or 0
        cache.set(CACHE_KEY, version, 60 * 60)
    return version


def has_accepted(request) -> bool:
    """Whether the session's user accepted the version in force (asks the database once a session)."""
    version = current_version()
    if not version or request.session.get(SESSION_KEY) == version:
        return True
    if UndertakingAcceptance.objects.filter(user=request.user, undertaking__version=version).exists():
        request.session[SESSION_KEY] = version
        return True
    return False


def undertaking_accept(*, request, undertaking: Undertaking) -> None:
    """Record that the user accepted this version; audited once."""
    try:
        with transaction.atomic():
            UndertakingAcceptance.objects.create(user=request.user, undertaking=undertaking)
    except IntegrityError:
        pass  # accepted already (two tabs)
    else:
        audit(
            action=Action.UNDERTAKING,
            request=request,
            user=request.user,
            obj=undertaking,
            detail=f"version {undertaking.version}",
        )
    request.session[SESSION_KEY] = undertaking.version


@transaction.atomic
def undertaking_write(*, text: str, by) -> Undertaking:
    """A new version of the text, in force at once: every user accepts it again. Audited."""
    latest = Undertaking.objects.select_for_update().order_by("-version").first()
    undertaking = Undertaking(version=(latest.version if latest else 0) + 1, text=text.strip(), written_by=by)
    undertaking.full_clean()
    undertaking.save()
    audit(
        action=Action.CREATE, user=by, obj=undertaking, detail=f"undertaking, version {undertaking.version}"
    )
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))  # and once committed: no stale re-read
    return undertaking
