"""Synthetic demo data (no real person) and one demo user per role. Idempotent; DEBUG only."""

import datetime
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from atip.roles import Role
from atip.services import user_set_role
from cases import demo as cases_demo
from prevention import demo as prevention_demo
from services.models import Repatriation, RepatriationStatus, ServiceEpisode, ServiceType
from victims.models import IdentificationStatus, Victim
from victims.services import victim_decide, victim_register

DEMO_USERS = {
    Role.SOCIAL_WORKER: "social.worker",
    Role.POLICE: "police.officer",
    Role.PROSECUTOR: "prosecutor",
    Role.SECRETARY: "secretary",
    Role.ADMINISTRATOR: "admin",
}
DEMO_PASSWORD = "demo-password-2026"  # printed below; development only

GIVEN = [
    "Maria",
    "Ana",
    "Rosa",
    "Kenia",
    "Noemi",
    "Yesenia",
    "Jose",
    "Luis",
    "Carlos",
    "Aisha",
    "Mei",
    "Olga",
]
FAMILY = ["Castillo", "Pop", "Chan", "Garcia", "Martinez", "Young", "Díaz", "Coc", "Bol", "Lopez", "Wang"]
NATIONALITIES = ["BZ", "BZ", "BZ", "GT", "GT", "HN", "HN", "SV", "NI", "MX", "CN", ""]
FORMS = ["sexual", "forced_labour", "domestic_servitude", "forced_begging", "forced_criminality"]
SERVICES = [t for t in ServiceType.values if t not in ("shelter", "independent_living", "foster_care")]


class Command(BaseCommand):
    help = "Load synthetic demo records and demo users (refuses to run when DEBUG is off)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo only runs with DEBUG on: it creates users with known passwords.")
        users = {
            role: user_set_role(username=name, role=role, password=DEMO_PASSWORD)
            for role, name in DEMO_USERS.items()
        }
        if Victim.objects.exists():
            self.stdout.write("Demo records already present: left as they are.")
        else:
            with transaction.atomic():
                victims = self._victims(random.Random(2026), users[Role.SOCIAL_WORKER])
                cases_demo.seed(rng=random.Random(7), victims=victims, users=users)
                prevention_demo.seed(rng=random.Random(11), users=users)
            self.stdout.write(
                f"Loaded {len(victims)} demo victims with services, cases and prevention activities."
            )
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for role, name in DEMO_USERS.items():
            self.stdout.write(f"  {name:<16} {Role(role).label}")

    def _victims(self, rng: random.Random, worker) -> list[Victim]:
        today = datetime.date.today()
        victims = []
        for n in range(48):
            registered = datetime.date(2018 + n % 9, 1 + rng.randrange(12), 1 + rng.randrange(28))
            if registered > today:
                registered = today - datetime.timedelta(days=rng.randrange(30, 200))
            birth = None
            estimate = None
            if n % 7 == 3:
                estimate = rng.randrange(14, 35)
            elif n % 11 != 5:
                birth = registered - datetime.timedelta(days=365 * rng.randrange(12, 40) + rng.randrange(365))
            victim = victim_register(
                by=worker,
                fields={
                    "given_name": rng.choice(GIVEN),
                    "family_name": rng.choice(FAMILY),
                    "sex": rng.choice(["female", "female", "female", "male", "male", "other", "unknown"]),
                    "date_of_birth": birth,
                    "age_estimate": estimate,
                    "nationality": rng.choice(NATIONALITIES),
                    "registered_on": registered,
                    "district": rng.choice(
                        ["belize", "cayo", "corozal", "orange_walk", "stann_creek", "toledo", ""]
                    ),
                    "current_location": rng.choice(
                        ["Safe house North", "Safe house South", "Own residence", ""]
                    ),
                    "notes": "Synthetic demo record.",
                },
                exploitation_forms=rng.sample(FORMS, rng.choice([0, 1, 1, 1, 2])),
            )
            outcome = rng.random()
            decided = min(registered + datetime.timedelta(days=rng.randrange(5, 120)), today)
            if outcome < 0.6:
                victim_decide(
                    victim=victim,
                    by=worker,
                    status=IdentificationStatus.IDENTIFIED,
                    decided_on=decided,
                    identified_by=rng.choice(["human_services", "police", "immigration", "labour"]),
                )
                self._services(rng, victim, decided, today, worker)
            elif outcome < 0.75:
                victim_decide(
                    victim=victim,
                    by=worker,
                    status=IdentificationStatus.NOT_VICTIM,
                    decided_on=decided,
                    note="Screened out: no indicators of trafficking.",
                )
            victim.refresh_from_db()
            victims.append(victim)
        return victims

    def _services(self, rng, victim, start, today, worker) -> None:
        accommodation = rng.choice(["shelter", "shelter", "independent_living", "foster_care"])
        end = start + datetime.timedelta(days=rng.randrange(30, 900))
        ServiceEpisode.objects.create(
            victim=victim,
            service_type=accommodation,
            provider="Department of Human Services",
            start_date=start,
            end_date=end if end < today else None,
            created_by=worker,
        )
        for service_type in rng.sample(SERVICES, rng.randrange(1, 4)):
            begin = start + datetime.timedelta(days=rng.randrange(0, 60))
            if begin > today:
                continue
            finish = begin + datetime.timedelta(days=rng.randrange(10, 500))
            ServiceEpisode.objects.create(
                victim=victim,
                service_type=service_type,
                provider=rng.choice(["IOM", "NGO Shelter", "Ministry of Health", ""]),
                start_date=begin,
                end_date=finish if finish < today else None,
                created_by=worker,
            )
        if victim.nationality and victim.nationality != "BZ" and rng.random() < 0.5:
            completed = rng.random() < 0.7
            back = start + datetime.timedelta(days=rng.randrange(60, 400))
            Repatriation.objects.create(
                victim=victim,
                destination_country=victim.nationality,
                status=RepatriationStatus.COMPLETED
                if completed and back <= today
                else RepatriationStatus.PLANNED,
                return_date=back if completed and back <= today else None,
                assisted_by="IOM",
                created_by=worker,
            )
