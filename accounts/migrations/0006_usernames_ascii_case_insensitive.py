"""Usernames unique whatever their case, held by the database: a unique index on LOWER(username)
(the same SQL for SQLite and PostgreSQL). Existing usernames that differ only by case, or that
hold anything but ASCII letters, digits and . _ -, stop the migration loudly: rename them first
with `manage.py rename_user OLD NEW` (audited), then migrate again (issue 19, item 3)."""

import re
from collections import defaultdict

from django.db import migrations

ALLOWED = re.compile(r"\A[A-Za-z0-9._-]+\Z")


def check_usernames(apps, schema_editor):
    User = apps.get_model("auth", "User")
    by_lower, odd = defaultdict(list), []
    for username in User.objects.values_list("username", flat=True):
        by_lower[username.lower()].append(username)
        if not ALLOWED.match(username):
            odd.append(username)
    clashes = [" = ".join(sorted(names)) for names in by_lower.values() if len(names) > 1]
    problems = []
    if clashes:
        problems.append("usernames that differ only by case: " + "; ".join(clashes))
    if odd:
        problems.append("usernames with other characters than a-z A-Z 0-9 . _ -: " + ", ".join(map(ascii, odd)))
    if problems:
        raise RuntimeError(
            "Rename these accounts with `python manage.py rename_user OLD NEW`, then migrate again: "
            + " | ".join(problems)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_digest_preference"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(check_usernames, migrations.RunPython.noop),
        migrations.RunSQL(
            "CREATE UNIQUE INDEX accounts_username_lower ON auth_user (LOWER(username))",
            "DROP INDEX accounts_username_lower",
        ),
    ]
