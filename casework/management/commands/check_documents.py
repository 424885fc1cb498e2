from django.core.management.base import BaseCommand, CommandError

from casework.document_keys import check_all


class Command(BaseCommand):
    help = (
        "Read every stored document, decrypt it and check its SHA-256 against the database; name "
        "each that fails (missing, changed, or under a key not configured) and exit with status 1. "
        "Files in the storage that no document names are listed, as a warning."
    )

    def handle(self, *args, **options):
        checked, problems, strays = check_all()
        for name in strays:
            self.stderr.write(f"Warning: {name} is in the documents' storage, but no document names it.")
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} of {checked} documents failed the check.")
        self.stdout.write(f"All {checked} documents decrypt and match their SHA-256.")
