"""Triggers that must survive SQLite's way of altering a table.

Django's SQLite schema editor alters a table by building a new one and copying the rows over;
the new table has none of the old one's triggers. The triggers that protect records (the audit
log, published editions) and those that invalidate the kept figures are therefore declared here
too, and put back (CREATE TRIGGER IF NOT EXISTS) after every `migrate` and every test flush
(post_migrate). They are taken away before a `migrate` (pre_migrate): a trigger whose body names
another table (the years a write reaches, reports.year_triggers) makes SQLite refuse to rebuild
that table ("error in trigger …: no such table"). PostgreSQL alters tables in place: its
triggers, created by the migrations, stay.
"""

import re

from django.db import connections

_TRIGGERS: list[tuple[str, str]] = []  # (table, CREATE TRIGGER IF NOT EXISTS …)


def sqlite_trigger(table: str, sql: str) -> None:
    """Declare a trigger on `table` (its SQL must say CREATE TRIGGER IF NOT EXISTS)."""
    _TRIGGERS.append((table, sql))


def restore_sqlite_triggers(sender=None, using="default", **kwargs) -> None:
    """post_migrate: put back every declared trigger whose table exists."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table, sql in _TRIGGERS:
            if table in tables:
                cursor.execute(sql)


def drop_sqlite_triggers(sender=None, using="default", **kwargs) -> None:
    """pre_migrate: take away every declared trigger (put back by restore_sqlite_triggers)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for _table, sql in _TRIGGERS:
            name = re.match(r"CREATE TRIGGER IF NOT EXISTS (\w+)", sql).group(1)
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
