"""python manage.py retention_hold REFERENCE --reason "…" [--by USERNAME]
python manage.py retention_hold REFERENCE --lift [--by USERNAME]"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from atip.references import normalise
from victims.models import Victim
from victims.retention import hold_lift, hold_set


class Command(BaseCommand):
    help = (
        "Hold a person from retention (apply_retention never anonymises them) with a reason, as "
        "a supervisor decided, or lift the holds in force. Audited, by the person's reference."
    )

    def add_arguments(self, parser):
        parser.add_argument("reference", help="The person's reference (V-2020-0001).")
        parser.add_argument(
            "--reason", default="", help="Why (an inquiry, a civil claim, a court's request)."
        )
        parser.add_argument("--lift", action="store_true", help="Lift the holds in force instead.")
        parser.add_argument("--by", default="", help="The username of the supervisor who decided.")

    def handle(self, *args, reference, reason, lift, by, **options):
        victim = Victim.objects.filter(reference=normalise(reference)).first()
        if victim is None:
            raise CommandError("No person has that reference.")
        user = get_user_model().objects.filter(username=by).first() if by else None
        if by and user is None:
            raise CommandError("No account has that username.")
        if not lift and not reason.strip():
            raise CommandError("Give the reason for the hold (--reason).")
        try:
            if lift:
                lifted = hold_lift(victim=victim, by=user, reason=reason)
                self.stdout.write(f"{lifted} hold(s) lifted on {victim.reference}.")
            else:
                hold_set(victim=victim, by=user, reason=reason)
                self.stdout.write(f"{victim.reference} is held from retention.")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
