from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "services"

    def ready(self):
        from services import selectors  # noqa: F401  (registers the victim page's panels)
