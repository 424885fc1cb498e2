"""Fast multi-row INSERTs for the importer, returning the new primary keys.

Why not `bulk_create`: at national scale (100,000 victims and 300,000 services, with
their history rows) Django's per-value preparation of model instances costs several times the
database's own work — minutes instead of seconds. The importer has already checked every value
(pass 1), so rows go straight to the database as plain values, in batches. Columns a row does
not name get the field's default, exactly as a model instance would; `auto_now(_add)` fields get
the time of the import.
"""

import datetime
import enum
import functools
import io
import json

from django.db import connection, models


class Table:
    def __init__(self, model, *, now: datetime.datetime):
        meta = model._meta
        self.pk = meta.pk.column
        self.fields = [
            f for f in meta.concrete_fields if not (f.primary_key and "AutoField" in type(f).__name__)
        ]
        self.sql_columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        self.db_table = meta.db_table
        self.table = connection.ops.quote_name(meta.db_table)
        self.quoted_pk = connection.ops.quote_name(self.pk)
        self.sequence = None  # PostgreSQL: the sequence of the primary key, once looked up
        self.defaults = {}
        for f in self.fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                default = now
            elif isinstance(f, models.JSONField):
                # An empty list or dict (atip.system_notes), one for every row, as the database takes it.
                default = f.get_db_prep_save(f.get_default(), connection)
            else:
                # One value for every row: a callable default (a fresh uuid…) would need one each;
                # an empty list (the HTCDS multiselects, victims.trafficking) is the same for all.
                if f.has_default() and callable(f.default) and f.default is not list:
                    raise NotImplementedError(f"{model.__name__}.{f.name}: callable default")
                # The JSON text of the empty list: the raw cursor takes text, not a Python list.
                default = "[]" if f.has_default() and f.default is list else f.get_default()
            self.defaults[f.attname] = default.value if isinstance(default, enum.Enum) else default
        self.names = [f.attname for f in self.fields]
        # A JSON field's value in a row (the HTCDS lists of codes a file gives) goes to the
        # database as the field itself prepares it: JSON text for SQLite, the driver's JSON
        # wrapper for PostgreSQL (written by COPY as JSON text, _copy_text).
        self.json = [(i, f) for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]

    def insert(self, rows: list[dict]) -> list[int]:
        """INSERT `rows` (attname -> value); their new primary keys, in order."""
        if not rows:
            return []
        names, defaults = self.names, self.defaults
        values = [tuple(row.get(n, defaults[n]) for n in names) for row in rows]
        if self.json:
            values = [self._json_prepared(row) for row in values]
        connection.ensure_connection()
        # The raw DB-API cursor: Django's debug wrapper would keep every (long) statement in
        # memory; the values are already checked and typed.
        if connection.vendor == "postgresql":
            return self._insert_postgresql(values)
        if connection.vendor == "sqlite":
            return self._insert_sqlite(values)
        raise NotImplementedError(f"import into {connection.vendor}")

    def _json_prepared(self, row: tuple) -> tuple:
        """The row with its JSON fields' Python values (lists, dicts) prepared for the database;
        a default is prepared already."""
        prepared = list(row)
        for index, f in self.json:
            if isinstance(prepared[index], (list, dict)):
                prepared[index] = f.get_db_prep_save(prepared[index], connection)
        return tuple(prepared)

    def _insert_postgresql(self, values: list[tuple]) -> list[int]:
        # COPY is several times faster than INSERT … VALUES; the keys are taken from the table's
        # own sequence first (safe alongside other writers), so COPY can name them.
        with connection.connection.cursor() as cursor:
            if self.sequence is None:
                cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [self.db_table, self.pk])
                self.sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [self.sequence, len(values)])
            ids = [row[0] for row in cursor.fetchall()]
            data = io.StringIO()
            for pk, row in zip(ids, values, strict=True):
                data.write(f"{pk}\t")
                data.write("\t".join([_copy_text(v) for v in row]))
                data.write("\n")
            data.seek(0)
            cursor.copy_expert(f"COPY {self.table} ({self.quoted_pk}, {self.sql_columns}) FROM STDIN", data)
        return ids

    def _insert_sqlite(self, values: list[tuple]) -> list[int]:
        per_statement = max(1, connection.features.max_query_params // len(self.names))
        placeholders = "(" + ", ".join(["?"] * len(self.names)) + ")"
        ids = []
        cursor = connection.connection.cursor()
        try:
            for start in range(0, len(values), per_statement):
                chunk = values[start : start + per_statement]
                sql = (
                    f"INSERT INTO {self.table} ({self.sql_columns}) VALUES "
                    f"{', '.join([placeholders] * len(chunk))} RETURNING {self.pk}"
                )
                cursor.execute(sql, [_adapt(v) for row in chunk for v in row])
                ids.extend(row[0] for row in cursor.fetchall())
        finally:
            cursor.close()
        return ids


# COPY's text format: backslash escapes for the characters that separate values and rows.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


@functools.lru_cache(maxsize=16)  # the import's one timestamp, on most rows
def _datetime_text(value: datetime.datetime) -> str:
    return value.isoformat()


_COPY_TEXT = {
    str: lambda v: v.translate(_COPY_ESCAPES),
    type(None): lambda v: "\\N",
    int: str,
    bool: lambda v: "t" if v else "f",
    datetime.date: datetime.date.isoformat,
    datetime.datetime: _datetime_text,
}


def _json_text(value) -> str:
    """A JSON field's value as PostgreSQL's driver wraps it (psycopg 3: .obj; psycopg2: .adapted)."""
    data = value.obj if hasattr(value, "obj") else value.adapted
    return json.dumps(data).translate(_COPY_ESCAPES)


def _copy_text(value) -> str:
    if type(value).__name__ == "Jsonb":  # django.db.backends.postgresql.psycopg_any, PostgreSQL only
        return _json_text(value)
    return _COPY_TEXT[type(value)](value)


def _adapt(value):
    """Dates and times as Django stores them in SQLite (sqlite3's own adapters are deprecated)."""
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
