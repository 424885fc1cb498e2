"""The Council's annual figures, exactly as defined in spec/annual-statistics.md.

One small named query per figure (or per group of figures that share their rows), each citing
its definition. The database does every count (`values().annotate()`, `aggregate()` with
`filter=Q`, `Count(distinct=True)`, subqueries); Python only fills the fixed code lists with
zeros and reshapes the aggregated rows. The number of queries is therefore constant, whatever the
number of records.

Victims whose current status is `not_victim` are excluded from every figure; archived victims
still count (archiving is not deletion).
"""

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from atip.codes import HOME_COUNTRY, Exploitation
from cases.models import Case as ReportedCase
from prevention.models import Activity, ActivityKind, Audience
from prosecutions.models import Charge, Outcome, Prosecution
from reports.counting import (
    SEXES,
    age_group_on,
    counted_victims,
    dated_in,
    overlaps,
    sex_age_map,
    year_bounds,
    zero_map,
)
from reports.periods import CALENDAR, Period, Year, as_period
from services.models import ACCOMMODATION_TYPES, Repatriation, RepatriationStatus, ServiceEpisode, ServiceType
from victims.ages import AgeGroup
from victims.models import IdentificationStatus, Victim

UNKNOWN = "unknown"  # a blank nationality
NOT_SPECIFIED = "not_specified"
MULTIPLE = "multiple"
VictimForms = Victim.exploitation_forms.through


# --- Identification -------------------------------------------------------------------------


def identified_q(year: Year) -> Q:
    """Identified in Y: status `identified` and identification_date in Y."""
    return Q(identification_status=IdentificationStatus.IDENTIFIED) & dated_in(year, "identification_date")


def presumed_q(year: Year) -> Q:
    """Presumed in Y: status `presumed` and registered_on in Y."""
    return Q(identification_status=IdentificationStatus.PRESUMED) & dated_in(year, "registered_on")


def identified_in(year: Year) -> QuerySet[Victim]:
    """`identified_total`'s victims."""
    return counted_victims().filter(identified_q(year))


def identified_total(year: Year) -> int:
    """identified_total — victims with status identified and identification_date in Y."""
    return identified_in(year).count()


