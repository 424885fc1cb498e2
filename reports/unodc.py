"""The figures of UNODC's questionnaire for the Global Report on Trafficking in Persons
(docs/unodc-questionnaire.md): persons suspected, prosecuted and convicted by sex and by
citizenship, and victims by sex × age group × form of exploitation × citizenship.

Four queries whatever the number of records: one per stage of the persons, one for the victims;
each groups by the database (`values().annotate()`), Python only reshapes the aggregated rows.
Exact counts: the file goes to UNODC, not to the public."""

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When

from atip.codes import HOME_COUNTRY, Exploitation, Sex
from cases.models import Suspect
from prosecutions.models import Charge, Outcome
from reports.counting import age_group_on, dated_in
from reports.periods import Year, as_period
from reports.statistics import UNKNOWN, VictimForms, identified_in

NATIONAL, FOREIGN = "national", "foreign"
CITIZENSHIPS = (NATIONAL, FOREIGN, UNKNOWN)
STAGES = ("suspected", "prosecuted", "convicted")
PERSON_SEXES = (Sex.MALE, Sex.FEMALE, "other_unknown")  # the questionnaire asks male / female
# The questionnaire's forms of exploitation, from ours.
UNODC_FORMS = {
    "sexual_exploitation": [Exploitation.SEXUAL],
    "forced_labour": [
        Exploitation.FORCED_LABOUR,
        Exploitation.DOMESTIC_SERVITUDE,
        Exploitation.SLAVERY_PRACTICES,
    ],
    "organ_removal": [Exploitation.ORGAN_REMOVAL],
    "other_purposes": [
        Exploitation.FORCED_CRIMINALITY,
        Exploitation.FORCED_BEGGING,
        Exploitation.FORCED_MARRIAGE,
        Exploitation.ILLEGAL_ADOPTION,
        Exploitation.OTHER,
    ],
}
MIXED, NOT_SPECIFIED = "mixed", "not_specified"
VICTIM_FORMS = (*UNODC_FORMS, MIXED, NOT_SPECIFIED)
# The questionnaire's victim columns: sex × age group (girls, women, boys, men, …).
VICTIM_GROUPS = (
    "girls",
    "women",
    "female_age_unknown",
    "boys",
    "men",
    "male_age_unknown",
    "sex_other_unknown",
)


def citizenship(field: str = "nationality") -> Case:
    """national (HOME_COUNTRY), foreign (any other country), unknown (blank), as an expression."""
    return Case(
        When(**{field: HOME_COUNTRY}, then=Value(NATIONAL)),
        When(**{field: ""}, then=Value(UNKNOWN)),
        default=Value(FOREIGN),
        output_field=CharField(),
    )


def stage_suspects(stage: str, year: Year) -> QuerySet[Suspect]:
    """suspected — persons suspected in a case whose investigation opened in the period;
    prosecuted — persons charged in a prosecution filed in the period; convicted — persons with a
    conviction whose verdict date is in the period."""
    if stage == "suspected":
        return Suspect.objects.filter(dated_in(year, "case__investigation_opened_on"))
    if stage == "prosecuted":
        charges = Charge.objects.filter(dated_in(year, "prosecution__filed_on"))
    else:
        charges = Charge.objects.filter(dated_in(year, "verdict_date"), outcome=Outcome.CONVICTED)
    return Suspect.objects.filter(Exists(charges.filter(suspect_id=OuterRef("pk"))))


def _person_sex() -> Case:
    return Case(
        When(sex__in=[Sex.MALE, Sex.FEMALE], then=F("sex")),
        default=Value("other_unknown"),
        output_field=CharField(),
    )


