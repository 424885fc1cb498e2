from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "victims"

    def ready(self):
        from victims import selectors  # noqa: F401  (registers the home page)
