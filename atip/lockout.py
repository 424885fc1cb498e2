"""The login lockout (django-axes), with two limits: AXES_FAILURE_LIMIT failures for one username
from one address, and AXES_ADDRESS_FAILURE_LIMIT from one address whatever the usernames. Behind
a proxy the address is the client's (atip.audit.client_ip, AXES_CLIENT_IP_CALLABLE), so that
one person's mistakes never lock everybody out."""

import datetime
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from atip.audit import login_name

# A username that names no account is counted under one of this many keyed buckets per length.
UNKNOWN_USERNAME_BUCKETS = 16**5


def lockout_username(request, credentials) -> str:
    """AXES_USERNAME_CALLABLE: the lockout's records keep what the audit log keeps of a typed
    username (atip.audit.login_name), never a password typed into the wrong box.

    A username that names no account gets a counter of its own too, as an account's name does:
    were unknown names of one length counted together, four failures with made-up names would
    make a fifth lock at once unless it named an account, which would tell who has one. The
    counter is the length and a bucket of a keyed hash (about a million per length, SECRET_KEY):
    two made-up names share one only by chance, and the bucket is too coarse to find back a
    password typed into the username box, even knowing the key."""
    typed = (credentials or {}).get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username")
    name = login_name(typed)
    if typed and name == str(typed):
        return name
    digest = salted_hmac("atip.lockout.unknown-username", str(typed or ""), algorithm="sha256")
    bucket = int.from_bytes(digest.digest()[:8], "big") % UNKNOWN_USERNAME_BUCKETS
    return f"{name[:-1]}, counter {bucket:05x})"


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler, for AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"],
    "ip_address"]: a limit of its own for each (axes has one for all)."""

    def get_failures(self, request, credentials=None) -> int:
        pair, address = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Axes compares one number with AXES_FAILURE_LIMIT: the address's failures are shifted
        # so that they reach it exactly when they reach AXES_ADDRESS_FAILURE_LIMIT.
        return max(pair, address - (settings.AXES_ADDRESS_FAILURE_LIMIT - settings.AXES_FAILURE_LIMIT))

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A successful login clears that username's failures from that address, not the
        # address's count for every username.
        pair, _address = self.filter_user_attempts(request, credentials)
        count, _ = pair.delete()
        return count


# --- Until when, and lifting it (issue 21.6) ------------------------------------------------------


def cool_off() -> datetime.timedelta:
    """How long a lock lasts after the last failure that counts (AXES_COOLOFF_TIME)."""
    return get_cool_off() or datetime.timedelta(0)


def cool_off_minutes() -> int:
    return round(cool_off().total_seconds() / 60)


def _lock_end(attempts, limit: int) -> datetime.datetime | None:
    """When the lock that `attempts` (rows of one lockout parameter) make ends, or None if they
    make none now. A row counts its failures while its last failure is younger than the cool-off:
    the lock holds while the newest rows' failures add up to `limit`, so it ends a cool-off after
    the row that brings the newest ones to it."""
    total = 0
    for attempt_time, failures in attempts.order_by("-attempt_time").values_list(
        "attempt_time", "failures_since_start"
    ):
        total += failures
        if total >= limit:
            end = attempt_time + cool_off()
            return end if end > timezone.now() else None
    return None


def locked_until(request, credentials=None) -> datetime.datetime | None:
    """The end of the lock a login from `request` with `credentials` meets now (the later of the
    username's from this address and the address's), or None."""
    pair, address = LockoutHandler().filter_user_attempts(request, credentials)
    ends = [
        _lock_end(pair, settings.AXES_FAILURE_LIMIT),
        _lock_end(address, settings.AXES_ADDRESS_FAILURE_LIMIT),
    ]
    return max((end for end in ends if end is not None), default=None)


def account_locked_until(username: str) -> datetime.datetime | None:
    """The end of the latest lock of `username` from any address (what an administrator lifts),
    or None. The locks of addresses, whatever the usernames, are not the account's."""
    attempts = AccessAttempt.objects.filter(username=username)
    addresses = attempts.values_list("ip_address", flat=True).distinct()
    ends = [_lock_end(attempts.filter(ip_address=ip), settings.AXES_FAILURE_LIMIT) for ip in addresses]
    return max((end for end in ends if end is not None), default=None)


def unlock(username: str) -> int:
    """Forget every failed login of `username`, from every address: the account is unlocked."""
    count, _ = AccessAttempt.objects.filter(username=username).delete()
    return count


@dataclass(frozen=True)
class LockEnd:
    """A lock's end as people read it: the local time ("14:35"), and its date when it is not
    today ("2026-12-07", the ISO way as every date of the application); `iso` for <time>."""

    time: str
    date: str
    iso: str

    @classmethod
    def of(cls, moment: datetime.datetime) -> "LockEnd":
        moment = timezone.localtime(moment)
        date = "" if moment.date() == timezone.localdate() else f"{moment:%Y-%m-%d}"
        return cls(time=f"{moment:%H:%M}", date=date, iso=moment.isoformat(timespec="minutes"))

    def __str__(self):
        return f"{self.date} {self.time}".strip()


def failures_left(request) -> int | None:
    """After a failed login on `request`: how many more failures lock it (1: the next one does),
    counted as the lock counts them, the same for a username that names no account. None when
    no failure was counted, or when it is locked already."""
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None or getattr(request, "axes_locked_out", False):
        return None
    return max(settings.AXES_FAILURE_LIMIT - failures, 0)


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page, saying until when (local time) and linking back
    to the login form. Nothing on it depends on whether the username names an account."""
    until = locked_until(request, credentials or getattr(request, "axes_credentials", None))
    if until is None:  # the last failure is the one that locked: a cool-off from now
        until = timezone.now() + cool_off()
    context = {"until": LockEnd.of(until)}
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE)