def persons(year: Year) -> dict:
    """{stage: {"by_sex": {sex: n}, "by_citizenship": {…: n}, "by_sex_citizenship": {sex: {…: n}},
    "foreign_by_country": {country: n}}} — one query a stage, distinct persons."""
    result = {}
    for stage in STAGES:
        rows = (
            stage_suspects(stage, year)
            .annotate(person_sex=_person_sex())
            .values_list("person_sex", "nationality")
            .annotate(n=Count("pk", distinct=True))
            .order_by()
        )
        by_sex_citizenship = {sex: dict.fromkeys(CITIZENSHIPS, 0) for sex in PERSON_SEXES}
        countries: dict[str, int] = {}
        for sex, nationality, n in rows:
            kind = NATIONAL if nationality == HOME_COUNTRY else FOREIGN if nationality else UNKNOWN
            by_sex_citizenship[sex][kind] += n
            if kind == FOREIGN:
                countries[nationality] = countries.get(nationality, 0) + n
        result[stage] = {
            "by_sex": {sex: sum(cells.values()) for sex, cells in by_sex_citizenship.items()},
            "by_citizenship": {c: sum(by_sex_citizenship[s][c] for s in PERSON_SEXES) for c in CITIZENSHIPS},
            "by_sex_citizenship": by_sex_citizenship,
            "foreign_by_country": dict(sorted(countries.items())),
        }
    return result


def _has_form(kind: str) -> Exists:
    return Exists(
        VictimForms.objects.filter(victim_id=OuterRef("pk"), exploitationform_id__in=UNODC_FORMS[kind])
    )


def _victim_form() -> Case:
    """The victim's one questionnaire form; mixed for forms of two or more; not_specified for none."""
    only = [
        When(
            Q(**{f"has_{kind}": True}) & Q(*(Q(**{f"has_{o}": False}) for o in UNODC_FORMS if o != kind)),
            then=Value(kind),
        )
        for kind in UNODC_FORMS
    ]
    none = Q(*(Q(**{f"has_{kind}": False}) for kind in UNODC_FORMS))
    return Case(*only, When(none, then=Value(NOT_SPECIFIED)), default=Value(MIXED), output_field=CharField())


def _victim_group() -> Case:
    """The questionnaire's sex × age column, age on the identification date."""
    pairs = {
        "girls": (Sex.FEMALE, "minor"),
        "women": (Sex.FEMALE, "adult"),
        "female_age_unknown": (Sex.FEMALE, "unknown"),
        "boys": (Sex.MALE, "minor"),
        "men": (Sex.MALE, "adult"),
        "male_age_unknown": (Sex.MALE, "unknown"),
    }
    return Case(
        *(When(sex=sex, age_group=age, then=Value(key)) for key, (sex, age) in pairs.items()),
        default=Value("sex_other_unknown"),
        output_field=CharField(),
    )


def victims(year: Year) -> dict:
    """Victims identified in the period (identified_total's) as {citizenship: {form: {group: n}}}
    and {"foreign_by_country": {country: {group: n}}}: each person once (one form, mixed or
    not_specified), in one query."""
    rows = (
        identified_in(year)
        .annotate(**{f"has_{kind}": _has_form(kind) for kind in UNODC_FORMS})
        .annotate(age_group=age_group_on(F("identification_date")))
        .annotate(form=_victim_form(), group=_victim_group())
        .values_list("nationality", "form", "group")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table = {c: {form: dict.fromkeys(VICTIM_GROUPS, 0) for form in VICTIM_FORMS} for c in CITIZENSHIPS}
    countries: dict[str, dict[str, int]] = {}
    for nationality, form, group, n in rows:
        kind = NATIONAL if nationality == HOME_COUNTRY else FOREIGN if nationality else UNKNOWN
        table[kind][form][group] += n
        if kind == FOREIGN:
            countries.setdefault(nationality, dict.fromkeys(VICTIM_GROUPS, 0))[group] += n
    return {"by_citizenship": table, "foreign_by_country": dict(sorted(countries.items()))}


def unodc_figures(year: Year) -> dict:
    """Every figure of the questionnaire for the period (exact counts)."""
    period = as_period(year)
    return {
        "year": period.year,
        "period": {"kind": period.kind, "first": period.first.isoformat(), "last": period.last.isoformat()},
        "persons": persons(period),
        "victims": victims(period),
    }
