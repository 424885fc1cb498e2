from django.core.management.base import BaseCommand, CommandError

from casework import documents
from casework.document_keys import rotate_all


class Command(BaseCommand):
    help = (
        "Re-encrypt every document under the current DOCUMENT_KEY, all or nothing. Rotation: put "
        "the new key in DOCUMENT_KEY and the old one in DOCUMENT_OLD_KEYS, restart, run this, then "
        "remove DOCUMENT_OLD_KEYS. --generate prints a new key and changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--generate", action="store_true", help="print a new random key and stop")

    def handle(self, *args, generate=False, **options):
        if generate:
            self.stdout.write(documents.new_key())
            return
        try:
            count = rotate_all()
        except ValueError as error:
            raise CommandError(f"Nothing was changed: {error}") from None
        current = documents.key_id(documents.current_key())
        self.stdout.write(
            f"{count} documents re-encrypted under key {current}. Every document is now under it: "
            "DOCUMENT_OLD_KEYS may be removed."
        )
