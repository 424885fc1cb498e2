from django.apps import AppConfig


class AtipConfig(AppConfig):
    name = "atip"
    verbose_name = "ATIP core"

    def ready(self):
        from atip import signals  # noqa: F401  (login/logout audit receivers)
