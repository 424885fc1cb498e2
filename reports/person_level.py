"""De-identified person-level files for the secretary (docs/person-level-exports.md) of the victims
of all years (not those screened out as `not_victim`), in the field names of

- the IOM Human Trafficking Case Data Standard 2.0 (HTCDS, "HTCDS Field Standards 2.0"): one row
  per person per case they are listed in (one row for a person in no case), the person and the
  case named by pseudonyms that hold in one file only (Pseudonyms), and
- the CTDC global synthetic dataset's codebook, one row per person, made k-anonymous over year of
  registration, gender, age band, citizenship and country of exploitation by generalising, then
  suppressing (k = 11 by default, as CTDC).

No name, date of birth, reference, date or free text is ever read into a row: the date of birth
is used only to compute the age band, a record's key only to make its pseudonym. Rows are sorted
by their values, never by record order.
"""

import csv
import hashlib
import hmac
import io
import secrets
from collections import Counter
from dataclasses import dataclass, field
from itertools import product

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from atip.codes import HOME_COUNTRY, Exploitation, Sex
from atip.spreadsheets import neutralise
from cases.models import Case, CaseStatus, CaseVictim
from reports.counting import counted_victims
from reports.statistics import VictimForms
from victims.ages import ADULT_AGE, age_on
from victims.models import IdentificationStatus, IdentifiedBy
from victims.selectors import in_care_q
from victims.trafficking import TRAFFICKING_FIELDS, ControlMethod, LabourIndustry, SexExploitationType

DEFAULT_K = 11
SUPPRESSION_BUDGET = 0.10  # of the records, left out rather than generalising further
BOM = "\ufeff"
# CTDC's ageBroad bands (age in years on the registration date).
AGE_BANDS = [(0, "0--8"), (9, "9--17"), (18, "18--20"), (21, "21--23"), (24, "24--26"), (27, "27--29")]
AGE_BANDS += [(30, "30--38"), (39, "39--47"), (48, "48+")]

