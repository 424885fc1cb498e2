"""The tables of the annual report as cells: what the page, the factsheet, the CSV and the XLSX
show (the tables themselves are built by reports.sections).

Every count in a table is a cell id (`Ref`) into one map of the whole report, so that a figure
shown in two tables (the total of a sex × age table is `identified_total`) is the same cell, and
the public edition suppresses it the same way everywhere. None of the tables holds a name, a date
of birth or a person's reference. A layout is built once per report and edition; the page also
gives it the year before, whose counts it keeps under the same cell ids.
"""

import operator
from dataclasses import dataclass, field
from functools import reduce

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_countries import countries

from reports.periods import Period
from reports.statistics import UNKNOWN
from reports.suppression import DEFAULT_THRESHOLD, Group, small_mark, suppress

TOTAL = "total"
# The cells that count persons who are victims: the only ones the public edition suppresses
# (docs/suppression.md). Cases, investigations, prosecutions, suspects prosecuted or convicted,
# sentences and prevention activities are published exactly.
VICTIM_PREFIXES = ("identification.", "assistance.", "repatriation.", "tip.victims.")
COUNTRY_MAPS = ("identified_by_nationality", "repatriated_by_country")  # only non-zero countries


def edition(public: bool) -> str:
    """The edition's name, in the files' rows and in the audit log."""
    return "public" if public else "internal"


def rule(public: bool, threshold: int) -> str:
    """The edition's rule, stated in a footnote of every file it makes (in the active language)."""
    if not public:
        return _("Internal edition: exact counts. Not for publication.")
    if threshold <= 1:
        return _("Public edition: every count is exact (no small-count suppression).")
    return _(
        "Public edition: counts of victims from 1 to %(largest)d are shown as %(mark)s, and * hides a "
        "count of victims from which a %(mark)s could be worked out with a total. Counts of cases, "
        "investigations, prosecutions, persons prosecuted or convicted, sentences and prevention "
        "activities are exact."
    ) % {"largest": threshold - 1, "mark": small_mark(threshold)}


def _text(value):
    """A label as text in the active language (a lazy translation is fixed when the table is
    built); anything else unchanged."""
    return str(value) if isinstance(value, Promise) else value


@dataclass(frozen=True)
class Ref:
    """A count in the report, by cell id."""

    id: str


@dataclass
class Table:
    """A table of the report. Its texts are in the language the report is built in: a layout is
    built for each page or file, under the language it is shown in."""

    key: str
    title: str
    columns: list[str]
    rows: list[list]  # [label, cell, …]; a cell is a Ref or a literal (text, date, None)
    chart: str = ""  # "bars" (one count per row) or "stacked" (several per row), or none
    note: str = ""
    totals: bool = False  # the last row is the total of the others

    def __post_init__(self):
        self.title, self.note = _text(self.title), _text(self.note)
        self.columns = [_text(c) for c in self.columns]
        self.rows = [[_text(c) for c in row] for row in self.rows]

    @property
    def counted_rows(self) -> list[list]:
        """The rows without the total row."""
        return self.rows[:-1] if self.totals else self.rows


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)

    def __post_init__(self):
        self.title = _text(self.title)


@dataclass
class Layout:
    year: int
    public: bool  # the public edition: suppressed counts of victims, no activity reference
    sections: list[Section]
    values: dict[str, int]  # cell id -> exact count
    groups: list[Group]  # additive groups, for suppression
    previous: dict[str, int]  # cell id -> exact count of the year before (when given to build)
    threshold: int = DEFAULT_THRESHOLD  # of the public edition: 1..threshold-1 shown as <threshold
    period: Period | None = None  # the TIP Report's year; None: the calendar year `year`

    @property
    def interval(self) -> str:
        """The files' "year" column: 2024, or 2024-04-01/2025-03-31 for a TIP Report year."""
        return self.period.interval if self.period else str(self.year)

    @property
    def period_label(self) -> str:
        return self.period.label() if self.period else str(self.year)

    @property
    def edition(self) -> str:
        return edition(self.public)

    @property
    def rule(self) -> str:
        return rule(self.public, self.threshold)

    def display(self) -> dict[str, int | str]:
        """Cell id -> what is shown: the exact count, or the public edition's suppressed one.

        Only counts of persons who are victims are suppressed (VICTIM_PREFIXES)."""
        if not self.public:
            return dict(self.values)
        victims = {c: v for c, v in self.values.items() if c.startswith(VICTIM_PREFIXES)}
        groups = [g for g in self.groups if all(c in victims for c in (*g.members, g.total))]
        return self.values | suppress(victims, groups, self.threshold)

    def labels(self) -> dict[str, str]:
        """Cell id -> where it is first shown, in words ("Table — row — column")."""
        named: dict[str, str] = {}
        for section in self.sections:
            for table in section.tables:
                for row in table.rows:
                    for column, cell in zip(table.columns[1:], row[1:], strict=True):
                        if isinstance(cell, Ref) and cell.id not in named:
                            named[cell.id] = f"{table.title} — {row[0]} ({column})"
        return named


def country_name(code: str) -> str:
    return _("Unknown") if code == UNKNOWN else f"{countries.name(code) or code} ({code})"


def _figure(report: dict, path: tuple[str, ...]) -> int:
    """The count at `path` in a report (a country missing from a country map counts 0)."""
    *outer, last = path
    counts = reduce(operator.getitem, outer, report)
    return counts.get(last, 0) if outer[-1] in COUNTRY_MAPS else counts[last]


class Cells:
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
        for _report, values in self._sources:
            values[cell_id] = sum(values[m] for m in members)
        return Ref(cell_id)

    def zero_unless_counted(self, cell_id: str) -> Ref:
        """A cell shown whether or not a row counted it (Belizean, nationality unknown): 0 if none."""
        for _report, values in self._sources:
            values.setdefault(cell_id, 0)
        return Ref(cell_id)

    def group(self, members: tuple[str, ...], total: str) -> None:
        self.groups.append(Group(members, total))


def rendered_rows(table: Table, display: dict) -> list[list]:
    """The table's rows with every Ref replaced by what `display` shows for it."""
    return [[display[c.id] if isinstance(c, Ref) else c for c in row] for row in table.rows]
