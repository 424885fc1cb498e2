"""The factsheet's sections and tables, built from annual_report()'s dict.

Every count in a table is a cell id (`Ref`) into one map of the whole report, so that a figure
shown in two tables (the total of a sex × age table is `identified_total`) is the same cell, and
the public edition suppresses it the same way everywhere. The page, the factsheet, the CSV and
the XLSX all render these tables; none of them holds a name, a date of birth or a person's
reference. A layout is built once per report and edition; the page also gives it the year
before, whose counts it keeps under the same cell ids.
"""

import operator
from dataclasses import dataclass, field
from functools import reduce

from django_countries import countries

from atip.codes import HOME_COUNTRY, Exploitation, Sex
from prevention.models import Audience
from reports.statistics import MULTIPLE, NOT_SPECIFIED, UNKNOWN
from reports.suppression import Group, suppress
from services.models import ServiceType
from victims.models import AgeGroup

TOTAL = "total"
UNSUPPRESSED_PREFIXES = ("prevention.",)
COUNTRY_MAPS = ("identified_by_nationality", "repatriated_by_country")  # only non-zero countries


def edition(public: bool) -> str:
    """The edition's name, in the files' rows and in the audit log."""
    return "public" if public else "internal"


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
    year: int
    public: bool  # the public edition: suppressed counts, no activity reference
    sections: list[Section]
    values: dict[str, int]  # cell id -> exact count
    groups: list[Group]  # additive groups, for suppression
    previous: dict[str, int]  # cell id -> exact count of the year before (when given to build)

    @property
    def edition(self) -> str:
        return edition(self.public)

    def display(self) -> dict[str, int | str]:
        """Cell id -> what is shown: the exact count, or the public edition's suppressed one.

        Prevention counts activities and trainees, which reveal no victim: never suppressed."""
        if not self.public:
            return dict(self.values)
        persons = {c: v for c, v in self.values.items() if not c.startswith(UNSUPPRESSED_PREFIXES)}
        return self.values | suppress(persons, self.groups)


def country_name(code: str) -> str:
    return "Unknown" if code == UNKNOWN else f"{countries.name(code) or code} ({code})"


def _figure(report: dict, path: tuple[str, ...]) -> int:
    """The count at `path` in a report (a country missing from a country map counts 0)."""
    *outer, last = path
    counts = reduce(operator.getitem, outer, report)
    return counts.get(last, 0) if outer[-1] in COUNTRY_MAPS else counts[last]


class _Cells:
    """The counts of a report by cell id (and of the year before, when given) and the additive
    groups among them, filled while the tables are built."""

    def __init__(self, report: dict, previous: dict | None):
        self.values: dict[str, int] = {}
        self.previous: dict[str, int] = {}
        self._sources = [(report, self.values)]
        if previous is not None:
            self._sources.append((previous, self.previous))
        self.groups: list[Group] = []

    def count(self, cell_id: str, *path: str) -> Ref:
        """The cell of the figure at `path` of the report."""
        for report, values in self._sources:
            values[cell_id] = _figure(report, path)
        return Ref(cell_id)

    def total(self, cell_id: str, members: tuple[str, ...]) -> Ref:
        """A cell that is the sum of `members`."""
        for _, values in self._sources:
            values[cell_id] = sum(values[m] for m in members)
        return Ref(cell_id)

    def zero_unless_counted(self, cell_id: str) -> Ref:
        """A cell shown whether or not a row counted it (Belizean, nationality unknown): 0 if none."""
        for _, values in self._sources:
            values.setdefault(cell_id, 0)
        return Ref(cell_id)

    def group(self, members: tuple[str, ...], total: str) -> None:
        self.groups.append(Group(members, total))


def _sex_age(cells: _Cells, prefix: str, path: tuple[str, ...], total_id: str) -> list[list]:
    """Rows of the sex × age table at `path`, with row and column totals; the grand total is
    `total_id`."""
    rows = []
    for sex in Sex.values:
        members = tuple(
            cells.count(f"{prefix}.{sex}.{group}", *path, sex, group).id for group in AgeGroup.values
        )
        sex_total = cells.total(f"{prefix}.{sex}.{TOTAL}", members)
        cells.group(members, sex_total.id)
        rows.append([Sex(sex).label, *(Ref(m) for m in members), sex_total])
    for group in AgeGroup.values:
        members = tuple(f"{prefix}.{sex}.{group}" for sex in Sex.values)
        cells.group(members, cells.total(f"{prefix}.{TOTAL}.{group}", members).id)
    cells.group(tuple(f"{prefix}.{TOTAL}.{g}" for g in AgeGroup.values), total_id)
    cells.group(tuple(f"{prefix}.{sex}.{TOTAL}" for sex in Sex.values), total_id)
    rows.append(["Total", *(Ref(f"{prefix}.{TOTAL}.{g}") for g in AgeGroup.values), Ref(total_id)])
    return rows


def _sorted_codes(*maps: dict) -> list[str]:
    """Codes of the country maps of this and the previous year, largest first."""
    codes = {code for m in maps for code in m}
    return sorted(codes, key=lambda c: (c == UNKNOWN, -maps[0].get(c, 0), c))


