"""Search the whole database (every table, every column, history tables and the audit log
included) for values: where a test proves that erased data is gone. For test databases: every
row of every table is read once."""

from django.db import connection


def where_found(needles: list[str]) -> dict[str, list[str]]:
    """{needle: ["table.column", …] holding it in its text (case-insensitive)} for the needles found."""
    lowered = {needle: needle.lower() for needle in needles}
    found: dict[str, list[str]] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 (names from the catalogue)
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = str(bytes(value) if isinstance(value, memoryview) else value).lower()
                    for needle, low in lowered.items():
                        if low in text and f"{table}.{column}" not in found.get(needle, []):
                            found.setdefault(needle, []).append(f"{table}.{column}")
    return found
