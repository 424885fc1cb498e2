import sys

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from atip.audit import Action, audit
from atip.roles import Role
from atip.services import user_set_role
from atip.usernames import username_validator


class Command(BaseCommand):
    help = (
        "Create or update a user with exactly one role. Reads the password from stdin with --password-stdin. "
        "The break-glass path on the server: administrators work in the application (Users)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument(
            "--password-stdin", action="store_true", help="read the password from standard input"
        )

    def handle(self, *args, username, role, password_stdin, **options):
        password = sys.stdin.readline().rstrip("\n") if password_stdin else None
        existing = get_user_model().objects.filter(username__iexact=username).first()
        if existing is not None and existing.username != username:
            raise CommandError(f"Usernames are compared whatever their case: {existing.username} exists.")
        if existing is None:
            try:
                username_validator(username)
            except ValidationError as error:
                raise CommandError(" ".join(str(m) for m in error.messages)) from None
        old = ",".join(existing.groups.values_list("name", flat=True)) if existing else ""
        try:
            user = user_set_role(username=username, role=role, password=password)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        audit(
            action=Action.ROLE_CHANGE if existing else Action.ACCOUNT_CREATE,
            obj=user,
            object_ref=username,
            detail=f"manage.py create_user: role {old or '-'} → {role}"
            + ("; password set" if password else ""),
        )
        self.stdout.write(f"{user.username}: role {role}" + (", password set" if password else ""))
