"""Exactly one role per user, held by the database: a unique index on auth_user_groups(user_id)
(the same SQL for SQLite and PostgreSQL). And the administrator role leaves the admin site:
is_staff stays only with the emergency superuser."""

from django.db import migrations
from django.db.models import Count


def check_one_role(apps, schema_editor):
    User = apps.get_model("auth", "User")
    several = User.objects.annotate(n=Count("groups")).filter(n__gt=1).values_list("username", flat=True)
    if several:
        raise RuntimeError(
            "These users have several roles; give each one role (manage.py create_user) and migrate "
            "again: " + ", ".join(several)
        )


def staff_only_superusers(apps, schema_editor):
    User = apps.get_model("auth", "User")
    User.objects.filter(is_staff=True, is_superuser=False).update(is_staff=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_account_changes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("atip", "0002_roles_codes_audit_trigger"),
    ]

    operations = [
        migrations.RunPython(check_one_role, migrations.RunPython.noop),
        migrations.RunSQL(
            "CREATE UNIQUE INDEX accounts_one_role_per_user ON auth_user_groups (user_id)",
            "DROP INDEX accounts_one_role_per_user",
        ),
        migrations.RunPython(staff_only_superusers, migrations.RunPython.noop),
    ]
