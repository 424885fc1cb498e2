"""YearGeneration: the years each write to a counted table touches (reports.models)."""

from django.db import migrations, models

from reports.year_triggers import POSTGRES_FUNCTION, REACH

def _postgres(schema_editor):
    schema_editor.execute(POSTGRES_FUNCTION)
    schema_editor.execute(
        "INSERT INTO reports_yeargeneration (year, token) VALUES (0, nextval('reports_generation_seq'))"
    )
    for table, (_, reach) in REACH.items():
        argument = reach.replace("'", "''")
        for event, referencing in (
            ("INSERT", "REFERENCING NEW TABLE AS new_rows"),
            ("UPDATE", "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "REFERENCING OLD TABLE AS old_rows"),
            ("TRUNCATE", ""),
        ):
            schema_editor.execute(
                f"CREATE TRIGGER reports_years_{event.lower()} AFTER {event} ON {table} {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION reports_touch_years('{argument}')"
            )


def _sqlite(schema_editor):
    # The row triggers are declared in reports.apps (atip.sqlite_triggers), created after migrate.
    schema_editor.execute("INSERT INTO reports_yeargeneration (year, token) VALUES (0, 1048576)")


def triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _postgres(schema_editor)
    elif vendor == "sqlite":
        _sqlite(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_verbose_names_edition_language"),
    ]

    operations = [
        migrations.CreateModel(
            name="YearGeneration",
            fields=[
                ("year", models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ("token", models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(triggers, migrations.RunPython.noop),
    ]
