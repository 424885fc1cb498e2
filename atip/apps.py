from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AtipConfig(AppConfig):
    name = "atip"
    verbose_name = _("ATIP core")

    def ready(self):
        from django.db.models.signals import post_migrate

        from atip import selectors, signals  # noqa: F401  (home page; login/logout audit receivers)
        from atip.sqlite_triggers import restore_sqlite_triggers, sqlite_trigger

        for name, event in (("append_only", "UPDATE"), ("no_delete", "DELETE")):
            sqlite_trigger(
                "atip_auditevent",
                f"CREATE TRIGGER IF NOT EXISTS atip_auditevent_{name} BEFORE {event} ON atip_auditevent "
                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
            )
        post_migrate.connect(restore_sqlite_triggers, sender=self, dispatch_uid="atip_sqlite_triggers")
