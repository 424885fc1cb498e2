"""Demo prevention activities for seed_demo: synthetic, through the service (references, audit)."""

import datetime

from django.utils import timezone

from atip.roles import Role
from prevention.models import ActivityKind, Audience
from prevention.services import activity_create

YEARS = range(2018, 2027)
TRAININGS = [
    ("Victim identification for frontline officers", Audience.POLICE),
    ("Trauma-informed interviewing", Audience.SOCIAL_WORKERS),
    ("Recognising trafficking in hotels and tours", Audience.TOURISM),
    ("Indicators of trafficking at the border", Audience.IMMIGRATION),
    ("Forced labour on farms: inspection checklist", Audience.LABOUR_INSPECTORS),
    ("The TIP (Prohibition) Act 2013 in court", Audience.JUDICIARY),
    ("Safe schools: talking about exploitation", Audience.EDUCATORS),
]
CAMPAIGNS = [
    ("School talks: online recruitment", Audience.STUDENTS),
    ("Village meetings on labour recruitment", Audience.COMMUNITY),
]
INDIRECT = [
    "National action plan review",
    "Research: labour migration corridors",
    "Inter-agency coordination",
]


def seed(*, rng, users) -> None:
    """About 30 activities over 2018–2026 of every kind and audience, with a Blue Heart Campaign
    on 30 July of every year already past (a day in the future is never recorded)."""
    secretary = users[Role.SECRETARY]
    today = timezone.localdate()
    plans = []
    for n, year in enumerate(YEARS):
        plans.append(
            (
                datetime.date(year, 7, 30),
                ActivityKind.CAMPAIGN,
                True,
                "Blue Heart Campaign",
                Audience.GENERAL_PUBLIC,
                None,
            )
        )
        title, audience = TRAININGS[n % len(TRAININGS)]
        plans.append(
            (
                datetime.date(year, 3 + rng.randrange(3), 1 + rng.randrange(28)),
                ActivityKind.TRAINING,
                True,
                title,
                audience,
                rng.randrange(12, 60),
            )
        )
        if n % 2 == 0:
            title, audience = TRAININGS[(n + 3) % len(TRAININGS)]
            plans.append(
                (
                    datetime.date(year, 9 + rng.randrange(3), 1 + rng.randrange(28)),
                    ActivityKind.TRAINING,
                    True,
                    title,
                    audience,
                    None if n == 4 else rng.randrange(10, 40),
                )
            )
        if n % 3 == 1:
            title, audience = CAMPAIGNS[n % len(CAMPAIGNS)]
            plans.append(
                (
                    datetime.date(year, 5, 1 + rng.randrange(28)),
                    ActivityKind.CAMPAIGN,
                    True,
                    title,
                    audience,
                    rng.randrange(40, 300),
                )
            )
        if n % 3 == 2:
            plans.append(
                (
                    datetime.date(year, 11, 1 + rng.randrange(28)),
                    ActivityKind.OTHER,
                    False,
                    INDIRECT[n % 3],
                    "",
                    None,
                )
            )
    plans.append(
        (
            datetime.date(2019, 6, 12),
            ActivityKind.OTHER,
            True,
            "Radio call-in on the hotline",
            Audience.OTHER,
            None,
        )
    )
    plans.append(
        (datetime.date(2021, 2, 3), ActivityKind.TRAINING, True, "Community leaders' workshop", "", 25)
    )
    for day, kind, direct, title, audience, participants in sorted(plans, key=lambda p: p[0]):
        if day > today:
            continue
        activity_create(
            by=secretary,
            data={
                "date": day,
                "kind": kind,
                "direct": direct,
                "title": title,
                "audience": audience,
                "participants": participants,
                "organiser": rng.choice(
                    ["ATIPs Council", "IOM", "Department of Human Services", "NGO partner"]
                ),
                "notes": "Synthetic demo record.",
            },
        )
