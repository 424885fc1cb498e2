"""Issue 19, item 11: an anchor of the audit chain, signed with a key the application does not
hold, and `verify_audit --anchor FILE`, which proves the log still extends every anchor kept. A
chain rewritten from some event on, with every hash made again, or cut short, passes
verify_audit alone: the anchor catches it."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from atip.audit import audit, event_hash
from atip.models import AuditChainHead, AuditEvent
from tests.atip.database import tamper

KEY = "a-key-only-the-anchoring-job-holds"


def anchor(monkeypatch, key=KEY) -> str:
    if key:
        monkeypatch.setenv("ANCHOR_KEY", key)
    else:
        monkeypatch.delenv("ANCHOR_KEY", raising=False)
    out = io.StringIO()
    call_command("audit_anchor", stdout=out)
    return out.getvalue().strip()


def verify(path, monkeypatch, key=KEY) -> str:
    monkeypatch.setenv("ANCHOR_KEY", key) if key else monkeypatch.delenv("ANCHOR_KEY", raising=False)
    out = io.StringIO()
    call_command("verify_audit", "--anchor", str(path), stdout=out)
    return out.getvalue()


def events(n):
    return [audit(action="view", object_type="victim", object_id=str(i)) for i in range(1, n + 1)]


def rewrite_from(seq: int, **changes) -> None:
    """What the owner's role could do: change event `seq` and make every hash after it again."""
    previous = AuditEvent.objects.get(seq=seq - 1).hash if seq > 1 else "0" * 64
    for event in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        for name, value in (changes if event.seq == seq else {}).items():
            setattr(event, name, value)
        event.prev_hash = previous
        event.hash = previous = event_hash(event)
        tamper(
            "UPDATE atip_auditevent SET object_id = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            [event.object_id, event.prev_hash, event.hash, event.seq],
        )
    AuditChainHead.objects.filter(pk=1).update(hash=previous)


@pytest.mark.django_db
def test_the_anchor_is_the_head_signed(monkeypatch):
    last = events(3)[-1]
    line = json.loads(anchor(monkeypatch))
    assert (line["seq"], line["hash"]) == (3, last.hash)
    assert len(line["hmac"]) == 64
    assert "hmac" not in json.loads(anchor(monkeypatch, key=""))


@pytest.mark.django_db
def test_a_log_that_grew_extends_its_anchors(tmp_path, monkeypatch):
    events(2)
    first = anchor(monkeypatch)
    events(2)
    path = tmp_path / "anchors.jsonl"
    path.write_text(first + "\n" + anchor(monkeypatch) + "\n")
    assert "It extends each of the 2 anchors" in verify(path, monkeypatch)


@pytest.mark.django_db(transaction=True)
def test_a_rewritten_prefix_is_caught(tmp_path, monkeypatch):
    events(3)
    path = tmp_path / "anchors.jsonl"
    path.write_text(anchor(monkeypatch) + "\n")
    rewrite_from(2, object_id="99")
    call_command("verify_audit", stdout=io.StringIO())  # the chain alone looks whole
    with pytest.raises(CommandError, match="event #3 no longer has the anchored hash"):
        verify(path, monkeypatch)


@pytest.mark.django_db(transaction=True)
def test_a_truncated_log_is_caught(tmp_path, monkeypatch):
    kept = events(3)
    path = tmp_path / "anchors.jsonl"
    path.write_text(anchor(monkeypatch) + "\n")
    tamper("DELETE FROM atip_auditevent WHERE seq = 3")
    AuditChainHead.objects.filter(pk=1).update(seq=2, hash=kept[1].hash)
    call_command("verify_audit", stdout=io.StringIO())
    with pytest.raises(CommandError, match="ends at event #2, before the anchor's #3"):
        verify(path, monkeypatch)


@pytest.mark.django_db(transaction=True)
def test_an_event_appended_after_the_anchor_but_dated_before_it_is_caught(tmp_path, monkeypatch):
    events(2)
    path = tmp_path / "anchors.jsonl"
    path.write_text(anchor(monkeypatch) + "\n")
    forged = audit(action="view", object_type="victim", object_id="7")
    forged.at = timezone.now() - timedelta(days=3)
    tamper("UPDATE atip_auditevent SET at = %s, hash = %s WHERE seq = 3", [forged.at, event_hash(forged)])
    AuditChainHead.objects.filter(pk=1).update(hash=event_hash(forged))
    with pytest.raises(CommandError, match="event #3 was written after the anchor .* but is dated"):
        verify(path, monkeypatch)


@pytest.mark.django_db
def test_an_altered_or_unsigned_anchor_is_refused(tmp_path, monkeypatch):
    events(2)
    line = json.loads(anchor(monkeypatch))
    path = tmp_path / "anchors.jsonl"
    path.write_text(json.dumps({**line, "seq": 1}) + "\n")
    with pytest.raises(CommandError, match="line 1: its signature does not match"):
        verify(path, monkeypatch)
    path.write_text(anchor(monkeypatch, key="") + "\n")
    with pytest.raises(CommandError, match="line 1: not signed, though ANCHOR_KEY is set"):
        verify(path, monkeypatch)
    path.write_text(anchor(monkeypatch) + "\n")
    with pytest.raises(CommandError, match="signed, but ANCHOR_KEY is not set"):
        verify(path, monkeypatch, key="")


@pytest.mark.django_db
def test_plain_anchors_without_a_key(tmp_path, monkeypatch):
    events(1)
    path = tmp_path / "anchors.jsonl"
    path.write_text(anchor(monkeypatch, key="") + "\n")
    assert "each of the 1 anchors" in verify(path, monkeypatch, key="")
    path.write_text("\n")
    with pytest.raises(CommandError, match="holds no anchor"):
        verify(path, monkeypatch, key="")
