"""The factsheet's sections and tables, built from annual_report()'s dict.

Every count in a table is a cell id (`Ref`) into one map of the whole report, so that a figure
shown in two tables (the total of a sex × age table is `identified_total`) is the same cell, and
the public edition suppresses it the same way everywhere. The page, the factsheet, the CSV and
the XLSX all render these tables; none of them holds a name, a date of birth or a person's
reference.
"""

from dataclasses import dataclass, field

from django_countries import countries

from atip.codes import HOME_COUNTRY, Exploitation, Sex
from prevention.models import Audience
from reports.statistics import MULTIPLE, NOT_SPECIFIED, UNKNOWN, AgeGroup
from reports.suppression import Group, suppress
from services.models import ServiceType

TOTAL = "total"
UNSUPPRESSED_PREFIXES = ("prevention.",)


@dataclass(frozen=True)
class Ref:
    """A count in the report, by cell id."""

    id: str


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list]  # [label, cell, …]; a cell is a Ref or a literal (text, date, None)
    chart: str = ""  # "bars" (one count per row) or "stacked" (several per row), or none
    note: str = ""


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)


@dataclass
class Layout:
    sections: list[Section]
    values: dict[str, int]  # cell id -> exact count
    groups: list[Group]  # additive groups, for suppression

    def display(self, *, public: bool) -> dict[str, int | str]:
        """Cell id -> what is shown: the exact count, or the public edition's suppressed one.

        Prevention counts activities and trainees, which reveal no victim: never suppressed."""
        if not public:
            return dict(self.values)
        persons = {c: v for c, v in self.values.items() if not c.startswith(UNSUPPRESSED_PREFIXES)}
        return self.values | suppress(persons, self.groups)


def country_name(code: str) -> str:
    return "Unknown" if code == UNKNOWN else f"{countries.name(code) or code} ({code})"


def _sex_age(prefix: str, table: dict, total_id: str, values: dict, groups: list) -> list[list]:
    """Rows of a sex × age table with row and column totals; the grand total is `total_id`."""
    rows = []
    for sex in Sex.values:
        for group in AgeGroup.values:
            values[f"{prefix}.{sex}.{group}"] = table[sex][group]
        values[f"{prefix}.{sex}.{TOTAL}"] = sum(table[sex].values())
        members = tuple(f"{prefix}.{sex}.{group}" for group in AgeGroup.values)
        groups.append(Group(members, f"{prefix}.{sex}.{TOTAL}"))
        label = Sex(sex).label
        rows.append([label, *(Ref(m) for m in members), Ref(f"{prefix}.{sex}.{TOTAL}")])
    for group in AgeGroup.values:
        values[f"{prefix}.{TOTAL}.{group}"] = sum(table[sex][group] for sex in Sex.values)
        groups.append(
            Group(tuple(f"{prefix}.{sex}.{group}" for sex in Sex.values), f"{prefix}.{TOTAL}.{group}")
        )
    groups.append(Group(tuple(f"{prefix}.{TOTAL}.{g}" for g in AgeGroup.values), total_id))
    groups.append(Group(tuple(f"{prefix}.{sex}.{TOTAL}" for sex in Sex.values), total_id))
    rows.append(["Total", *(Ref(f"{prefix}.{TOTAL}.{g}") for g in AgeGroup.values), Ref(total_id)])
    return rows


def _sorted_codes(*maps: dict) -> list[str]:
    """Codes of the country maps of this and the previous year, largest first."""
    codes = {code for m in maps for code in m}
    return sorted(codes, key=lambda c: (c == UNKNOWN, -maps[0].get(c, 0), c))


