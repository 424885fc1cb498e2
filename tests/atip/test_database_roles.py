"""On PostgreSQL the application connects as a role that owns nothing: it may add events to the
audit log and read them, and nothing else there (atip.database). The test database was created
and migrated by the owner role (tests/conftest.py), as `manage.py migrate` does in production."""

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from atip.audit import audit
from atip.database import owner_configured
from atip.models import AuditEvent, ReferenceCounter

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not owner_configured(connection),
        reason="needs PostgreSQL with two roles: DATABASE_URL (the application's) and "
        "MIGRATION_DATABASE_URL (the owner of the schema), as .ci/run sets them",
    ),
]


def run(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall() if cursor.description else None


@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE atip_auditevent",
        "DELETE FROM atip_auditevent",
        "UPDATE atip_auditevent SET detail = 'nothing happened'",
        "ALTER TABLE atip_auditevent DISABLE TRIGGER atip_auditevent_append_only",
        "ALTER TABLE atip_auditevent DISABLE TRIGGER ALL",
        "DROP TRIGGER atip_auditevent_append_only ON atip_auditevent",
        "DROP TABLE atip_auditevent CASCADE",
    ],
)
def test_the_application_cannot_change_the_audit_log(statement):
    audit(action="view", object_type="victim", object_id="1")
    with pytest.raises(DatabaseError, match="permission denied|must be owner"), transaction.atomic():
        run(statement)
    assert AuditEvent.objects.filter(object_id="1").count() == 1


def test_the_application_runs_as_a_role_that_owns_nothing():
    assert run("SELECT current_user") == [(settings.DATABASE_RUNTIME_USER,)]
    assert settings.DATABASE_RUNTIME_USER != settings.DATABASE_OWNER["USER"]
    owned = "SELECT count(*) FROM pg_class WHERE pg_get_userbyid(relowner) = current_user"
    assert run(owned) == [(0,)]


def test_the_application_adds_and_reads_events_and_keeps_other_tables():
    event = audit(action="view", object_type="victim", object_id="2")
    assert AuditEvent.objects.get(pk=event.pk).seq == event.seq
    counter = ReferenceCounter.objects.create(prefix="T", year=2020)
    ReferenceCounter.objects.filter(pk=counter.pk).update(last=3)
    ReferenceCounter.objects.filter(pk=counter.pk).delete()
    assert not ReferenceCounter.objects.filter(prefix="T").exists()


def test_the_application_does_not_record_migrations():
    with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
        run("DELETE FROM django_migrations")
