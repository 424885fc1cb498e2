"""Two PostgreSQL roles (README, "Production"): the application connects as a role that owns
nothing (DATABASE_URL) and migrations as the owner of the schema (MIGRATION_DATABASE_URL).
The owner grants the application's role ordinary reads and writes on every table, and on the
audit log only INSERT and SELECT: it can neither change, delete nor truncate events, nor switch
off the triggers that refuse it (that needs the table's owner). Without MIGRATION_DATABASE_URL
(SQLite, development) one role does everything, as before.
"""

from contextlib import contextmanager

from django.conf import settings

CREDENTIALS = ("USER", "PASSWORD", "HOST", "PORT")


def owner_configured(connection) -> bool:
    return connection.vendor == "postgresql" and settings.DATABASE_OWNER is not None


def connect_as(connection, credentials: dict) -> None:
    """Reconnect `connection` (on its next query) with these USER/PASSWORD/HOST/PORT."""
    connection.close()
    connection.settings_dict.update({key: credentials[key] for key in CREDENTIALS if key in credentials})


@contextmanager
def as_owner(connection):
    """`connection` connected as the schema's owner inside the block, when there is one."""
    if (
        not owner_configured(connection)
        or connection.settings_dict["USER"] == settings.DATABASE_OWNER["USER"]
    ):
        yield
        return
    before = {key: connection.settings_dict.get(key) for key in CREDENTIALS}
    connect_as(connection, settings.DATABASE_OWNER)
    try:
        yield
    finally:
        connect_as(connection, before)


def grant_runtime_privileges(connection) -> None:
    """Run as the owner after migrating: what the application's role may do, on the tables and
    sequences there are and (default privileges) on those later migrations create."""
    role = connection.ops.quote_name(settings.DATABASE_RUNTIME_USER)
    dml = "SELECT, INSERT, UPDATE, DELETE"
    with connection.cursor() as cursor:
        for statement in (
            f"GRANT USAGE ON SCHEMA public TO {role}",
            f"GRANT {dml} ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT {dml} ON TABLES TO {role}",
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role}",
            # The audit log is append-only for the application.
            f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON atip_auditevent FROM {role}",
            # Only migrations (the owner) record migrations.
            f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON django_migrations FROM {role}",
        ):
            cursor.execute(statement)
