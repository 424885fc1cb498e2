"""De-identified person-level files for the secretary (docs/person-level-exports.md): one row per
victim (all years; not those screened out as `not_victim`) in the field names of

- the IOM Human Trafficking Case Data Standard 2.0 (HTCDS, "HTCDS Field Standards 2.0"), and
- the CTDC global synthetic dataset's codebook, made k-anonymous over year of registration,
  gender, age band and citizenship by generalising, then suppressing (k = 11 by default, as CTDC).

No name, date of birth, reference, date or free text is ever read into a row: the date of birth
is used only to compute the age band. Rows are sorted by their values, never by record order.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from itertools import product

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from atip.codes import Exploitation, Sex
from atip.spreadsheets import neutralise
from reports.counting import counted_victims
from reports.statistics import VictimForms
from services.models import ServiceEpisode
from victims.models import IdentificationStatus, IdentifiedBy

DEFAULT_K = 11
SUPPRESSION_BUDGET = 0.10  # of the records, left out rather than generalising further
BOM = "\ufeff"
# CTDC's ageBroad bands (age in years on the registration date).
AGE_BANDS = [(0, "0--8"), (9, "9--17"), (18, "18--20"), (21, "21--23"), (24, "24--26"), (27, "27--29")]
AGE_BANDS += [(30, "30--38"), (39, "39--47"), (48, "48+")]

# --- HTCDS 2.0: our code lists onto the standard's picklist values ---------------------------
HTCDS_COLUMNS = [
    "prs_Gender",
    "prs_Citizenship",
    "vic_AgeWhenTrafficked",
    "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg",
    "vic_TypeOfExploitation",
    "cas_Status",
]
HTCDS_GENDER = {
    Sex.FEMALE: "Feminine",
    Sex.MALE: "Masculine",
    Sex.OTHER: "NonConforming",
    Sex.UNKNOWN: "NonSpecifiedUnknown",
}
HTCDS_STATUS = {
    IdentificationStatus.PRESUMED: "PossibleVictimOfTrafficking",
    IdentificationStatus.IDENTIFIED: "ActualVictimOfTrafficking",
}
HTCDS_DECIDED_BY = {
    IdentifiedBy.HUMAN_SERVICES: "NonPoliceGovernmentalOrganization",
    IdentifiedBy.POLICE: "Police",
    IdentifiedBy.IMMIGRATION: "NonPoliceGovernmentalOrganization",
    IdentifiedBy.LABOUR: "NonPoliceGovernmentalOrganization",
    IdentifiedBy.PROSECUTION: "CourtOrProsecution",
    IdentifiedBy.NGO: "NGO",
    IdentifiedBy.OTHER: "Other",
}
HTCDS_EXPLOITATION = {
    Exploitation.SEXUAL: "SexualExploitation",
    Exploitation.FORCED_LABOUR: "ForcedLabour",
    Exploitation.DOMESTIC_SERVITUDE: "Servitude",
    Exploitation.SLAVERY_PRACTICES: "Servitude",
    Exploitation.FORCED_MARRIAGE: "ForcedMarriage",
    Exploitation.ORGAN_REMOVAL: "OrganRemoval",
    Exploitation.FORCED_CRIMINALITY: "ForcedLabour",
    Exploitation.FORCED_BEGGING: "ForcedBegging",
    Exploitation.ILLEGAL_ADOPTION: "ForcedAdoption",
    Exploitation.OTHER: "Other",
}
MULTI = ";"  # HTCDS multiselect picklists: values joined by a semicolon

# --- CTDC ------------------------------------------------------------------------------------
CTDC_QUASI = ["yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship"]
CTDC_FLAGS = [
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "typeOfLabourAgriculture",
    "typeOfLabourConstruction",
    "typeOfLabourDomesticWork",
    "typeOfLabourHospitality",
    "typeOfLabourOther",
    "typeOfSexProstitution",
    "typeOfSexPornography",
    "typeOfSexOther",
]
CTDC_COLUMNS = [*CTDC_QUASI, "CountryOfExploitation", *CTDC_FLAGS]
CTDC_GENDER = {
    Sex.FEMALE: "Female",
    Sex.MALE: "Male",
    Sex.OTHER: "Transgender/NonConforming",
    Sex.UNKNOWN: "",
}
CTDC_EXPLOITATION = {
    Exploitation.SEXUAL: ["isSexualExploit"],
    Exploitation.FORCED_LABOUR: ["isForcedLabour"],
    Exploitation.DOMESTIC_SERVITUDE: ["isForcedLabour", "typeOfLabourDomesticWork"],
    Exploitation.SLAVERY_PRACTICES: ["isOtherExploit"],
    Exploitation.FORCED_MARRIAGE: ["isOtherExploit"],
    Exploitation.ORGAN_REMOVAL: ["isOtherExploit"],
    Exploitation.FORCED_CRIMINALITY: ["isForcedLabour", "typeOfLabourOther"],
    Exploitation.FORCED_BEGGING: ["isForcedLabour", "typeOfLabourOther"],
    Exploitation.ILLEGAL_ADOPTION: ["isOtherExploit"],
    Exploitation.OTHER: ["isOtherExploit"],
}


@dataclass(frozen=True)
class Person:
    """What the files may say of one victim; nothing else is read."""

    year: int  # of registration
    sex: str
    age: int | None  # whole years on the registration date
    nationality: str  # ISO 3166 alpha-2, "" when unknown
    status: str
    identified_by: str
    forms: tuple[str, ...]
    closed: bool  # archived
    in_care: bool  # a service without an end date


def _age(birth, estimate, registered) -> int | None:
    if birth:
        years = registered.year - birth.year
        return years - ((registered.month, registered.day) < (birth.month, birth.day))
    return estimate


def persons() -> list[Person]:
    """Every counted victim (two queries: the victims, then their forms)."""
    victims = counted_victims().annotate(
        in_care=Exists(ServiceEpisode.objects.filter(victim_id=OuterRef("pk"), end_date__isnull=True))
    )
    forms: dict[int, list[str]] = {}
    pairs = VictimForms.objects.filter(victim__in=counted_victims().values("pk")).values_list(
        "victim_id", "exploitationform_id"
    )
    for victim_id, form in pairs.order_by("exploitationform_id"):
        forms.setdefault(victim_id, []).append(form)
    rows = victims.values_list(
        "pk",
        "registered_on",
        "sex",
        "date_of_birth",
        "age_estimate",
        "nationality",
        "identification_status",
        "identified_by",
        "archived_at",
        "in_care",
    ).order_by()
    return [
        Person(
            year=registered.year,
            sex=sex,
            age=_age(birth, estimate, registered),
            nationality=nationality or "",
            status=status,
            identified_by=identified_by,
            forms=tuple(forms.get(pk, ())),
            closed=archived is not None,
            in_care=in_care,
        )
        for pk, registered, sex, birth, estimate, nationality, status, identified_by, archived, in_care in (
            rows
        )
    ]


def age_band(age: int | None) -> str:
    if age is None:
        return ""
    return [band for low, band in AGE_BANDS if age >= low][-1]


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[neutralise(v) for v in row] for row in sorted(rows)])
    return out.getvalue()


def htcds_row(p: Person) -> list[str]:
    status = "Closed" if p.closed else "Active" if p.in_care else "FollowUp"
    return [
        HTCDS_GENDER[p.sex],
        p.nationality,
        age_band(p.age),
        HTCDS_STATUS[p.status],
        HTCDS_DECIDED_BY.get(p.identified_by, "") if p.status == IdentificationStatus.IDENTIFIED else "",
        MULTI.join(sorted({HTCDS_EXPLOITATION[f] for f in p.forms})),
        status,
    ]


def htcds_csv(people: list[Person]) -> str:
    """The HTCDS 2.0 file: one row per victim, exact (de-identified, not anonymous)."""
    return _csv(HTCDS_COLUMNS, [htcds_row(p) for p in people])


# --- k-anonymity for the CTDC file -----------------------------------------------------------

# Each quasi-identifier's ladder of generalisations, from exact to blank (suppressed value).
LADDERS = {
    "age": [_("band"), _("minor or adult"), _("blank")],
    "citizenship": [_("country"), _("countries with k records or more"), _("blank")],
    "gender": [_("gender"), _("blank")],
    "year": [_("year"), _("blank")],
}
# The quasi-identifiers as the page names them.
QUASI_NAMES = {"age": _("age"), "citizenship": _("citizenship"), "gender": _("gender"), "year": _("year")}


@dataclass
class Anonymised:
    rows: list[list[str]]
    k: int
    records: int  # victims before suppression
    suppressed: int  # rows left out: their class stayed smaller than k
    steps: list[str] = field(default_factory=list)  # the generalisations applied, in order


def _quasi(p: Person, levels: dict[str, int], common: set[str]) -> tuple[str, str, str, str, str]:
    year = str(p.year) if levels["year"] == 0 else ""
    gender = CTDC_GENDER[p.sex] if levels["gender"] == 0 else ""
    band = age_band(p.age) if levels["age"] == 0 else ""
    majority = "" if p.age is None or levels["age"] == 2 else "Minor" if p.age < 18 else "Adult"
    citizenship = {0: p.nationality, 1: p.nationality if p.nationality in common else "", 2: ""}[
        levels["citizenship"]
    ]
    return year, gender, band, majority, citizenship


def _small(keys: list[tuple], k: int) -> int:
    """How many records are in classes smaller than k."""
    return sum(n for n in Counter(keys).values() if n < k)


def anonymise(people: list[Person], k: int = DEFAULT_K) -> Anonymised:
    """CTDC rows in which every combination of the quasi-identifiers is shared by k rows or more.

    Full-domain generalisation, chosen among every combination of the ladders' levels (36): the
    one that loses least (each quasi-identifier's level over its ladder's length, summed; ties:
    fewer records left out, then the ladders' order) among those that leave at most the
    suppression budget (SUPPRESSION_BUDGET of the records, at least k − 1) in classes smaller
    than k. Those records are then left out, and counted."""
    counts = Counter(p.nationality for p in people if p.nationality)
    common = {code for code, n in counts.items() if n >= k}
    budget = max(k - 1, int(len(people) * SUPPRESSION_BUDGET))
    names = list(LADDERS)
    best = None
    for combination in product(*(range(len(LADDERS[name])) for name in names)):
        levels = dict(zip(names, combination, strict=True))
        small = _small([_quasi(p, levels, common) for p in people], k)
        if small > budget:
            continue
        loss = sum(level / (len(LADDERS[name]) - 1) for name, level in levels.items())
        candidate = (loss, small, combination)
        best = candidate if best is None or candidate < best else best
    levels = dict(zip(names, best[2], strict=True))  # the all-blank combination always qualifies
    quasi = [_quasi(p, levels, common) for p in people]
    sizes = Counter(quasi)
    rows = [
        [*q, "", *("1" if flag in _flags(p) else "" for flag in CTDC_FLAGS)]
        for p, q in zip(people, quasi, strict=True)
        if sizes[q] >= k
    ]
    steps = [f"{QUASI_NAMES[name]}: {LADDERS[name][level]}" for name, level in levels.items() if level]
    return Anonymised(rows=rows, k=k, records=len(people), suppressed=len(people) - len(rows), steps=steps)


def _flags(p: Person) -> set[str]:
    return {flag for form in p.forms for flag in CTDC_EXPLOITATION[form]}


def ctdc_csv(result: Anonymised) -> str:
    """The CTDC-style file (CountryOfExploitation is not recorded: always blank)."""
    return _csv(CTDC_COLUMNS, result.rows)
