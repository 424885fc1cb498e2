import os

from django.core.management.base import BaseCommand

from atip.anchor import anchor_line


class Command(BaseCommand):
    help = (
        "Print the audit chain's head (number of events, last hash, time) as one line of JSON, "
        "HMAC-signed with ANCHOR_KEY from the environment when it is set (a key the application "
        "does not hold). Keep the lines outside the server; `verify_audit --anchor FILE` checks them."
    )

    def handle(self, *args, **options):
        # Read here, not in settings: the web application is never given this key.
        self.stdout.write(anchor_line(key=os.environ.get("ANCHOR_KEY", "")))
