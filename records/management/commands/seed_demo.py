"""Synthetic demo data (no real person) and one demo user per role. Idempotent; DEBUG only."""

import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat

from atip.roles import Role
from atip.services import user_set_role
from casework import demo as casework_demo
from prevention import demo as prevention_demo
from prosecutions import demo as prosecutions_demo
from services import demo as services_demo
from victims import demo as victims_demo
from victims.models import Victim

DEMO_USERS = {
    Role.SOCIAL_WORKER: "social.worker",
    Role.SUPERVISOR: "supervisor",
    Role.POLICE: "police.officer",
    Role.PROSECUTOR: "prosecutor",
    Role.SECRETARY: "secretary",
    Role.ADMINISTRATOR: "admin",
}
# A second administrator, so that the two-person rule of account changes can be tried.
SECOND_ADMINISTRATOR = "admin2"
DEMO_PASSWORD = "demo-password-2026"  # printed below; development only


class Command(BaseCommand):
    help = "Load synthetic demo records and demo users (refuses to run when DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates users with known passwords.")
        users = {
            role: user_set_role(username=name, role=role, password=DEMO_PASSWORD)
            for role, name in DEMO_USERS.items()
        }
        user_set_role(username=SECOND_ADMINISTRATOR, role=Role.ADMINISTRATOR, password=DEMO_PASSWORD)
        demo_accounts = [*DEMO_USERS.values(), SECOND_ADMINISTRATOR]
        get_user_model().objects.filter(username__in=demo_accounts, email="").update(
            email=Concat("username", Value("@example.org"))
        )
        if Victim.objects.exists():
            self.stdout.write("Demo records already present: left as they are.")
        else:
            with transaction.atomic():
                worker = users[Role.SOCIAL_WORKER]
                victims = victims_demo.seed(rng=random.Random(2026), by=worker)
                services_demo.seed(rng=random.Random(3), victims=victims, by=worker)
                prosecutions_demo.seed(rng=random.Random(7), victims=victims, users=users)
                casework_demo.seed(rng=random.Random(13), victims=victims, users=users)
                prevention_demo.seed(rng=random.Random(11), users=users)
            self.stdout.write(
                f"Loaded {len(victims)} demo victims with services, cases and prevention activities."
            )
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for role, name in [*DEMO_USERS.items(), (Role.ADMINISTRATOR, SECOND_ADMINISTRATOR)]:
            self.stdout.write(f"  {name:<16} {Role(role).label}")
