"""Search that finds people (issue 10): the folded names of every existing record, the language
codes, and on PostgreSQL the extensions and the trigram index the search reads.

The extensions are created only on PostgreSQL (Django's CreateExtension does nothing elsewhere);
the role running the migrations needs CREATE on the database (pg_trgm and unaccent are trusted
extensions since PostgreSQL 13: the database owner may create them).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

from victims.names import search_key

# atip.codes.Language as released with this migration.
LANGUAGES = ["en", "es", "bzj", "cab", "kek", "mop", "yua", "pdt", "quc", "mam", "ht", "pt", "fr", "zh", "hi", "other"]
BATCH = 2000
INDEX = "victim_search_name_trgm"


def fill_search_names(apps, schema_editor):
    Victim = apps.get_model("victims", "Victim")
    batch = []
    for victim in Victim.objects.only("id", "given_name", "family_name").iterator(chunk_size=BATCH):
        victim.search_name = search_key(victim.given_name, victim.family_name)
        batch.append(victim)
        if len(batch) == BATCH:
            Victim.objects.bulk_update(batch, ["search_name"])
            batch = []
    Victim.objects.bulk_update(batch, ["search_name"])


def add_languages(apps, schema_editor):
    SpokenLanguage = apps.get_model("victims", "SpokenLanguage")
    for code in LANGUAGES:
        SpokenLanguage.objects.get_or_create(code=code)


def create_index(apps, schema_editor):
    # Not a Meta index: a GIN index with an operator class exists on PostgreSQL only, and the
    # development database is SQLite. Searches (`word <% search_name`) and the duplicate check
    # (`search_name % name`) read it.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON victims_victim USING gin (search_name gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("victims", "0006_people"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop),
        migrations.RunPython(add_languages, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
