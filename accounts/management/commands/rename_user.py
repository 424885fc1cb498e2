from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from atip.audit import Action, audit
from atip.usernames import username_taken, username_validator


class Command(BaseCommand):
    help = (
        "Rename an account (audited): the way out when migration accounts/0006 stops on usernames "
        "that differ only by case or hold other characters than a-z A-Z 0-9 . _ -."
    )

    def add_arguments(self, parser):
        parser.add_argument("old", help="the current username, exactly")
        parser.add_argument("new", help="the new username")

    @transaction.atomic
    def handle(self, *args, old, new, **options):
        account = get_user_model().objects.select_for_update().filter(username=old).first()
        if account is None:
            raise CommandError(f"No account is named {old!r}.")
        try:
            username_validator(new)
        except ValidationError as error:
            raise CommandError(" ".join(str(m) for m in error.messages)) from None
        if username_taken(new, exclude_pk=account.pk):
            raise CommandError(f"{new!r} is taken (usernames are compared whatever their case).")
        account.username = new
        account.save(update_fields=["username"])
        audit(
            action=Action.ACCOUNT_EDIT,
            obj=account,
            object_ref=new,
            detail=f"manage.py rename_user: {ascii(old)} → {new}",
        )
        self.stdout.write(f"{old!r} is now {new}.")
