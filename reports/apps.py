from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"

    def ready(self):
        from atip.sqlite_triggers import sqlite_trigger
        from reports import selectors  # noqa: F401  (registers the home page)
        from reports.models import COUNTED_TABLES
        from reports.year_triggers import sqlite_statements

        sqlite_trigger(
            "reports_edition",
            "CREATE TRIGGER IF NOT EXISTS reports_edition_append_only BEFORE UPDATE ON reports_edition "
            "BEGIN SELECT RAISE(ABORT, 'a published edition is never changed nor deleted'); END",
        )
        for table in COUNTED_TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):  # SQLite has row triggers only
                sqlite_trigger(
                    table,
                    f"CREATE TRIGGER IF NOT EXISTS reports_generation_{table}_{event.lower()} AFTER {event} "
                    f"ON {table} BEGIN INSERT INTO reports_datageneration (id, token) VALUES (1, random()) "
                    "ON CONFLICT (id) DO UPDATE SET token = excluded.token; END",
                )
        for table, sql in sqlite_statements():  # the years a write reaches (YearGeneration)
            sqlite_trigger(table, sql)
