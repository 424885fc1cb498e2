"""Demo assistance for seed_demo: services and repatriations of the identified demo victims."""

import datetime

from django.utils import timezone

from atip.codes import HOME_COUNTRY
from services.models import ACCOMMODATION_TYPES, Repatriation, RepatriationStatus, ServiceEpisode, ServiceType
from services.services import episode_save, repatriation_save
from victims.models import IdentificationStatus

OTHER_SERVICES = [t for t in ServiceType.values if t not in ACCOMMODATION_TYPES]
PROVIDERS = ["IOM", "NGO Shelter", "Ministry of Health", ""]


def seed(*, rng, victims, by) -> None:
    """Each identified victim gets an accommodation from the identification on, one to three
    other services, and half of the foreign ones a repatriation (most completed)."""
    today = timezone.localdate()
    for victim in victims:
        if victim.identification_status != IdentificationStatus.IDENTIFIED:
            continue
        start = victim.identification_date
        end = start + datetime.timedelta(days=rng.randrange(30, 900))
        repatriated = victim.nationality and victim.nationality != HOME_COUNTRY and rng.random() < 0.5
        back = start + datetime.timedelta(days=rng.randrange(60, 400))
        completed = repatriated and rng.random() < 0.7 and back <= today
        # The accommodation ends when the person goes home (stays cannot outlast a return); one
        # still open on the return date is closed by the repatriation itself.
        if completed and end > back:
            end = today + datetime.timedelta(days=1)
        _episode(
            victim, by, rng.choice(ACCOMMODATION_TYPES), "Department of Human Services", start, end, today
        )
        for service_type in rng.sample(OTHER_SERVICES, rng.randrange(1, 4)):
            begin = start + datetime.timedelta(days=rng.randrange(0, 60))
            if begin <= today:
                finish = begin + datetime.timedelta(days=rng.randrange(10, 500))
                _episode(victim, by, service_type, rng.choice(PROVIDERS), begin, finish, today)
        if repatriated:
            repatriation_save(
                repatriation=Repatriation(victim=victim),
                by=by,
                data={
                    "destination_country": victim.nationality,
                    "status": RepatriationStatus.COMPLETED if completed else RepatriationStatus.PLANNED,
                    "return_date": back if completed else None,
                    "assisted_by": "IOM",
                },
                close_open_stays=True,
            )


def _episode(victim, by, service_type, provider, start, end, today) -> None:
    episode_save(
        episode=ServiceEpisode(victim=victim),
        by=by,
        data={
            "service_type": service_type,
            "provider": provider,
            "start_date": start,
            "end_date": end if end < today else None,
        },
    )