def identified_by_sex_age(year: Year) -> dict:
    """identified_by_sex_age — by sex × age group, age on identification_date."""
    rows = (
        identified_in(year)
        .annotate(age_group=age_group_on(F("identification_date")))
        .values_list("sex", "age_group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return sex_age_map(rows)


def identified_by_nationality(year: Year) -> dict[str, int]:
    """identified_by_nationality — by nationality, blank counted as `unknown`; non-zero only."""
    rows = identified_in(year).values_list("nationality").annotate(n=Count("pk")).order_by("nationality")
    return {(code or UNKNOWN): n for code, n in rows}


def identified_national_foreign(by_nationality: dict[str, int]) -> tuple[int, int]:
    """identified_national (HOME_COUNTRY, BZ) and identified_foreign (any other known nationality), read off
    identified_by_nationality's counts (no second pass over the victims)."""
    national = by_nationality.get(HOME_COUNTRY, 0)
    foreign = sum(n for code, n in by_nationality.items() if code not in (HOME_COUNTRY, UNKNOWN))
    return national, foreign


def identified_by_exploitation(year: Year) -> dict[str, int]:
    """identified_by_exploitation — for each form, victims whose set contains it (a victim with two
    forms counts under both); `not_specified` for an empty set; `multiple` for two or more forms."""
    victims = identified_in(year)
    per_form = (
        VictimForms.objects.filter(victim__in=victims.values("pk"))
        .values_list("exploitationform_id")
        .annotate(n=Count("victim_id", distinct=True))
        .order_by()
    )
    result = zero_map(Exploitation.values) | dict(per_form)
    # One row per victim with the size of its set, counted by the database.
    sizes = victims.annotate(n_forms=Count("exploitation_forms")).aggregate(
        not_specified=Count("pk", filter=Q(n_forms=0)),
        multiple=Count("pk", filter=Q(n_forms__gte=2)),
    )
    result[NOT_SPECIFIED] = sizes["not_specified"]
    result[MULTIPLE] = sizes["multiple"]
    return result


def presumed_total(year: Year) -> int:
    """presumed_total — victims with status presumed and registered_on in Y."""
    return counted_victims().filter(presumed_q(year)).count()


# --- Assistance -----------------------------------------------------------------------------


def assisted_q(year: Year) -> Exists:
    """Assisted in Y: the victim has at least one service that overlaps Y."""
    return Exists(ServiceEpisode.objects.filter(overlaps(year), victim_id=OuterRef("pk")))


def assisted_victims(year: Year) -> QuerySet[Victim]:
    """One row per victim assisted in Y (assisted_q() as a join, for aggregates), with
    `accommodated`: how many of those services are accommodation (none: NOT_ACCOMMODATED).

    The join is limited to the victim's services that overlap Y (the filter comes before the
    annotations), so each victim's row aggregates exactly those, in any later annotation too.
    """
    return (
        counted_victims()
        .filter(overlaps(year, "services__"))
        .annotate(accommodated=Count("services", filter=Q(services__service_type__in=ACCOMMODATION_TYPES)))
    )


# accommodation.none: an assisted victim with no accommodation service overlapping Y.
NOT_ACCOMMODATED = Q(accommodated=0)


def assistance(year: Year) -> dict:
    """Every assistance figure, counted by the database over assisted_victims() in one query:

    - assisted_total — distinct victims with at least one service that overlaps Y;
    - assisted_new — those whose earliest service of all starts in Y; assisted_continuing —
      those whose earliest service started before Y;
    - assisted_by_sex_age — by sex × age group, age on the first day of Y in care;
    - assisted_by_service — per service type, assisted victims with such a service overlapping Y;
    - accommodation — shelter / independent_living / foster_care as per service type; none:
      assisted victims with no accommodation service overlapping Y.
    """
    cells = {
        f"{sex}.{group}": Count("pk", filter=Q(sex=sex, age_group=group))
        for sex in SEXES
        for group in AgeGroup.values
    }
    services = {
        f"service.{code}": Count("pk", filter=Q(**{f"n_{code}__gt": 0})) for code in ServiceType.values
    }
    first, _ = year_bounds(year)
    victims = assisted_victims(year).annotate(
        first_in_year=Min("services__start_date"),
        **{
            f"n_{code}": Count("services", filter=Q(services__service_type=code))
            for code in ServiceType.values
        },
        # The earliest service of all (not only those overlapping Y) started before 1 January.
        in_care_before=Exists(ServiceEpisode.objects.filter(victim_id=OuterRef("pk"), start_date__lt=first)),
        # The first day in care in Y: the later of 1 January and the first start among them.
        age_group=age_group_on(Greatest(F("first_in_year"), Value(first))),
    )
    counts = victims.aggregate(
        assisted_total=Count("pk"),
        assisted_new=Count("pk", filter=Q(in_care_before=False)),
        assisted_continuing=Count("pk", filter=Q(in_care_before=True)),
        none=Count("pk", filter=NOT_ACCOMMODATED),
        **cells,
        **services,
    )
    by_service = {code: counts[f"service.{code}"] for code in ServiceType.values}
    return {
        "assisted_total": counts["assisted_total"],
        "assisted_new": counts["assisted_new"],
        "assisted_continuing": counts["assisted_continuing"],
        "assisted_by_sex_age": sex_age_map(
            (sex, group, counts[f"{sex}.{group}"]) for sex in SEXES for group in AgeGroup.values
        ),
        "assisted_by_service": by_service,
        "accommodation": {
            **{code.value: by_service[code.value] for code in ACCOMMODATION_TYPES},
            "none": counts["none"],
        },
    }


# --- Prosecution and access to justice ------------------------------------------------------


def cases_reported(year: Year) -> int:
    """cases_reported — cases with reported_on in Y."""
    return ReportedCase.objects.filter(dated_in(year, "reported_on")).count()


def investigations_opened(year: Year) -> int:
    """investigations_opened — cases with investigation_opened_on in Y."""
    return ReportedCase.objects.filter(dated_in(year, "investigation_opened_on")).count()


def prosecutions_in(year: Year) -> dict[str, int]:
    """prosecutions_initiated — prosecutions with filed_on in Y; persons_prosecuted — distinct
    suspects charged in those prosecutions (one query: a prosecution without charges still counts)."""
    return Prosecution.objects.filter(dated_in(year, "filed_on")).aggregate(
        prosecutions_initiated=Count("pk", distinct=True),
        persons_prosecuted=Count("charges__suspect_id", distinct=True),
    )


def verdicts_in(year: Year, outcome: str) -> QuerySet[Charge]:
    return Charge.objects.filter(dated_in(year, "verdict_date"), outcome=outcome)


def persons_convicted_acquitted(year: Year) -> dict[str, int]:
    """persons_convicted — distinct suspects with a charge convicted with verdict_date in Y;
    persons_acquitted — distinct suspects with a charge acquitted in Y and no conviction in Y."""
    convicted_in_year = verdicts_in(year, Outcome.CONVICTED).filter(suspect_id=OuterRef("suspect_id"))
    return (
        Charge.objects.filter(
            dated_in(year, "verdict_date"), outcome__in=[Outcome.CONVICTED, Outcome.ACQUITTED]
        )
        .annotate(also_convicted=Exists(convicted_in_year))
        .aggregate(
            persons_convicted=Count("suspect_id", distinct=True, filter=Q(outcome=Outcome.CONVICTED)),
            persons_acquitted=Count(
                "suspect_id", distinct=True, filter=Q(outcome=Outcome.ACQUITTED, also_convicted=False)
            ),
        )
    )


def convictions_by_exploitation(year: Year) -> dict[str, int]:
    """convictions_by_exploitation — per form, distinct suspects with a convicted charge of that
    form with verdict_date in Y; `not_specified` for convicted charges without a form."""
    rows = (
        verdicts_in(year, Outcome.CONVICTED)
        .values_list("exploitation_form")
        .annotate(n=Count("suspect_id", distinct=True))
        .order_by()
    )
    result = zero_map([*Exploitation.values, NOT_SPECIFIED])
    for form, n in rows:
        result[form or NOT_SPECIFIED] = n
    return result


# --- Repatriation ---------------------------------------------------------------------------


def completed_returns(year: Year) -> QuerySet[Repatriation]:
    return Repatriation.objects.filter(
        dated_in(year, "return_date"), status=RepatriationStatus.COMPLETED
    ).exclude(victim__identification_status=IdentificationStatus.NOT_VICTIM)


def repatriated_total(year: Year) -> int:
    """repatriated_total — distinct victims with a completed repatriation returned in Y."""
    return completed_returns(year).aggregate(n=Count("victim_id", distinct=True))["n"]


def repatriated_by_country(year: Year) -> dict[str, int]:
    """repatriated_by_country — the same victims by destination country (non-zero only)."""
    rows = (
        completed_returns(year)
        .values_list("destination_country")
        .annotate(n=Count("victim_id", distinct=True))
        .order_by("destination_country")
    )
    return dict(rows)


# --- Prevention -----------------------------------------------------------------------------


def activities_in(year: Year) -> QuerySet[Activity]:
    return Activity.objects.filter(dated_in(year, "date"))


def trainings(year: Year) -> dict[str, int]:
    """trainings — activities of kind training dated in Y; people_trained — the sum of their
    participants (blank counts as 0); indirect_activities — activities with direct = no in Y."""
    is_training = Q(kind=ActivityKind.TRAINING)
    return activities_in(year).aggregate(
        trainings=Count("pk", filter=is_training),
        people_trained=Coalesce(Sum("participants", filter=is_training), 0),
        indirect_activities=Count("pk", filter=Q(direct=False)),
    )


def trained_by_audience(year: Year) -> dict[str, int]:
    """trained_by_audience — people trained by audience (a training without one counts in none)."""
    rows = (
        activities_in(year)
        .filter(kind=ActivityKind.TRAINING)
        .exclude(audience="")
        .values_list("audience")
        .annotate(n=Coalesce(Sum("participants"), 0, output_field=IntegerField()))
        .order_by()
    )
    return zero_map(Audience.values) | dict(rows)


def campaigns_in(year: Year) -> QuerySet[Activity]:
    """campaigns' activities: kind campaign dated in Y."""
    return activities_in(year).filter(kind=ActivityKind.CAMPAIGN)


def campaigns(year: Year) -> list[dict]:
    """campaigns — activities of kind campaign dated in Y, by date then reference (blank → null)."""
    rows = (
        campaigns_in(year)
        .order_by("date", "reference")
        .values("reference", "date", "title", "audience", "participants")
    )
    return [
        {
            "reference": row["reference"] or None,
            "date": row["date"].isoformat(),
            "title": row["title"] or None,
            "audience": row["audience"] or None,
            "participants": row["participants"],
        }
        for row in rows
    ]


# --- The report -----------------------------------------------------------------------------


def _period_of(period: Period) -> dict:
    """{"period": …} for a TIP Report year; nothing for a calendar year (the spec's object)."""
    if period.kind == CALENDAR:
        return {}
    return {
        "period": {"kind": period.kind, "first": period.first.isoformat(), "last": period.last.isoformat()}
    }


def annual_report(year: Year) -> dict:
    """Every figure of year Y in the JSON shape of spec/annual-statistics.md (exact counts). For the
    TIP Report's year (a Period of kind tip) the same figures over 1 April Y – 31 March Y+1, with
    "period" saying so (the calendar year's object stays exactly the spec's)."""
    period = as_period(year)
    by_nationality = identified_by_nationality(year)
    national, foreign = identified_national_foreign(by_nationality)
    prevention = trainings(year)
    return {
        "year": period.year,
        **_period_of(period),
        "identification": {
            "identified_total": identified_total(year),
            "identified_by_sex_age": identified_by_sex_age(year),
            "identified_by_nationality": by_nationality,
            "identified_national": national,
            "identified_foreign": foreign,
            "identified_by_exploitation": identified_by_exploitation(year),
            "presumed_total": presumed_total(year),
        },
        "assistance": assistance(year),
        "prosecution": {
            "cases_reported": cases_reported(year),
            "investigations_opened": investigations_opened(year),
            **prosecutions_in(year),
            **persons_convicted_acquitted(year),
            "convictions_by_exploitation": convictions_by_exploitation(year),
        },
        "repatriation": {
            "repatriated_total": repatriated_total(year),
            "repatriated_by_country": repatriated_by_country(year),
        },
        "prevention": {
            "trainings": prevention["trainings"],
            "people_trained": prevention["people_trained"],
            "trained_by_audience": trained_by_audience(year),
            "campaigns": campaigns(year),
            "indirect_activities": prevention["indirect_activities"],
        },
    }
