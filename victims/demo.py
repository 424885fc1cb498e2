"""Demo victims for seed_demo: synthetic people, registered and decided through the services."""

import datetime
import random

from django.utils import timezone

from atip.codes import HOME_COUNTRY, Agency, District, Language
from victims.ages import ADULT_AGE
from victims.models import IdentificationStatus, IdentifiedBy, Victim
from victims.services import victim_decide, victim_register
from victims.trafficking import (
    ControlMethod,
    LabourIndustry,
    RecruiterRelationship,
    RecruitmentMethod,
    SexExploitationType,
)

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
# The languages people of each nationality may speak: the first always, the others sometimes.
LANGUAGES = {
    HOME_COUNTRY: [Language.ENGLISH, Language.KRIOL, Language.SPANISH, Language.GARIFUNA],
    "GT": [Language.SPANISH, Language.QEQCHI, Language.KICHE],
    "HN": [Language.SPANISH, Language.GARIFUNA],
    "SV": [Language.SPANISH],
    "NI": [Language.SPANISH, Language.ENGLISH],
    "MX": [Language.SPANISH, Language.YUCATEC],
    "CN": [Language.CHINESE, Language.ENGLISH],
    "": [Language.SPANISH],
}
REFERRERS = [
    (Agency.ATIPS_POLICE, "Officer on duty"),
    (Agency.NGO, "Women's shelter NGO"),
    (Agency.IMMIGRATION, ""),
    (Agency.LABOUR, ""),
    (Agency.HEALTH, "Karl Heusner Memorial Hospital"),
    (Agency.SELF, ""),
]
GUARDIANS = [("Mother", "Marta"), ("Aunt", "Juana"), ("Grandmother", "Elena"), ("Father", "Pedro")]
# People the search and duplicate scenarios look for: search finds María whatever is typed, and the
# possible duplicates page shows the two records of Olga Díaz.
NAMED = [
    ("María José", "Pérez Gutiérrez", "GT", datetime.date(1998, 5, 14)),
    ("Olga", "Díaz", "HN", datetime.date(2001, 2, 3)),
    ("Olga", "Diaz", "HN", datetime.date(2001, 2, 3)),
]
IDENTIFIERS = [
    IdentifiedBy.HUMAN_SERVICES,
    IdentifiedBy.POLICE,
    IdentifiedBy.IMMIGRATION,
    IdentifiedBy.LABOUR,
]


def trafficking_facts(rng, forms) -> dict:
    """The HTCDS fields (victims.trafficking) a case worker might know, most in Belize."""
    if rng.random() < 0.2:
        return {}  # nothing known yet
    country = rng.choice(["BZ", "BZ", "BZ", "BZ", "MX", "GT"])
    facts = {
        "exploitation_country": country,
        "exploitation_district": rng.choice(District.values) if country == "BZ" else "",
        "control_methods": rng.sample(ControlMethod.values, rng.randrange(1, 4)),
        "recruitment_methods": rng.sample(RecruitmentMethod.values, 1),
        "recruiter_relationship": rng.choice([*RecruiterRelationship.values, ""]),
        "recruitment_country": rng.choice(["GT", "HN", "SV", "BZ"]),
        "transit_country": rng.choice(["", "", "GT", "MX"]),
    }
    if "sexual" in forms:
        facts["sex_exploitation_types"] = rng.sample(SexExploitationType.values, 1)
    if set(forms) & {"forced_labour", "domestic_servitude"}:
        facts["labour_industry"] = rng.choice(
            [LabourIndustry.A, LabourIndustry.I, LabourIndustry.T, LabourIndustry.F, LabourIndustry.C]
        )
    return facts


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
        nationality = rng.choice(NATIONALITIES)
        languages = LANGUAGES[nationality]
        referrer, referrer_name = rng.choice(REFERRERS)
        data = {
            "given_name": rng.choice(GIVEN),
            "family_name": rng.choice(FAMILY),
            "sex": rng.choice(["female", "female", "female", "male", "male", "other", "unknown"]),
            "date_of_birth": birth,
            "age_estimate": estimate,
            "nationality": nationality,
            "registered_on": registered,
            "district": rng.choice([*District.values, ""]),
            "current_location": rng.choice(LOCATIONS),
            "notes": "Synthetic demo record.",
            "exploitation_forms": rng.sample(FORMS, rng.choice([0, 1, 1, 1, 2])),
            "languages": [languages[0], *rng.sample(languages[1:], rng.randrange(len(languages)))],
            "interpreter_needed": Language.ENGLISH not in languages[:1] and rng.random() < 0.6,
            "referred_by": referrer,
            "referred_by_name": referrer_name,
        }
        if n < len(NAMED):
            data["given_name"], data["family_name"], data["nationality"], data["date_of_birth"] = NAMED[n]
            data["age_estimate"] = None
        young = (data["date_of_birth"] and data["date_of_birth"].year > registered.year - ADULT_AGE) or (
            data["age_estimate"] is not None and data["age_estimate"] < ADULT_AGE
        )
        if young and rng.random() < 0.7:  # some minors have no guardian recorded yet
            relationship, guardian = rng.choice(GUARDIANS)
            data.update(
                guardian_name=f"{guardian} {data['family_name']}",
                guardian_relationship=relationship,
                guardian_contact=f"+501 6{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}",
            )
        # Their own random numbers, so that the rest of the demo stays as it was.
        data.update(trafficking_facts(random.Random(1000 + n), data["exploitation_forms"]))
        victim = victim_register(by=by, data=data)
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
