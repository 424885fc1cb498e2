from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"

    def ready(self):
        from casework import selectors  # noqa: F401  (registers the panels of the home and victim pages)
        from casework.selectors import victim_conditions
        from victims.filters import CONDITIONS

        # The victim list's filters on things kept above victims (victims imports no app above it).
        CONDITIONS.update(victim_conditions())