# --- HTCDS 2.0: our code lists onto the standard's picklist values ---------------------------
# The standard's checkbox fields of "Field Definitions.md" (Methods Of Control) from our codes
# (the picklist's): MethodsOfControlRestrictsMovement and …UsesChildren have no code of ours.
CONTROL_FLAGS = {
    ControlMethod.PHYSICAL_THREATS: "MethodsOfControlThreats",
    ControlMethod.THREATS_LAW_ENFORCEMENT: "MethodsOfControlThreatOfLawEnforcement",
    ControlMethod.DEBT_BONDAGE: "MethodsOfControlDebtBondage",
    ControlMethod.FALSE_PROMISES: "MethodsOfControlFalsePromises",
    ControlMethod.PHYSICAL_ABUSE: "MethodsOfControlPhysicalAbuse",
    ControlMethod.SEXUAL_ABUSE: "MethodsOfControlSexualAbuse",
    ControlMethod.TAKES_EARNINGS: "MethodsOfControlTakesEarnings",
    ControlMethod.RESTRICTS_FINANCIAL_ACCESS: "MethodsOfControlRestrictsFinancialAccess",
    ControlMethod.RESTRICTS_MEDICAL_CARE: "MethodsOfControlRestrictsMedicalCare",
    ControlMethod.WITHHOLDS_NECESSITIES: "MethodsOfControlWithholdsNecessities",
    ControlMethod.PSYCHOLOGICAL_ABUSE: "MethodsOfControlPsychologicalAbuse",
    ControlMethod.PSYCHOACTIVE_SUBSTANCE: "MethodsOfControlPsychoactiveSubstances",
    ControlMethod.EXCESSIVE_WORKING_HOURS: "MethodsOfControlExcessiveWorkingHours",
    ControlMethod.WITHHOLDS_DOCUMENTS: "MethodsOfControlWithholdsDocuments",
    ControlMethod.OTHER: "MethodsOfControlOther",
}
# ThreatensChildrenFamily is a threat: it sets MethodsOfControlThreats too.
CONTROL_FLAG_ALSO = {ControlMethod.THREATENS_CHILDREN_FAMILY: "MethodsOfControlThreats"}
# The identifiers of the standard's tables (its Salesforce model's `Id` of a Contact and of a
# Case; not in its field list): pseudonyms, the same for a record throughout one file only.
HTCDS_IDS = ["prs_Id", "cas_Id"]
HTCDS_COLUMNS = [
    *HTCDS_IDS,
    "prs_Gender",
    "prs_Citizenship",
    "vic_AgeWhenTrafficked",
    "vic_TraffickingStatus",
    "vic_TraffickingStatusDecisionMakingOrg",
    "vic_TypeOfExploitation",
    "cas_Status",
    "vic_TypeOfSexExploitation",
    "vic_ForcedLabourIndustry",
    "vic_MethodsOfControl",
    "vic_MethodOfRecruitment",
    "vic_RelationshipToTrafficker",
    # The exploitation event (the standard's hte_ table), one per person.
    "hte_Type",
    "hte_Country",
    "hte_State",
    *CONTROL_FLAGS.values(),
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
# A police case's status as the standard's cas_Status (ClosedReferred and FollowUp: never).
HTCDS_CASE_STATUS = {
    CaseStatus.REPORTED: "Active",
    CaseStatus.INVESTIGATING: "Active",
    CaseStatus.PROSECUTION: "Active",
    CaseStatus.CLOSED: "Closed",
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
# CTDC's sector columns from the standard's industry (ISIC section) and types of sexual exploitation.
CTDC_LABOUR = {
    LabourIndustry.A: "typeOfLabourAgriculture",
    LabourIndustry.F: "typeOfLabourConstruction",
    LabourIndustry.T: "typeOfLabourDomesticWork",
    LabourIndustry.I: "typeOfLabourHospitality",
}
CTDC_SEX = {
    SexExploitationType.PROSTITUTION: "typeOfSexProstitution",
    SexExploitationType.PORNOGRAPHY: "typeOfSexPornography",
    SexExploitationType.REMOTE_INTERACTIVE: "typeOfSexOther",
    SexExploitationType.PRIVATE_SEXUAL: "typeOfSexOther",
}
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


def pseudonym_key() -> bytes:
    """A key drawn for one file, kept nowhere (tests replace it to pin a file)."""
    return secrets.token_bytes(32)


class Pseudonyms:
    """Identifiers that stand for records in one file: an HMAC-SHA256 of the record's kind and
    key under a key drawn for the file and then forgotten. The same record has the same pseudonym
    on every row of the file; in another file (another key) it has another, and nobody, the
    Council included, can tell a record from its pseudonym."""

    LENGTH = 16  # hexadecimal digits: 64 bits, no two alike among millions of records

    def __init__(self):
        self.key = pseudonym_key()

    def __call__(self, kind: str, pk: int) -> str:
        return hmac.new(self.key, f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()[: self.LENGTH]


@dataclass(frozen=True)
class CaseOfPerson:
    """What the HTCDS file may say of one case a victim is listed in; nothing else is read."""

    key: str  # its pseudonym
    status: str  # cases.models.CaseStatus
    forms: tuple[str, ...]  # the case's forms of exploitation


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
    in_care: bool  # today (victims.selectors.in_care_q): a service covers the day of the export
    facts: dict = field(default_factory=dict)  # victims.trafficking's fields, by name
    key: str = ""  # the person's pseudonym (HTCDS prs_Id)
    cases: tuple[CaseOfPerson, ...] = ()  # the cases the person is listed in (persons(cases=True))


def _age(birth, estimate, registered) -> int | None:
    """The age on the registration date (victims.ages, as every age of the application)."""
    return age_on(registered, born=birth, estimate=estimate, registered=registered)


def persons(*, cases: bool = True) -> list[Person]:
    """Every counted victim (three queries: the victims, their HTCDS facts, their forms), with the
    cases each is listed in (two more: the links and their cases' status, the cases' forms) unless
    `cases` is False (the CTDC file has a row per person and no case)."""
    pseudonym = Pseudonyms()
    of_person = _cases_of_persons(pseudonym) if cases else {}
    victims = counted_victims().annotate(in_care=in_care_q())
    forms: dict[int, list[str]] = {}
    pairs = VictimForms.objects.filter(victim__in=counted_victims().values("pk")).values_list(
        "victim_id", "exploitationform_id"
    )
    for victim_id, form in pairs.order_by("exploitationform_id"):
        forms.setdefault(victim_id, []).append(form)
    facts = {row.pop("pk"): row for row in victims.values("pk", *TRAFFICKING_FIELDS).order_by()}
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
            facts=facts[pk],
            key=pseudonym("victim", pk),
            cases=tuple(sorted(of_person.get(pk, ()), key=lambda case: case.key)),
        )
        for pk, registered, sex, birth, estimate, nationality, status, identified_by, archived, in_care in (
            rows
        )
    ]


def _cases_of_persons(pseudonym: Pseudonyms) -> dict[int, list[CaseOfPerson]]:
    """victim pk -> the cases the counted victim is listed in, by its own record or by a record
    marked as its duplicate (the same person: counted once, through the original); two queries."""
    counted = counted_victims().values("pk")
    links = CaseVictim.objects.filter(Q(victim__in=counted) | Q(victim__duplicate_of__in=counted))
    forms: dict[int, list[str]] = {}
    pairs = Case.exploitation_forms.through.objects.filter(case__in=links.values("case_id"))
    for case_id, form in pairs.values_list("case_id", "exploitationform_id").order_by("exploitationform_id"):
        forms.setdefault(case_id, []).append(form)
    person = Coalesce("victim__duplicate_of_id", "victim_id")
    listed = links.annotate(person=person).values_list("person", "case_id", "case__status").order_by()
    cases: dict[int, list[CaseOfPerson]] = {}
    for victim_id, case_id, status in listed.distinct():
        case_forms = tuple(forms.get(case_id, ()))
        case = CaseOfPerson(key=pseudonym("case", case_id), status=status, forms=case_forms)
        cases.setdefault(victim_id, []).append(case)
    return cases


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


def htcds_rows(p: Person) -> list[list[str]]:
    """A row per case the person is listed in; one row, with no case, for a person in none."""
    return [htcds_row(p, case) for case in p.cases] or [htcds_row(p)]


def htcds_row(p: Person, case: CaseOfPerson | None = None) -> list[str]:
    """The person's row in `case`: the case's status and its forms of exploitation that are the
    person's (the person's own facts otherwise); without a case, the person's case with Human
    Services (archived, in care, or followed up)."""
    if case is None:
        status = "Closed" if p.closed else "Active" if p.in_care else "FollowUp"
    else:
        status = HTCDS_CASE_STATUS[case.status]
    forms = forms_in_case(p.forms, case.forms) if case else p.forms
    return [
        p.key,
        case.key if case else "",
        HTCDS_GENDER[p.sex],
        p.nationality,
        age_band(p.age),
        HTCDS_STATUS[p.status],
        HTCDS_DECIDED_BY.get(p.identified_by, "") if p.status == IdentificationStatus.IDENTIFIED else "",
        MULTI.join(sorted({HTCDS_EXPLOITATION[f] for f in forms})),
        status,
        *_htcds_facts(p.facts),
    ]


def forms_in_case(person: tuple[str, ...], case: tuple[str, ...]) -> tuple[str, ...]:
    """How the person was exploited in the case: the forms both record; when they share none,
    the person's (the facts recorded on the person), else the case's (when only it records any)."""
    both = tuple(form for form in person if form in case)
    return both or person or case


def _htcds_facts(facts: dict) -> list[str]:
    """The standard's fields of victims.trafficking, stored in its codes; the methods of control
    also as the standard's checkboxes (blank when none is recorded: not known)."""
    controls = set(facts["control_methods"])
    flags = {CONTROL_FLAGS[c] for c in controls if c in CONTROL_FLAGS}
    flags |= {CONTROL_FLAG_ALSO[c] for c in controls if c in CONTROL_FLAG_ALSO}
    country = facts["exploitation_country"] or ""
    return [
        MULTI.join(sorted(facts["sex_exploitation_types"])),
        facts["labour_industry"],
        MULTI.join(sorted(controls)),
        MULTI.join(sorted(facts["recruitment_methods"])),
        facts["recruiter_relationship"],
        "Exploitation" if country else "",
        country,
        facts["exploitation_district"] if country == HOME_COUNTRY else "",
        *(("true" if flag in flags else "false") if controls else "" for flag in CONTROL_FLAGS.values()),
    ]


def htcds_csv(people: list[Person]) -> str:
    """The HTCDS 2.0 file: one row per person per case (htcds_rows), exact (de-identified, not
    anonymous)."""
    return htcds_csv_of(htcds_table(people))


def htcds_table(people: list[Person]) -> list[list[str]]:
    """The HTCDS rows of `people`, in their order (htcds_csv_of sorts them)."""
    return [row for p in people for row in htcds_rows(p)]


def htcds_csv_of(rows: list[list[str]]) -> str:
    return _csv(HTCDS_COLUMNS, rows)


# --- k-anonymity for the CTDC file -----------------------------------------------------------

# Each quasi-identifier's ladder of generalisations, from exact to blank (suppressed value).
LADDERS = {
    "age": [_("band"), _("minor or adult"), _("blank")],
    "citizenship": [_("country"), _("countries with k records or more"), _("blank")],
    "gender": [_("gender"), _("blank")],
    "year": [_("year"), _("blank")],
    "exploitation": [_("country"), _("countries with k records or more"), _("blank")],
}
# The quasi-identifiers as the page names them.
QUASI_NAMES = {
    "age": _("age"),
    "citizenship": _("citizenship"),
    "gender": _("gender"),
    "year": _("year"),
    "exploitation": _("country of exploitation"),
}


@dataclass
class Anonymised:
    rows: list[list[str]]
    k: int
    records: int  # victims before suppression
    suppressed: int  # rows left out: their class stayed smaller than k
    steps: list[str] = field(default_factory=list)  # the generalisations applied, in order


def _exploited_in(p: Person) -> str:
    return p.facts.get("exploitation_country") or ""


def _quasi(p: Person, levels: dict[str, int], common: dict[str, set[str]]) -> tuple[str, ...]:
    year = str(p.year) if levels["year"] == 0 else ""
    gender = CTDC_GENDER[p.sex] if levels["gender"] == 0 else ""
    band = age_band(p.age) if levels["age"] == 0 else ""
    majority = "" if p.age is None or levels["age"] == 2 else "Minor" if p.age < ADULT_AGE else "Adult"
    citizenship = _ladder(p.nationality, levels["citizenship"], common["citizenship"])
    exploitation = _ladder(_exploited_in(p), levels["exploitation"], common["exploitation"])
    return year, gender, band, majority, citizenship, exploitation


def _ladder(country: str, level: int, common: set[str]) -> str:
    """A country, the country only when k records or more have it, or blank."""
    return {0: country, 1: country if country in common else "", 2: ""}[level]


def _small(keys: list[tuple], k: int) -> int:
    """How many records are in classes smaller than k."""
    return sum(n for n in Counter(keys).values() if n < k)


def anonymise(people: list[Person], k: int = DEFAULT_K) -> Anonymised:
    """CTDC rows in which every combination of the quasi-identifiers is shared by k rows or more.

    Full-domain generalisation, chosen among every combination of the ladders' levels (108): the
    one that loses least (each quasi-identifier's level over its ladder's length, summed; ties:
    fewer records left out, then the ladders' order) among those that leave at most the
    suppression budget (SUPPRESSION_BUDGET of the records, at least k − 1) in classes smaller
    than k. Those records are then left out, and counted."""
    common = {
        "citizenship": _common([p.nationality for p in people], k),
        "exploitation": _common([_exploited_in(p) for p in people], k),
    }
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
        [*q, *("1" if flag in _flags(p) else "" for flag in CTDC_FLAGS)]
        for p, q in zip(people, quasi, strict=True)
        if sizes[q] >= k
    ]
    steps = [f"{QUASI_NAMES[name]}: {LADDERS[name][level]}" for name, level in levels.items() if level]
    return Anonymised(rows=rows, k=k, records=len(people), suppressed=len(people) - len(rows), steps=steps)


def _common(codes: list[str], k: int) -> set[str]:
    """The countries that k records or more have."""
    return {code for code, n in Counter(c for c in codes if c).items() if n >= k}


def _flags(p: Person) -> set[str]:
    """CTDC's exploitation and sector columns: from the forms, the industry and the types of
    sexual exploitation (an industry outside CTDC's four: typeOfLabourOther)."""
    flags = {flag for form in p.forms for flag in CTDC_EXPLOITATION[form]}
    if p.facts.get("labour_industry"):
        flags.add(CTDC_LABOUR.get(p.facts["labour_industry"], "typeOfLabourOther"))
    flags |= {CTDC_SEX[code] for code in p.facts.get("sex_exploitation_types", [])}
    return flags


def ctdc_csv(result: Anonymised) -> str:
    """The CTDC-style file, k-anonymous over its quasi-identifiers and CountryOfExploitation."""
    return _csv(CTDC_COLUMNS, result.rows)
