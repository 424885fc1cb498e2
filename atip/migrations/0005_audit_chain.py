"""The audit log becomes a hash chain: each event holds its position (seq), the previous event's
hash and its own; a one-row head is what writers lock to append. Events written before are
chained here, oldest first. Also: the "error" action, and `at` set before the hash is taken."""

import django.utils.timezone
from django.db import migrations, models

GENESIS_HASH = "0" * 64


def chain_existing_events(apps, schema_editor):
    from atip.audit import event_hash

    AuditEvent = apps.get_model("atip", "AuditEvent")
    AuditChainHead = apps.get_model("atip", "AuditChainHead")
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE atip_auditevent DISABLE TRIGGER atip_auditevent_append_only")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS atip_auditevent_append_only")  # 0004 recreates it
    seq, previous = 0, GENESIS_HASH
    for event in AuditEvent.objects.order_by("at", "id").iterator():
        seq += 1
        event.seq, event.prev_hash = seq, previous
        event.hash = previous = event_hash(event)
        event.save(update_fields=["seq", "prev_hash", "hash"])
    AuditChainHead.objects.create(pk=1, seq=seq, hash=previous)
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE atip_auditevent ENABLE TRIGGER atip_auditevent_append_only")


class Migration(migrations.Migration):
    dependencies = [("atip", "0004_account_audit_actions")]

    operations = [
        migrations.CreateModel(
            name="AuditChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField(default=0)),
                ("hash", models.CharField(default=GENESIS_HASH, max_length=64)),
            ],
            options={
                "constraints": [models.CheckConstraint(condition=models.Q(("pk", 1)), name="auditchainhead_one_row")],
            },
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
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
                    ("error", "Server error"),
                ],
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop),
    ]
