from django.apps import AppConfig
from django.core import checks


class CaseworkConfig(AppConfig):
    name = "casework"

    def ready(self):
        # The panels of the victim page (selectors), of the home pages (worklist), of notes and
        # documents on the victim's and the case's pages; the checks of the documents' key.
        from casework import (  # noqa: F401
            caseload_panels,
            document_access,
            documents,
            notes,
            selectors,
            worklist,
        )

        checks.register(documents.check_keys_parse, checks.Tags.security)
        checks.register(documents.check_key_set, checks.Tags.security, deploy=True)
