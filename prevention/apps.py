from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "prevention"

    def ready(self):
        from prevention import selectors  # noqa: F401  (registers the home page)
