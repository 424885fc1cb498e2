from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtipConfig(AppConfig):
    name = "atip"
    verbose_name = _("ATIP core")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from atip import selectors, signals  # noqa: F401  (home page; login/logout audit receivers)
        from atip.admin import read_only_site
        from atip.reference_rows import ensure_reference_rows
        from atip.sqlite_triggers import drop_sqlite_triggers, restore_sqlite_triggers, sqlite_trigger

        for name, event in (("append_only", "UPDATE"), ("no_delete", "DELETE")):
            sqlite_trigger(
                "atip_auditevent",
                f"CREATE TRIGGER IF NOT EXISTS atip_auditevent_{name} BEFORE {event} ON atip_auditevent "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
            )
        post_migrate.connect(restore_sqlite_triggers, sender=self, dispatch_uid="atip_sqlite_triggers")
        # After the other apps' tables and auth's permissions (atip comes after them).
        post_migrate.connect(ensure_reference_rows, sender=self, dispatch_uid="atip_reference_rows")
        pre_migrate.connect(drop_sqlite_triggers, sender=self, dispatch_uid="atip_sqlite_triggers")
        read_only_site()  # every admin module is loaded by now (django.contrib.admin is ready first)
