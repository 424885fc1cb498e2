"""Demo victims for seed_demo: synthetic people, registered and decided through the services."""

import datetime

from django.utils import timezone

from atip.codes import HOME_COUNTRY, District
from victims.models import IdentificationStatus, IdentifiedBy, Victim
from victims.services import victim_decide, victim_register

COUNT = 48
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
NATIONALITIES = [HOME_COUNTRY] * 3 + ["GT", "GT", "HN", "HN", "SV", "NI", "MX", "CN", ""]
FORMS = ["sexual", "forced_labour", "domestic_servitude", "forced_begging", "forced_criminality"]
LOCATIONS = ["Safe house North", "Safe house South", "Own residence", ""]
IDENTIFIERS = [
    IdentifiedBy.HUMAN_SERVICES,
    IdentifiedBy.POLICE,
    IdentifiedBy.IMMIGRATION,
    IdentifiedBy.LABOUR,
]


def seed(*, rng, by) -> list[Victim]:
    """48 people registered over 2018–2026 (never after today): 60 % identified, 15 % screened
    out, the rest still presumed; some with an age estimate instead of a date of birth."""
    today = timezone.localdate()
    victims = []
    for n in range(COUNT):
        registered = datetime.date(2018 + n % 9, 1 + rng.randrange(12), 1 + rng.randrange(28))
        if registered > today:
            registered = today - datetime.timedelta(days=rng.randrange(30, 200))
        birth = estimate = None
        if n % 7 == 3:
            estimate = rng.randrange(14, 35)
        elif n % 11 != 5:
            birth = registered - datetime.timedelta(days=365 * rng.randrange(12, 40) + rng.randrange(365))
        victim = victim_register(
            by=by,
            data={
                "given_name": rng.choice(GIVEN),
                "family_name": rng.choice(FAMILY),
                "sex": rng.choice(["female", "female", "female", "male", "male", "other", "unknown"]),
                "date_of_birth": birth,
                "age_estimate": estimate,
                "nationality": rng.choice(NATIONALITIES),
                "registered_on": registered,
                "district": rng.choice([*District.values, ""]),
                "current_location": rng.choice(LOCATIONS),
                "notes": "Synthetic demo record.",
                "exploitation_forms": rng.sample(FORMS, rng.choice([0, 1, 1, 1, 2])),
            },
        )
        outcome = rng.random()
        decided = min(registered + datetime.timedelta(days=rng.randrange(5, 120)), today)
        if outcome < 0.6:
            victim_decide(
                victim=victim,
                by=by,
                status=IdentificationStatus.IDENTIFIED,
                decided_on=decided,
                identified_by=rng.choice(IDENTIFIERS),
            )
        elif outcome < 0.75:
            victim_decide(
                victim=victim,
                by=by,
                status=IdentificationStatus.NOT_VICTIM,
                decided_on=decided,
                note="Screened out: no indicators of trafficking.",
            )
        victim.refresh_from_db()
        victims.append(victim)
    return victims
