from django.apps import AppConfig


class VictimsConfig(AppConfig):
    name = "victims"

    def ready(self):
        from django.db.models.signals import post_migrate

        from victims import selectors  # noqa: F401  (registers the home page)

        post_migrate.connect(ensure_languages, sender=self, dispatch_uid="victims_languages")


def ensure_languages(*, using="default", **kwargs) -> None:
    """The spoken languages' code table, as its migration made it, after every migrate and flush
    (atip.reference_rows)."""
    from atip.codes import Language
    from atip.reference_rows import complete, tables_exist
    from victims.models import SpokenLanguage

    if tables_exist(using, SpokenLanguage):
        complete(SpokenLanguage.objects.using(using), "code", Language.values)