def build(report: dict, *, previous: dict | None = None, public: bool = False) -> Layout:
    """The sections of `report` in the public or internal edition. With `previous` (the year
    before), the layout also holds its counts, and country tables list its countries too."""
    cells = _Cells(report, previous)
    count = cells.count
    earlier = previous or report

    # Identification ---------------------------------------------------------------------------
    ident = report["identification"]
    total = count("identification.identified_total", "identification", "identified_total")
    figures = Table(
        "identification_figures",
        "Victims identified and presumed",
        ["Figure", "Persons"],
        [
            ["Officially identified victims", total],
            [
                "Presumed victims registered",
                count("identification.presumed_total", "identification", "presumed_total"),
            ],
        ],
    )
    sex_age = Table(
        "identified_by_sex_age",
        "Identified victims by sex and age (age on the identification date)",
        ["Sex", *AgeGroup.labels, "Total"],
        _sex_age(cells, "identification.sex_age", ("identification", "identified_by_sex_age"), total.id),
        chart="stacked",
    )
    codes = _sorted_codes(
        ident["identified_by_nationality"], earlier["identification"]["identified_by_nationality"]
    )
    nat_rows = [
        [
            country_name(c),
            count(f"identification.nationality.{c}", "identification", "identified_by_nationality", c),
        ]
        for c in codes
    ]
    cells.group(tuple(r[1].id for r in nat_rows), total.id)
    nationality_table = Table(
        "identified_by_nationality",
        "Identified victims by nationality",
        ["Nationality", "Persons"],
        nat_rows,
        "bars",
    )
    national = cells.zero_unless_counted(f"identification.nationality.{HOME_COUNTRY}")
    unknown = cells.zero_unless_counted(f"identification.nationality.{UNKNOWN}")
    foreign = count("identification.identified_foreign", "identification", "identified_foreign")
    foreign_members = tuple(r[1].id for r in nat_rows if r[1].id not in (national.id, unknown.id))
    cells.group(foreign_members, foreign.id)
    cells.group((national.id, foreign.id, unknown.id), total.id)
    origin = Table(
        "identified_national_foreign",
        "Identified victims: national and foreign",
        ["Origin", "Persons"],
        [["Belizean", national], ["Foreign", foreign], ["Nationality unknown", unknown]],
    )
    form_rows = [
        [
            label,
            count(
                f"identification.exploitation.{code}", "identification", "identified_by_exploitation", code
            ),
        ]
        for code, label in [
            *Exploitation.choices,
            (NOT_SPECIFIED, "Not specified"),
            (MULTIPLE, "Two or more forms"),
        ]
    ]
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
    assisted = count("assistance.assisted_total", "assistance", "assisted_total")
    new = count("assistance.assisted_new", "assistance", "assisted_new")
    continuing = count("assistance.assisted_continuing", "assistance", "assisted_continuing")
    cells.group((new.id, continuing.id), assisted.id)
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
        _sex_age(cells, "assistance.sex_age", ("assistance", "assisted_by_sex_age"), assisted.id),
        chart="stacked",
    )
    service_rows = [
        [label, count(f"assistance.service.{code}", "assistance", "assisted_by_service", code)]
        for code, label in ServiceType.choices
    ]
    services_table = Table(
        "assisted_by_service",
        "Assisted victims by service received",
        ["Service", "Persons"],
        service_rows,
        "bars",
        note="A victim who received several services counts under each.",
    )
    accommodation_rows = [
        [ServiceType(code).label, Ref(f"assistance.service.{code}")]
        for code in ("shelter", "independent_living", "foster_care")
    ]
    accommodation_rows.append(
        ["No accommodation", count("assistance.accommodation.none", "assistance", "accommodation", "none")]
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
        [[label, count(f"prosecution.{key}", "prosecution", key)] for key, label in labels.items()],
    )
    conviction_rows = [
        [
            label,
            count(f"prosecution.convictions.{code}", "prosecution", "convictions_by_exploitation", code),
        ]
        for code, label in [*Exploitation.choices, (NOT_SPECIFIED, "Not specified")]
    ]
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
    repatriated = count("repatriation.repatriated_total", "repatriation", "repatriated_total")
    country_codes = _sorted_codes(
        report["repatriation"]["repatriated_by_country"], earlier["repatriation"]["repatriated_by_country"]
    )
    country_rows = [
        [country_name(c), count(f"repatriation.country.{c}", "repatriation", "repatriated_by_country", c)]
        for c in country_codes
    ]
    cells.group(tuple(r[1].id for r in country_rows), repatriated.id)
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
    activities = report["prevention"]
    prevention_figures = Table(
        "prevention_figures",
        "Prevention",
        ["Figure", "Number"],
        [
            ["Trainings", count("prevention.trainings", "prevention", "trainings")],
            ["People trained", count("prevention.people_trained", "prevention", "people_trained")],
            [
                "Indirect activities (research, policy, coordination)",
                count("prevention.indirect_activities", "prevention", "indirect_activities"),
            ],
        ],
        note="No indirect activity recorded means “no data”."
        if not activities["indirect_activities"]
        else "",
    )
    audience_table = Table(
        "trained_by_audience",
        "People trained by audience",
        ["Audience", "People"],
        [
            [label, count(f"prevention.audience.{code}", "prevention", "trained_by_audience", code)]
            for code, label in Audience.choices
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
        for c in activities["campaigns"]
    ]
    if not public:  # activity references are internal
        campaign_columns = ["Reference", *campaign_columns]
        campaign_rows = [
            [c["reference"], *row] for c, row in zip(activities["campaigns"], campaign_rows, strict=True)
        ]
    campaigns = Table("campaigns", "Campaigns", campaign_columns, campaign_rows)
    prevention = Section("prevention", "Prevention", [prevention_figures, audience_table, campaigns])

    return Layout(
        year=report["year"],
        public=public,
        sections=[identification, assistance, prosecution, repatriation, prevention],
        values=cells.values,
        groups=cells.groups,
        previous=cells.previous,
    )


def rendered_rows(table: Table, display: dict) -> list[list]:
    """The table's rows with every Ref replaced by what `display` shows for it."""
    return [[display[c.id] if isinstance(c, Ref) else c for c in row] for row in table.rows]
