from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"

    def ready(self):
        # The panels of the victim page (selectors) and of the home pages (worklist), and the
        # victim list's conditions on things kept above victims (filters).
        from casework import filters, selectors, worklist  # noqa: F401
