"""The audit log is a hash chain, and `manage.py verify_audit` names the first event where someone
who got past the database's protections deleted, changed or moved an event."""

import hashlib
import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from atip.audit import audit, event_hash
from atip.models import GENESIS_HASH, AuditChainHead, AuditEvent
from tests.atip.database import tamper


def verify() -> str:
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def three_events():
    return [audit(action="view", object_type="victim", object_id=str(n)) for n in (1, 2, 3)]


@pytest.mark.django_db
def test_each_event_holds_the_hash_of_its_content_and_of_the_one_before():
    first, second = audit(action="view", object_type="victim"), audit(action="export", object_type="records")
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    second.refresh_from_db()
    assert second.hash == event_hash(second)
    second.detail = "changed"
    assert second.hash != event_hash(second)
    head = AuditChainHead.objects.get()
    assert (head.seq, head.hash) == (2, second.hash)


@pytest.mark.django_db
def test_the_hash_is_sha256_of_the_content():
    event = audit(action="view", object_type="victim", object_id="7")
    assert len(event.hash) == 64
    assert event.hash != hashlib.sha256(b"").hexdigest()


@pytest.mark.django_db
def test_verify_audit_accepts_a_whole_chain():
    events = three_events()
    assert f"3 events, the last one's hash {events[-1].hash}" in verify()


@pytest.mark.django_db
def test_verify_audit_accepts_an_empty_log():
    assert "0 events" in verify()


# Tampering needs rows committed where the owner's connection sees them: transactional tests.


@pytest.mark.django_db(transaction=True)
def test_verify_audit_names_a_deleted_event():
    three_events()
    tamper("DELETE FROM atip_auditevent WHERE seq = 2")
    with pytest.raises(CommandError, match="at event #3 .*: event #2 is missing"):
        verify()


@pytest.mark.django_db(transaction=True)
def test_verify_audit_names_a_changed_event():
    three_events()
    tamper("UPDATE atip_auditevent SET object_id = '99' WHERE seq = 2")
    with pytest.raises(CommandError, match=r"at event #2 .*: its content does not match its hash"):
        verify()


@pytest.mark.django_db(transaction=True)
def test_verify_audit_names_the_event_after_one_changed_with_its_hash_made_again():
    events = three_events()
    changed = events[1]
    changed.object_id = "99"
    tamper("UPDATE atip_auditevent SET object_id = '99', hash = %s WHERE seq = 2", [event_hash(changed)])
    with pytest.raises(CommandError, match="at event #3 .*: does not follow event #2"):
        verify()


@pytest.mark.django_db(transaction=True)
def test_verify_audit_names_events_moved():
    three_events()
    tamper("UPDATE atip_auditevent SET seq = 1000 WHERE seq = 2")
    tamper("UPDATE atip_auditevent SET seq = 2 WHERE seq = 3")
    tamper("UPDATE atip_auditevent SET seq = 3 WHERE seq = 1000")
    with pytest.raises(CommandError, match="at event #2 .*: does not follow event #1"):
        verify()


@pytest.mark.django_db(transaction=True)
def test_verify_audit_names_events_deleted_at_the_end():
    three_events()
    tamper("DELETE FROM atip_auditevent WHERE seq = 3")
    with pytest.raises(CommandError, match="the last event is #2, the head says #3"):
        verify()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serializes writers itself (IMMEDIATE)")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain():
    start = threading.Barrier(8)

    def write(n):
        start.wait()
        for i in range(10):
            audit(action="view", object_type="victim", object_id=f"{n}-{i}")
        connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 81))
    assert "80 events" in verify()
