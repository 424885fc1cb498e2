"""Building blocks of the figures (reports.statistics, reports.tip, reports.quality): a year's
days, "dated in Y", the victims a figure may count, age group on a day, fixed code-list maps."""

import datetime

from django.db.models import Case, CharField, Q, QuerySet, Value, When

from atip.codes import Sex
from atip.periods import overlaps_q
from reports.periods import Year, as_period
from victims.ages import AgeGroup, age_group_q
from victims.models import IdentificationStatus, Victim

# The sexes in the report's order, that of spec/annual-statistics.md (female, male, other,
# unknown): the forms list "Other" last instead (atip.codes.Sex), the report keeps its rows.
SEXES = (Sex.FEMALE, Sex.MALE, Sex.OTHER, Sex.UNKNOWN)


def year_bounds(year: Year) -> tuple[datetime.date, datetime.date]:
    """Year Y runs from 1 January to 31 December inclusive; a Period (the TIP Report's year: 1 April
    to 31 March) from its first to its last day. Every figure reads its days here."""
    period = as_period(year)
    return period.first, period.last


def dated_in(year: Year, field: str) -> Q:
    """The date `field` falls in Y."""
    first, last = year_bounds(year)
    return Q(**{f"{field}__gte": first, f"{field}__lte": last})


def counted_victims() -> QuerySet[Victim]:
    """Every victim a figure may count: all but those whose current status is `not_victim`, and
    records marked as a duplicate of another (the person is counted once, through the original)."""
    return Victim.objects.exclude(identification_status=IdentificationStatus.NOT_VICTIM).filter(
        duplicate_of__isnull=True
    )


def age_group_on(day) -> Case:
    """The AgeGroup on `day`, as an expression (victims.models.age_group_q: data dictionary,
    "Ages")."""
    return Case(
        *(When(condition, then=Value(group.value)) for group, condition in age_group_q(day).items()),
        output_field=CharField(),
    )


def overlaps(year: Year, prefix: str = "") -> Q:
    """A service overlaps Y (atip.periods.overlaps_q over the year's days)."""
    return overlaps_q(*year_bounds(year), prefix=prefix)


def zero_map(codes) -> dict[str, int]:
    return {code: 0 for code in codes}


def sex_age_map(rows) -> dict[str, dict[str, int]]:
    """{sex: {age group: n}} for every sex and age group, from rows of (sex, age_group, n)."""
    table = {sex.value: zero_map(AgeGroup.values) for sex in SEXES}
    for sex, group, n in rows:
        table[sex][group] = n
    return table
