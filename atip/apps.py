from django.apps import AppConfig


class AtipConfig(AppConfig):
    name = "atip"
    verbose_name = "ATIP core"

    def ready(self):
        from atip import selectors, signals  # noqa: F401  (home page; login/logout audit receivers)
