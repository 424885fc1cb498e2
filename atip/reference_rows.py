"""The rows the application cannot work without: one group per role and the code table of the
forms of exploitation (the spoken languages: victims.apps). The data migrations create them;
these post_migrate receivers make sure of them after every `migrate` and every `flush` (which
empties every table, as a transactional test does at its end), as Django does for content types
and permissions. Idempotent: a query per table when the rows are there."""

from django.db import connections

# The administrator's permissions as atip/migrations/0002 granted them (the admin site itself is
# the superuser's only: atip.admin).
ADMINISTRATOR_PERMISSIONS = [
    ("auth", "add_user"),
    ("auth", "change_user"),
    ("auth", "view_user"),
    ("auth", "view_group"),
    ("atip", "view_auditevent"),
]


def ensure_reference_rows(*, using="default", **kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    from atip.codes import Exploitation
    from atip.models import ExploitationForm
    from atip.roles import Role

    if not tables_exist(using, Group, ExploitationForm):
        return  # a partial migration plan (`migrate app 0001`): nothing to complete yet
    complete(Group.objects.using(using), "name", Role.values)
    complete(ExploitationForm.objects.using(using), "code", Exploitation.values)
    administrator = Group.objects.using(using).get(name=Role.ADMINISTRATOR)
    if not administrator.permissions.exists():
        permissions = Permission.objects.using(using).filter(
            content_type__app_label__in={app for app, _ in ADMINISTRATOR_PERMISSIONS},
            codename__in={codename for _, codename in ADMINISTRATOR_PERMISSIONS},
        )
        administrator.permissions.add(*permissions)


def tables_exist(using: str, *models) -> bool:
    return {model._meta.db_table for model in models} <= set(connections[using].introspection.table_names())


def complete(rows, field: str, values: list[str]) -> None:
    """Add the rows of `values` that `rows` (a code table) lacks."""
    missing = set(values) - set(rows.values_list(field, flat=True))
    rows.bulk_create([rows.model(**{field: value}) for value in sorted(missing)])
