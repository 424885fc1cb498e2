# The audit log's action codes grow with the application; a database check of the list made
# SQLite rebuild the table (dropping its append-only trigger) each time a code was added. The
# codes are written only by atip.audit.audit() from AuditAction; the choices stay on the field.

from django.db import migrations, models


def recreate_sqlite_trigger(apps, schema_editor):
    """RemoveConstraint rebuilt the table on SQLite, without the trigger of 0002."""
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            """
            CREATE TRIGGER IF NOT EXISTS atip_auditevent_append_only BEFORE UPDATE ON atip_auditevent
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """
        )


class Migration(migrations.Migration):
    dependencies = [
        ("atip", "0002_roles_codes_audit_trigger"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="auditevent",
            name="auditevent_action_valid",
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "Viewed"),
                    ("create", "Created"),
                    ("change", "Changed"),
                    ("archive", "Archived"),
                    ("link", "Linked"),
                    ("unlink", "Unlinked"),
                    ("request", "Asked"),
                    ("decline", "Declined"),
                    ("blocked", "Blocked"),
                    ("export", "Exported"),
                    ("import", "Imported"),
                    ("denied", "Access refused"),
                    ("login", "Logged in"),
                    ("login_failed", "Failed login"),
                    ("logout", "Logged out"),
                ],
                max_length=16,
            ),
        ),
        migrations.RunPython(recreate_sqlite_trigger, migrations.RunPython.noop),
    ]
