"""The benchmarks' PostgreSQL database: created, migrated, written with COPY (scripts/bench_*.py)."""

import datetime
import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://atip:atip@127.0.0.1:5432/atip_bench"

N_VICTIMS = 100_000
N_SERVICES = 1_000_000
N_CASES = 20_000
N_SUSPECTS = 30_000
N_PROSECUTIONS = 6_000
N_CHARGES = 12_000
N_REPATRIATIONS = 10_000
N_ACTIVITIES = 3_000
FIRST_YEAR, LAST_YEAR = 2010, 2025


def ensure_database(url: str) -> None:
    import environ
    import psycopg2

    config = environ.Env.db_url_config(url)
    admin = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if not cur.fetchone():
            cur.execute(f'CREATE DATABASE "{config["NAME"]}"')
            print(f"created database {config['NAME']}")
    admin.close()


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atip.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _text(value) -> str:
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value)


def left_out_defaults(model, columns: list[str]) -> dict:
    """The model's NOT NULL columns that `columns` leaves out, with Django's default for each: COPY
    gives a left-out column the database's default, which Django does not declare. A field added to
    a model later is thus filled as the application would fill it."""
    import json

    from django.db import connection, models
    from django.db.models.fields import NOT_PROVIDED
    from django.utils import timezone

    defaults = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.null or field.column in columns or field.db_default is not NOT_PROVIDED:
            continue
        stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        if not stamped and not field.has_default() and not field.empty_strings_allowed:
            continue  # required (a date, a foreign key): the caller must give it
        value = timezone.now() if stamped else field.get_default()
        if isinstance(field, models.JSONField):
            defaults[field.column] = json.dumps(value)
        else:
            defaults[field.column] = field.get_db_prep_save(value, connection)
    return defaults


def copy_rows(model_or_table, columns: list[str], rows) -> int:
    """COPY rows (tuples in `columns` order) into a table, 20,000 at a time; a model's NOT NULL
    columns left out get Django's defaults (left_out_defaults)."""
    from django.db import connection

    table = model_or_table if isinstance(model_or_table, str) else model_or_table._meta.db_table
    extra = {} if isinstance(model_or_table, str) else left_out_defaults(model_or_table, columns)
    columns = [*columns, *extra]
    tail = "".join("\t" + _text(value) for value in extra.values())
    n = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(_text(v) for v in row) + tail + "\n")
            n += 1
            if n % 20_000 == 0:
                buffer.seek(0)
                raw.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
                buffer = io.StringIO()
        buffer.seek(0)
        raw.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
    return n


def day_between(rng, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


# The victims table's columns the benchmarks fill by COPY (bench_fill, bench_search).
VICTIM_COLUMNS = [
    "id",
    "version",
    "created_at",
    "updated_at",
    "reference",
    "given_name",
    "family_name",
    "date_of_birth",
    "contact",
    "sex",
    "age_estimate",
    "nationality",
    "registered_on",
    "district",
    "identification_status",
    "identification_date",
    "identified_by",
    "adult_on",
    "current_location",
    "notes",
    "archived_at",
]
