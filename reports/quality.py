"""The data-quality panel of the statistics page and the secretary's home: what weakens a
year's figures. Not part of the published figures."""

from django.db.models import Count, Exists, OuterRef, Q

from atip.codes import Sex
from reports.counting import counted_victims
from reports.periods import Year
from reports.statistics import (
    NOT_ACCOMMODATED,
    assisted_q,
    assisted_victims,
    identified_in,
    identified_q,
    presumed_q,
)
from services.models import Repatriation, RepatriationStatus, ServiceEpisode

# What a counted victim may be missing, as counts over any set of victims.
MISSING = {
    "missing_sex": Q(sex=Sex.UNKNOWN),
    "missing_age": Q(adult_on__isnull=True),
    "missing_nationality": Q(nationality=""),
}


def _missing(victims, **more) -> dict[str, int]:
    return victims.aggregate(
        victims=Count("pk"), **{key: Count("pk", filter=q) for key, q in MISSING.items()}, **more
    )


def data_quality(year: Year) -> dict[str, int]:
    """What weakens Y's figures: victims counted in Y (identified or presumed in Y, or assisted
    in Y) missing sex (`unknown`), age (no birth date nor estimate) or nationality; assisted
    victims with no accommodation; identified victims of Y with no service at all; completed
    repatriations without a return date (a database constraint forbids them: kept as a check).

    The victims counted in Y are taken as two sets that do not meet, each read the cheap way
    (docs/performance.md, "How the figures are kept fast"): the assisted, in one pass over the
    services overlapping Y (which also counts those without accommodation), and the identified or
    presumed in Y who were not assisted, a few thousand probes of the services' index. Asking for
    the union in one filter (`… OR EXISTS (service in Y)`) probes the index once for every victim,
    twice as long at national scale.
    """
    assisted = _missing(assisted_victims(year), none=Count("pk", filter=NOT_ACCOMMODATED))
    not_assisted = _missing(
        counted_victims().filter(identified_q(year) | presumed_q(year)).exclude(assisted_q(year))
    )
    identified_without_service = (
        identified_in(year).exclude(Exists(ServiceEpisode.objects.filter(victim_id=OuterRef("pk")))).count()
    )
    undated_returns = Repatriation.objects.filter(
        status=RepatriationStatus.COMPLETED, return_date__isnull=True
    ).count()
    return {
        **{key: assisted[key] + not_assisted[key] for key in ("victims", *MISSING)},
        "assisted_without_accommodation": assisted["none"],
        "identified_without_service": identified_without_service,
        "completed_repatriations_without_date": undated_returns,
    }
