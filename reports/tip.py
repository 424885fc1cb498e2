"""What the government reports each year to the US Trafficking in Persons (TIP) Report, as
defined in docs/tip-indicators.md. Figures that are already in annual_report() are read from it
(one rule, one query); the others are one small query each."""

from django.db.models import Case, CharField, Count, Exists, Max, OuterRef, Q, Value, When
from django.utils.translation import gettext_lazy as _

from atip.codes import Exploitation
from prosecutions.models import Charge, Outcome
from reports.counting import dated_in
from reports.periods import Year
from reports.statistics import NOT_SPECIFIED, VictimForms, identified_in
from services.models import ServiceEpisode

SEX, LABOUR, OTHER = "sex_trafficking", "labour_trafficking", "other_forms"
# Our forms of exploitation in the TIP Report's two kinds of trafficking (docs/tip-indicators.md).
TIP_FORMS = {
    SEX: [Exploitation.SEXUAL],
    LABOUR: [
        Exploitation.FORCED_LABOUR,
        Exploitation.DOMESTIC_SERVITUDE,
        Exploitation.SLAVERY_PRACTICES,
        Exploitation.FORCED_CRIMINALITY,
        Exploitation.FORCED_BEGGING,
    ],
    OTHER: [
        Exploitation.FORCED_MARRIAGE,
        Exploitation.ORGAN_REMOVAL,
        Exploitation.ILLEGAL_ADOPTION,
        Exploitation.OTHER,
    ],
}
TIP_FORM_LABELS = {
    SEX: _("Sex trafficking"),
    LABOUR: _("Labour trafficking"),
    OTHER: _("Other forms"),
    NOT_SPECIFIED: _("Not specified"),
}
# Sentence ranges, in months of the longest prison term of a person convicted in the year.
SENTENCE_RANGES = {
    "none_recorded": None,
    "under_12_months": (0, 11),
    "12_to_59_months": (12, 59),
    "60_to_119_months": (60, 119),
    "120_months_or_more": (120, None),
}
SENTENCE_LABELS = {
    "none_recorded": _("No prison term recorded"),
    "under_12_months": _("Under 1 year"),
    "12_to_59_months": _("1 to under 5 years"),
    "60_to_119_months": _("5 to under 10 years"),
    "120_months_or_more": _("10 years or more"),
}


def tip_form(field: str) -> Case:
    """The TIP kind of trafficking of the form in `field`, as an expression."""
    return Case(
        *(When(**{f"{field}__in": forms}, then=Value(kind)) for kind, forms in TIP_FORMS.items()),
        default=Value(NOT_SPECIFIED),
        output_field=CharField(),
    )


def _by_kind(rows) -> dict[str, int]:
    return {kind: 0 for kind in TIP_FORM_LABELS} | dict(rows)


def convicted(year: Year):
    return Charge.objects.filter(dated_in(year, "verdict_date"), outcome=Outcome.CONVICTED)


def convicted_by_form(year: Year) -> dict[str, int]:
    """convicted_by_form — distinct persons with a charge of that kind convicted in Y (a charge
    without a form: not_specified)."""
    rows = (
        convicted(year)
        .annotate(kind=tip_form("exploitation_form"))
        .values_list("kind")
        .annotate(n=Count("suspect_id", distinct=True))
        .order_by()
    )
    return _by_kind(rows)


def sentences(year: Year) -> dict[str, int]:
    """sentences — persons convicted in Y by the longest prison term among those convictions."""
    longest = convicted(year).values("suspect_id").annotate(months=Max("sentence_months")).order_by()
    ranges = {}
    for key, bounds in SENTENCE_RANGES.items():
        if bounds is None:
            ranges[key] = Count("suspect_id", filter=Q(months__isnull=True))
        else:
            low, high = bounds
            condition = Q(months__gte=low) if high is None else Q(months__gte=low, months__lte=high)
            ranges[key] = Count("suspect_id", filter=condition)
    return longest.aggregate(**ranges)


def victims_by_form(year: Year, not_specified: int) -> dict[str, int]:
    """victims_by_form — identified victims of Y with a form of that kind (a victim with forms of
    two kinds counts under both); not_specified is identified_by_exploitation's."""
    rows = (
        VictimForms.objects.filter(victim__in=identified_in(year).values("pk"))
        .annotate(kind=tip_form("exploitationform_id"))
        .values_list("kind")
        .annotate(n=Count("victim_id", distinct=True))
        .order_by()
    )
    return _by_kind(rows) | {NOT_SPECIFIED: not_specified}


def victims_referred(year: Year) -> int:
    """victims_referred — identified victims of Y with at least one service recorded (any date)."""
    return identified_in(year).filter(Exists(ServiceEpisode.objects.filter(victim_id=OuterRef("pk")))).count()


def tip_indicators(year: Year, report: dict) -> dict:
    """Every TIP Report indicator of Y; `report` is annual_report(year)."""
    prosecution = report["prosecution"]
    return {
        "investigations_initiated": prosecution["investigations_opened"],
        "prosecutions_initiated": prosecution["prosecutions_initiated"],
        "persons_prosecuted": prosecution["persons_prosecuted"],
        "persons_convicted": prosecution["persons_convicted"],
        "convicted_by_form": convicted_by_form(year),
        "sentences": sentences(year),
        "victims_by_form": victims_by_form(
            year, report["identification"]["identified_by_exploitation"][NOT_SPECIFIED]
        ),
        "victims_referred": victims_referred(year),
    }
