import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from atip.roles import Role
from atip.services import user_set_role


class Command(BaseCommand):
    help = (
        "Create or update a user with exactly one role. Reads the password from stdin with --password-stdin."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args, username, role, password_stdin, **options):
        password = sys.stdin.readline().rstrip("\n") if password_stdin else None
        try:
            user = user_set_role(username=username, role=role, password=password)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        self.stdout.write(f"{user.username}: role {role}" + (", password set" if password else ""))
