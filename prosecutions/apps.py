from django.apps import AppConfig


class ProsecutionsConfig(AppConfig):
    name = "prosecutions"