def build(report: dict, *, previous: dict | None = None, public: bool = False) -> Layout:
    """The sections of `report`; rows of country tables also list `previous`'s countries."""
    values: dict[str, int] = {}
    groups: list[Group] = []
    prev = previous or report

    def count(cell_id: str, value: int) -> Ref:
        values[cell_id] = value
        return Ref(cell_id)

    # Identification ---------------------------------------------------------------------------
    ident = report["identification"]
    total = count("identification.identified_total", ident["identified_total"])
    figures = Table(
        "identification_figures",
        "Victims identified and presumed",
        ["Figure", "Persons"],
        [
            ["Officially identified victims", total],
            ["Presumed victims registered", count("identification.presumed_total", ident["presumed_total"])],
        ],
    )
    sex_age = Table(
        "identified_by_sex_age",
        "Identified victims by sex and age (age on the identification date)",
        ["Sex", *AgeGroup.labels, "Total"],
        _sex_age("identification.sex_age", ident["identified_by_sex_age"], total.id, values, groups),
        chart="stacked",
    )
    nationality = ident["identified_by_nationality"]
    codes = _sorted_codes(nationality, prev["identification"]["identified_by_nationality"])
    nat_rows = [
        [country_name(c), count(f"identification.nationality.{c}", nationality.get(c, 0))] for c in codes
    ]
    groups.append(Group(tuple(r[1].id for r in nat_rows), total.id))
    nationality_table = Table(
        "identified_by_nationality",
        "Identified victims by nationality",
        ["Nationality", "Persons"],
        nat_rows,
        "bars",
    )
    national_id = f"identification.nationality.{HOME_COUNTRY}"
    values.setdefault(national_id, 0)
    values.setdefault(f"identification.nationality.{UNKNOWN}", 0)
    foreign = count("identification.identified_foreign", ident["identified_foreign"])
    foreign_members = tuple(
        r[1].id for r in nat_rows if r[1].id not in (national_id, f"identification.nationality.{UNKNOWN}")
    )
    groups.append(Group(foreign_members, foreign.id))
    groups.append(Group((national_id, foreign.id, f"identification.nationality.{UNKNOWN}"), total.id))
    origin = Table(
        "identified_national_foreign",
        "Identified victims: national and foreign",
        ["Origin", "Persons"],
        [
            ["Belizean", Ref(national_id)],
            ["Foreign", foreign],
            ["Nationality unknown", Ref(f"identification.nationality.{UNKNOWN}")],
        ],
    )
    forms = ident["identified_by_exploitation"]
    form_rows = [
        [Exploitation(code).label, count(f"identification.exploitation.{code}", forms[code])]
        for code in Exploitation.values
    ]
    form_rows.append(
        ["Not specified", count(f"identification.exploitation.{NOT_SPECIFIED}", forms[NOT_SPECIFIED])]
    )
    form_rows.append(["Two or more forms", count(f"identification.exploitation.{MULTIPLE}", forms[MULTIPLE])])
    exploitation = Table(
        "identified_by_exploitation",
        "Identified victims by form of exploitation",
        ["Form of exploitation", "Persons"],
        form_rows,
        "bars",
        note="A victim of several forms counts under each of them (and under “two or more”).",
    )
    identification = Section(
        "identification", "Victim identification", [figures, sex_age, nationality_table, origin, exploitation]
    )

    # Assistance -------------------------------------------------------------------------------
    assist = report["assistance"]
    assisted = count("assistance.assisted_total", assist["assisted_total"])
    new = count("assistance.assisted_new", assist["assisted_new"])
    continuing = count("assistance.assisted_continuing", assist["assisted_continuing"])
    groups.append(Group((new.id, continuing.id), assisted.id))
    assisted_figures = Table(
        "assistance_figures",
        "Victims assisted",
        ["Figure", "Persons"],
        [
            ["Victims assisted in the year", assisted],
            ["of whom first assisted this year", new],
            ["of whom in care from previous years", continuing],
        ],
    )
    assisted_sex_age = Table(
        "assisted_by_sex_age",
        "Assisted victims by sex and age (age on their first day in care in the year)",
        ["Sex", *AgeGroup.labels, "Total"],
        _sex_age("assistance.sex_age", assist["assisted_by_sex_age"], assisted.id, values, groups),
        chart="stacked",
    )
    services = assist["assisted_by_service"]
    service_rows = [
        [ServiceType(code).label, count(f"assistance.service.{code}", services[code])]
        for code in ServiceType.values
    ]
    services_table = Table(
        "assisted_by_service",
        "Assisted victims by service received",
        ["Service", "Persons"],
        service_rows,
        "bars",
        note="A victim who received several services counts under each.",
    )
    accommodation = assist["accommodation"]
    accommodation_rows = [
        [ServiceType(code).label, Ref(f"assistance.service.{code}")]
        for code in ("shelter", "independent_living", "foster_care")
    ]
    accommodation_rows.append(
        ["No accommodation", count("assistance.accommodation.none", accommodation["none"])]
    )
    accommodation_table = Table(
        "accommodation",
        "Accommodation of assisted victims",
        ["Accommodation", "Persons"],
        accommodation_rows,
        "bars",
    )
    assistance = Section(
        "assistance",
        "Assisted victims",
        [assisted_figures, assisted_sex_age, services_table, accommodation_table],
    )

    # Prosecution ------------------------------------------------------------------------------
    pros = report["prosecution"]
    labels = {
        "cases_reported": "Cases reported",
        "investigations_opened": "Investigations opened",
        "prosecutions_initiated": "Prosecutions initiated",
        "persons_prosecuted": "Persons prosecuted",
        "persons_convicted": "Persons convicted",
        "persons_acquitted": "Persons acquitted",
    }
    pros_figures = Table(
        "prosecution_figures",
        "Prosecution and access to justice",
        ["Figure", "Number"],
        [[label, count(f"prosecution.{key}", pros[key])] for key, label in labels.items()],
    )
    convictions = pros["convictions_by_exploitation"]
    conviction_rows = [
        [Exploitation(code).label, count(f"prosecution.convictions.{code}", convictions[code])]
        for code in Exploitation.values
    ]
    conviction_rows.append(
        ["Not specified", count(f"prosecution.convictions.{NOT_SPECIFIED}", convictions[NOT_SPECIFIED])]
    )
    convictions_table = Table(
        "convictions_by_exploitation",
        "Persons convicted by form of exploitation",
        ["Form of exploitation", "Persons"],
        conviction_rows,
        "bars",
    )
    prosecution = Section(
        "prosecution", "Prosecution and access to justice", [pros_figures, convictions_table]
    )

    # Repatriation -----------------------------------------------------------------------------
    rep = report["repatriation"]
    repatriated = count("repatriation.repatriated_total", rep["repatriated_total"])
    by_country = rep["repatriated_by_country"]
    country_codes = _sorted_codes(by_country, prev["repatriation"]["repatriated_by_country"])
    country_rows = [
        [country_name(c), count(f"repatriation.country.{c}", by_country.get(c, 0))] for c in country_codes
    ]
    groups.append(Group(tuple(r[1].id for r in country_rows), repatriated.id))
    repatriation = Section(
        "repatriation",
        "Repatriation",
        [
            Table(
                "repatriation_figures",
                "Victims repatriated",
                ["Figure", "Persons"],
                [["Victims returned home", repatriated]],
            ),
            Table(
                "repatriated_by_country",
                "Victims repatriated by destination country",
                ["Destination", "Persons"],
                country_rows,
                "bars",
            ),
        ],
    )

    # Prevention: counts of activities and trainees, which reveal no victim: never suppressed.
    prev_section = report["prevention"]
    prevention_figures = Table(
        "prevention_figures",
        "Prevention",
        ["Figure", "Number"],
        [
            ["Trainings", count("prevention.trainings", prev_section["trainings"])],
            ["People trained", count("prevention.people_trained", prev_section["people_trained"])],
            [
                "Indirect activities (research, policy, coordination)",
                count("prevention.indirect_activities", prev_section["indirect_activities"]),
            ],
        ],
        note="No indirect activity recorded means “no data”."
        if not prev_section["indirect_activities"]
        else "",
    )
    audiences = prev_section["trained_by_audience"]
    audience_table = Table(
        "trained_by_audience",
        "People trained by audience",
        ["Audience", "People"],
        [
            [Audience(code).label, count(f"prevention.audience.{code}", audiences[code])]
            for code in Audience.values
        ],
        "bars",
    )
    campaign_columns = ["Date", "Title", "Audience", "Participants"]
    campaign_rows = [
        [
            c["date"],
            c["title"],
            Audience(c["audience"]).label if c["audience"] else None,
            c["participants"],
        ]
        for c in prev_section["campaigns"]
    ]
    if not public:  # activity references are internal
        campaign_columns = ["Reference", *campaign_columns]
        campaign_rows = [
            [c["reference"], *row] for c, row in zip(prev_section["campaigns"], campaign_rows, strict=True)
        ]
    campaigns = Table("campaigns", "Campaigns", campaign_columns, campaign_rows)
    prevention = Section("prevention", "Prevention", [prevention_figures, audience_table, campaigns])

    return Layout([identification, assistance, prosecution, repatriation, prevention], values, groups)


def rendered_rows(table: Table, display: dict) -> list[list]:
    """The table's rows with every Ref replaced by what `display` shows for it."""
    return [[display[c.id] if isinstance(c, Ref) else c for c in row] for row in table.rows]
