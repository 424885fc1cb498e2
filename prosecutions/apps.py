from django.apps import AppConfig


class ProsecutionsConfig(AppConfig):
    name = "prosecutions"

    def ready(self):
        from prosecutions import selectors  # noqa: F401  (registers the home page)
