"""The data-quality panel of the statistics page and the secretary's home: what weakens a
year's figures. Not part of the published figures."""

from django.db.models import Count, Exists, OuterRef, Q

from atip.codes import Sex
from reports.statistics import (
    assisted_q,
    assisted_without_accommodation,
    counted_victims,
    identified_in,
    identified_q,
    presumed_q,
)
from services.models import Repatriation, RepatriationStatus, ServiceEpisode


def data_quality(year: int) -> dict[str, int]:
    """What weakens Y's figures: victims counted in Y (identified or presumed in Y, or assisted
    in Y) missing sex (`unknown`), age (no birth date nor estimate) or nationality; assisted
    victims with no accommodation; identified victims of Y with no service at all; completed
    repatriations without a return date (a database constraint forbids them: kept as a check)."""
    missing = (
        counted_victims()
        .filter(identified_q(year) | presumed_q(year) | assisted_q(year))
        .aggregate(
            victims=Count("pk"),
            missing_sex=Count("pk", filter=Q(sex=Sex.UNKNOWN)),
            missing_age=Count("pk", filter=Q(adult_on__isnull=True)),
            missing_nationality=Count("pk", filter=Q(nationality="")),
        )
    )
    identified_without_service = (
        identified_in(year).exclude(Exists(ServiceEpisode.objects.filter(victim_id=OuterRef("pk")))).count()
    )
    undated_returns = Repatriation.objects.filter(
        status=RepatriationStatus.COMPLETED, return_date__isnull=True
    ).count()
    return {
        **missing,
        "assisted_without_accommodation": assisted_without_accommodation(year),
        "identified_without_service": identified_without_service,
        "completed_repatriations_without_date": undated_returns,
    }
