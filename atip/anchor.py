"""Anchors of the audit chain (issue 19, item 11): its head, kept outside the server.

The application's database role may append to the audit log, so it could append a forged event
and the chain would stay whole; whoever holds the owner's role could even rewrite the chain from
some event on and make every hash again. An anchor — the number of events and the last one's
hash, at a time, HMAC-signed with ANCHOR_KEY, a key only the anchoring job holds — fixes what
the log was when it was taken: `verify_audit --anchor FILE` proves the log still extends every
anchor in FILE (the event at that position still has that hash, and the chain after it is
whole), and that no event written after an anchor claims a time before it.
"""

import hashlib
import hmac
import json
from datetime import datetime, timedelta

from django.utils import timezone

from atip.models import GENESIS_HASH, AuditChainHead, AuditEvent

# The clocks of the anchoring job and of the application may differ a little.
CLOCK_SKEW = timedelta(minutes=5)


def _signature(key: str, *, seq: int, hash_: str, at: str) -> str:
    message = f"atip-audit-anchor:{seq}:{hash_}:{at}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def anchor_line(*, key: str = "") -> str:
    """The chain's head now, as one line of JSON; signed ("hmac") when `key` is given."""
    at = timezone.now().isoformat()  # before the head is read: later events are dated after it
    head = AuditChainHead.objects.filter(pk=1).first()
    seq, hash_ = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    anchor = {"seq": seq, "hash": hash_, "at": at}
    if key:
        anchor["hmac"] = _signature(key, seq=seq, hash_=hash_, at=at)
    return json.dumps(anchor, separators=(",", ":"))


def _parse(number: int, line: str, key: str) -> tuple[dict | None, str | None]:
    """An anchor read from one line of the file, or what is wrong with it."""
    try:
        anchor = json.loads(line)
        seq, hash_, at = int(anchor["seq"]), str(anchor["hash"]), str(anchor["at"])
        when = datetime.fromisoformat(at)
    except (ValueError, KeyError, TypeError):
        return None, f"line {number}: not an anchor"
    if "hmac" in anchor:
        if not key:
            return None, f"line {number}: signed, but ANCHOR_KEY is not set here to check it"
        expected = _signature(key, seq=seq, hash_=hash_, at=at)
        if not hmac.compare_digest(expected, str(anchor["hmac"])):
            return None, f"line {number}: its signature does not match (the anchor was altered)"
    elif key:
        return None, f"line {number}: not signed, though ANCHOR_KEY is set (an anchor slipped in?)"
    return {"seq": seq, "hash": hash_, "at": when}, None


def _extends(number: int, anchor: dict, last_seq: int) -> str | None:
    """What shows that the log no longer extends `anchor`, or None."""
    seq = anchor["seq"]
    if seq > last_seq:
        return f"line {number}: the log ends at event #{last_seq}, before the anchor's #{seq} (truncated)"
    hashes = AuditEvent.objects.filter(seq=seq).values_list("hash", flat=True)
    hash_ = GENESIS_HASH if seq == 0 else hashes.first()
    if hash_ != anchor["hash"]:
        return f"line {number}: event #{seq} no longer has the anchored hash (the log was rewritten)"
    later = AuditEvent.objects.filter(seq__gt=seq).order_by("seq")
    backdated = later.filter(at__lt=anchor["at"] - CLOCK_SKEW).first()
    if backdated is not None:
        return (
            f"line {number}: event #{backdated.seq} was written after the anchor of "
            f"{anchor['at']:%Y-%m-%d %H:%M} but is dated {backdated.at:%Y-%m-%d %H:%M} (forged)"
        )
    return None


def anchor_problems(lines, *, key: str = "") -> tuple[int, list[str]]:
    """How many anchors of `lines` were checked, and each problem found, in words. Assumes the
    chain itself is whole (atip.audit.chain_break)."""
    last_seq = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    checked, problems = 0, []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        anchor, problem = _parse(number, line, key)
        if anchor is not None:
            checked += 1
            problem = _extends(number, anchor, last_seq)
        if problem:
            problems.append(problem)
    return checked, problems
