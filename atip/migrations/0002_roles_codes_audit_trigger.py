"""Data: the five role groups, the exploitation code table, the administrator's permissions,
and the triggers that keep the audit log append-only."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["social_worker", "police", "prosecutor", "secretary", "administrator"]
FORMS = [
    "sexual", "forced_labour", "domestic_servitude", "slavery_practices", "forced_marriage",
    "organ_removal", "forced_criminality", "forced_begging", "illegal_adoption", "other",
]
# The administrator manages users and roles in the admin site and reads the audit log there.
ADMINISTRATOR_PERMISSIONS = [
    ("auth", "add_user"), ("auth", "change_user"), ("auth", "view_user"),
    ("auth", "view_group"), ("atip", "view_auditevent"),
]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    administrator = Group.objects.get(name="administrator")
    for app_label, codename in ADMINISTRATOR_PERMISSIONS:
        administrator.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    ExploitationForm = apps.get_model("atip", "ExploitationForm")
    for code in FORMS:
        ExploitationForm.objects.get_or_create(code=code)

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            """
            CREATE OR REPLACE FUNCTION atip_audit_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only'; END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER atip_auditevent_append_only BEFORE UPDATE OR DELETE ON atip_auditevent
            FOR EACH ROW EXECUTE FUNCTION atip_audit_append_only();
            """
        )
    elif schema_editor.connection.vendor == "sqlite":
        # Only UPDATE: Django's test flush empties tables with DELETE on SQLite.
        schema_editor.execute(
            """
            CREATE TRIGGER atip_auditevent_append_only BEFORE UPDATE ON atip_auditevent
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """
        )


class Migration(migrations.Migration):
    dependencies = [
        ("atip", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
