"""Every audit event is a link of the chain (its own migration: PostgreSQL does not alter a table
with rows updated earlier in the same transaction). On SQLite, where rebuilding the table drops
its triggers, the append-only triggers are created again, now refusing DELETE as well."""

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


def append_only_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        # Test runs empty tables with DELETE: tests/conftest.py lifts the trigger for that.
        schema_editor.execute(
            """
            CREATE TRIGGER IF NOT EXISTS atip_auditevent_append_only BEFORE UPDATE ON atip_auditevent
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """
        )
        schema_editor.execute(
            """
            CREATE TRIGGER IF NOT EXISTS atip_auditevent_no_delete BEFORE DELETE ON atip_auditevent
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """
        )
    # PostgreSQL: atip_auditevent_append_only (0002) refuses UPDATE and DELETE; the table
    # survives the ALTERs above, and so does its trigger.


class Migration(migrations.Migration):
    dependencies = [("atip", "0005_audit_chain")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, unique=True),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.CheckConstraint(condition=models.Q(django.db.models.lookups.Exact(django.db.models.functions.text.Length("hash"), 64), django.db.models.lookups.Exact(django.db.models.functions.text.Length("prev_hash"), 64)), name="auditevent_chained"),
        ),
        migrations.AlterModelOptions(name="auditevent", options={"ordering": ["-seq"]}),
        migrations.RunPython(append_only_triggers, migrations.RunPython.noop),
    ]
