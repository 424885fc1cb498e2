"""Test plumbing for the two database roles (atip.database) and the append-only audit table."""

from contextlib import contextmanager

from django.db import connection as default_connection

from atip.database import as_owner, owner_configured

AUDIT_TABLE = "atip_auditevent"


@contextmanager
def audit_protections_lifted(connection=default_connection):
    """Inside the block, the audit table may be emptied or changed, as its owner could: on
    SQLite without its triggers (put back afterwards), on PostgreSQL connected as the owner
    role when the application runs as another one. Test runs empty every table after a
    transactional test; tampering tests change events on purpose."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [AUDIT_TABLE]
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
    elif owner_configured(connection):
        with as_owner(connection):
            yield
    else:
        yield


@contextmanager
def triggers_disabled(connection=default_connection):
    """PostgreSQL: the audit table's append-only trigger switched off (by its owner)."""
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {AUDIT_TABLE} DISABLE TRIGGER atip_auditevent_append_only")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {AUDIT_TABLE} ENABLE TRIGGER atip_auditevent_append_only")


def tamper(sql: str, params=(), connection=default_connection) -> None:
    """Run `sql` on the audit table as someone who got past all its protections."""
    with audit_protections_lifted(connection):
        if connection.vendor == "postgresql":
            with triggers_disabled(connection), connection.cursor() as cursor:
                cursor.execute(sql, params)
        else:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)


__all__ = ["audit_protections_lifted", "owner_configured", "tamper"]
