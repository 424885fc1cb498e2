"""Import of records per spec/data-dictionary.md ("Import format", "Rules an import enforces").

Two passes over the files, in dependency order (victims before the services naming them…):
1. check every row of every file, keeping only the references seen (to check links between
   files and duplicates) — nothing is written, and a row is forgotten once checked;
2. if nothing was wrong, read the files again and write them in one transaction, in batches
   (bulk inserts with their history rows), resolving references to ids as it goes.
Every problem is reported as `file:row: column: message`; one problem anywhere writes nothing.
"""

import csv
import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django_countries import countries

from atip.audit import Action, audit
from atip.dates import EARLIEST
from atip.spreadsheets import unneutralise
from cases.models import Case, Suspect
from prevention.models import Activity
from prosecutions.models import Outcome, Prosecution
from records import formats as F
from records.bulk import Table
from records.sources import NotUtf8
from records.writers import WRITERS
from services.models import RepatriationStatus
from victims.models import IdentificationStatus, Victim

BATCH_SIZE = 2000
PROGRESS_EVERY = 10_000

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
INT_RE = re.compile(r"[+-]?\d+")
COUNTRY_CODES = frozenset(code for code, _name in countries)

# The model whose `reference` a file's own `reference` column (and links to that file) name.
MODELS = {
    "victims.csv": Victim,
    "cases.csv": Case,
    "suspects.csv": Suspect,
    "prosecutions.csv": Prosecution,
    "prevention.csv": Activity,
}
NOUNS = {
    "victims.csv": "victim",
    "cases.csv": "case",
    "suspects.csv": "suspect",
    "prosecutions.csv": "prosecution",
}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self):
        return f"{self.file}:{self.row}: {self.column}: {self.message}"


class ImportRejected(Exception):
    """Something was wrong: nothing was written. The problems went to `on_problem`."""

    def __init__(self, problems: int, files: int):
        super().__init__(f"{problems} problem(s) in {files} file(s): nothing was imported.")
        self.problems = problems


Err = Callable[[str, str], None]


@dataclass
class Links:
    """What pass 1 keeps: references seen per file, and whose case a suspect/prosecution is."""

    seen: dict[str, dict[str, int]] = field(default_factory=dict)  # file -> reference -> row
    in_database: dict[str, set[str]] = field(default_factory=dict)
    case_of: dict[str, dict[str, str]] = field(default_factory=dict)  # suspects/prosecutions
    unchecked: set[str] = field(default_factory=set)  # files whose references could not be read


class Importer:
    def __init__(
        self,
        source,
        *,
        on_problem: Callable[[Problem], None],
        on_progress: Callable[[str, str, int], None] | None = None,
    ):
        self.source = source
        self.on_problem = on_problem
        self.on_progress = on_progress or (lambda label, phase, count: None)
        self.problems = 0
        self.files_with_problems: set[str] = set()
        self.today = timezone.localdate()
        self.links = Links()
        self.ids: dict[str, dict[str, int]] = {}  # pass 2: file -> reference -> pk
        self.tables: dict = {}
        self.now = timezone.now()

    # --- the whole run ------------------------------------------------------------------------

    def run(self, *, dry_run: bool = False) -> dict[str, int]:
        """Check everything, then (unless `dry_run`) write everything. Rows per file present."""
        present = self.source.names()
        for name in sorted(present - set(F.BY_NAME)):
            known = ", ".join(self.source.label(f.name) for f in F.FORMATS)
            self.problem(self.source.label(name), 1, "-", f"unknown file (an import holds: {known})")
        counts = {}
        for fmt in F.FORMATS:
            if fmt.name in present:
                counts[fmt.name] = self._check_file(fmt)
        if self.problems:
            raise ImportRejected(self.problems, len(self.files_with_problems))
        if not dry_run:
            self.links = Links()  # pass 2 needs none of it: free it before ids accumulate
            with transaction.atomic():
                for fmt in F.FORMATS:
                    if fmt.name in present:
                        written = self._write_file(fmt)
                        assert written == counts[fmt.name], (fmt.name, written, counts[fmt.name])
                        audit(
                            action=Action.IMPORT,
                            user=None,
                            object_type=fmt.name,
                            detail=f"{written} rows imported",
                        )
        return counts

    def problem(self, label: str, row: int, column: str, message: str) -> None:
        self.problems += 1
        self.files_with_problems.add(label)
        self.on_problem(Problem(label, row, column, message))

    # --- reading rows -------------------------------------------------------------------------

    def _rows(self, fmt: F.FileFormat, phase: str) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, {column: text}) for each non-blank row; reports a wrong layout."""
        label = self.source.label(fmt.name)
        number = 0
        columns: list[tuple[int, str]] = []
        nameless: list[int] = []
        width = 0
        try:
            for number, cells in self.source.rows(fmt.name):
                if number == 1:
                    columns, nameless, width = self._header(fmt, label, cells)
                    continue
                joined = "".join(cells)
                if not joined.strip():
                    continue  # a blank line, or a formatted but empty spreadsheet row
                for index in nameless:
                    if index < len(cells) and cells[index].strip():
                        self.problem(
                            label, number, f"column {index + 1}", "a value under a column without a name"
                        )
                if len(cells) > width and "".join(cells[width:]).strip():
                    self.problem(
                        label, number, f"column {width + 1}", "a value beyond the last column of row 1"
                    )
                elif len(cells) < width:  # a spreadsheet row may stop at its last value
                    cells = cells + [""] * (width - len(cells))
                raw = {name: cells[index].strip() for index, name in columns}
                if "'" in joined:
                    for name, text in raw.items():
                        if text.startswith("'"):
                            raw[name] = unneutralise(text)
                if number % PROGRESS_EVERY == 0:
                    self.on_progress(label, phase, number - 1)
                yield number, raw
        except NotUtf8 as error:
            self.problem(
                label,
                number + 1,
                "-",
                f"the file is not UTF-8 ({error.detail}): save it as “CSV UTF-8” and import again",
            )
            self.links.unchecked.add(fmt.name)
        except csv.Error as error:  # a NUL byte, a cell of more than 128 KiB…
            self.problem(label, number + 1, "-", f"not a readable CSV file from here on ({error})")
            self.links.unchecked.add(fmt.name)

    def _header(self, fmt, label, cells) -> tuple[list[tuple[int, str]], list[int], int]:
        """The known columns as (index, name), the indexes of nameless columns, the width."""
        columns, nameless, seen = [], [], set()
        for index, cell in enumerate(cells):
            name = cell.strip()
            if not name:
                nameless.append(index)
            elif fmt.column(name) is None:
                allowed = ", ".join(fmt.column_names)
                self.problem(label, 1, name, f"unknown column (the columns of {fmt.name} are: {allowed})")
            elif name in seen:
                self.problem(label, 1, name, "the column appears twice")
            else:
                seen.add(name)
                columns.append((index, name))
        for column in fmt.columns:
            if column.required and column.name not in seen:
                self.problem(label, 1, column.name, "missing required column")
        if "reference" in fmt.column_names and "reference" not in seen:
            self.links.unchecked.add(fmt.name)  # links to this file cannot be checked
        return columns, nameless, len(cells)

    # --- pass 1: checking ---------------------------------------------------------------------

    def _check_file(self, fmt: F.FileFormat) -> int:
        label = self.source.label(fmt.name)
        self.links.seen.setdefault(fmt.name, {})
        count = 0
        for number, raw in self._rows(fmt, "checking"):
            count += 1

            def err(column, message, number=number):
                self.problem(label, number, column, message)

            values = self._parse(fmt, raw, err)
            RULES[fmt.name](self, values, raw, err)
            self._check_links(fmt, number, values, err)
        return count

    def _parse(self, fmt: F.FileFormat, raw: dict[str, str], err: Err) -> dict:
        """Each cell as a Python value (None when blank or wrong; sets as sorted lists)."""
        values = {}
        for column in fmt.columns:
            text = raw.get(column.name, "")
            if not text:
                if column.required and column.name in raw:
                    err(column.name, "required value is blank")
                values[column.name] = [] if column.kind in (F.CODES, F.LINKS) else None
            else:
                values[column.name] = PARSERS[column.kind](self, column, text, err)
        return values

    def _check_links(self, fmt: F.FileFormat, number: int, values: dict, err: Err) -> None:
        for column in fmt.columns:
            value = values[column.name]
            if not value:
                continue
            if column.kind == F.REFERENCE:
                seen = self.links.seen[fmt.name]
                if value in seen:
                    err(column.name, f"{value} appears twice in this file (first in row {seen[value]})")
                else:
                    seen[value] = number
                if value in self._in_database(fmt.name):
                    err(column.name, f"{value} already exists in the database")
            elif column.kind == F.LINK:
                self._check_link(column, value, err)
            elif column.kind == F.LINKS:
                for reference in value:
                    self._check_link(column, reference, err)

    def _check_link(self, column: F.Column, reference: str, err: Err) -> None:
        target = column.target
        if target in self.links.unchecked:
            return
        if reference not in self.links.seen.get(target, ()) and reference not in self._in_database(target):
            err(column.name, f"no {NOUNS[target]} with reference {reference} in {target} or in the database")

    def _in_database(self, name: str) -> set[str]:
        if name not in self.links.in_database:
            model = MODELS[name]
            self.links.in_database[name] = set(model.objects.values_list("reference", flat=True))
        return self.links.in_database[name]

    def _case_of(self, name: str) -> dict[str, str]:
        """reference -> case reference of the suspects or prosecutions in the database and files."""
        if name not in self.links.case_of:
            model = MODELS[name]
            self.links.case_of[name] = dict(model.objects.values_list("reference", "case__reference"))
        return self.links.case_of[name]

    # --- pass 2: writing ----------------------------------------------------------------------

    def _write_file(self, fmt: F.FileFormat) -> int:
        label = self.source.label(fmt.name)
        writer = WRITERS[fmt.name]
        batch, count = [], 0

        def ignore(column, message):  # pass 1 found nothing wrong
            raise AssertionError(f"{label}: {column}: {message}")

        for number, raw in self._rows(fmt, "importing"):
            batch.append(self._parse(fmt, raw, ignore))
            if len(batch) >= BATCH_SIZE:
                count += writer(self, batch)
                batch = []
                self.on_progress(label, "importing", number - 1)
        if batch:
            count += writer(self, batch)
        return count

    def table(self, model) -> Table:
        if model not in self.tables:
            self.tables[model] = Table(model, now=self.now)
        return self.tables[model]

    def resolve(self, name: str, references) -> dict[str, int]:
        """reference -> pk for the rows of file `name` written by this import, or in the database."""
        ids = self.ids.setdefault(name, {})
        missing = {r for r in references if r not in ids}
        if missing:
            model = MODELS[name]
            missing = list(missing)
            for start in range(0, len(missing), 500):  # SQLite's limit on query parameters
                chunk = missing[start : start + 500]
                ids.update(model.objects.filter(reference__in=chunk).values_list("reference", "pk"))
        return ids

    def remember(self, name: str, rows: list[dict], pks: list[int]) -> None:
        self.ids.setdefault(name, {}).update(zip((row["reference"] for row in rows), pks, strict=True))


# --- cell parsers ----------------------------------------------------------------------------


def _text(importer, column, text, err):
    if column.max_length and len(text) > column.max_length:
        err(column.name, f"longer than {column.max_length} characters ({len(text)})")
        return None
    return text


def _allowed(column) -> str:
    return ", ".join(column.choices.values)


# TextChoices.values builds a new list on every call: once per code list is enough.
CODE_SETS = {
    column.choices: frozenset(column.choices.values)
    for f in F.FORMATS
    for column in f.columns
    if column.choices
}


def _code(importer, column, text, err):
    if text not in CODE_SETS[column.choices]:
        err(column.name, f"unknown code “{text}” (allowed: {_allowed(column)})")
        return None
    return text


def _codes(importer, column, text, err):
    codes = {code.strip() for code in text.split(F.SET_SEPARATOR)} - {""}
    unknown = sorted(codes - CODE_SETS[column.choices])
    if unknown:
        err(column.name, f"unknown code “{'”, “'.join(unknown)}” (allowed: {_allowed(column)})")
        return []
    return sorted(codes)


def _date(importer, column, text, err):
    if not DATE_RE.fullmatch(text):
        err(column.name, f"“{text}” is not a date written YYYY-MM-DD")
        return None
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        err(column.name, f"{text} is not a real date")
        return None
    if day > importer.today and not column.may_be_future:
        err(column.name, f"{text} is in the future")
        return None
    if day < EARLIEST:
        err(column.name, f"{text} is before 1900: check the year")
        return None
    return day


def _int(importer, column, text, err):
    if not INT_RE.fullmatch(text):
        err(column.name, f"“{text}” is not a whole number")
        return None
    number = int(text)
    if column.maximum != F.INT_MAX and not column.minimum <= number <= column.maximum:
        err(column.name, f"{number} is outside {column.minimum}–{column.maximum}")
        return None
    if number < 0:
        err(column.name, f"{number} is negative: counts and months cannot be negative")
        return None
    if number > column.maximum:
        err(column.name, f"{number} is too large")
        return None
    return number


def _country(importer, column, text, err):
    if text not in COUNTRY_CODES:
        err(column.name, f"unknown country code “{text}” (ISO 3166-1 alpha-2 in upper case, e.g. GT)")
        return None
    return text


def _reference(importer, column, text, err):
    if len(text) > 32:
        err(column.name, f"longer than 32 characters ({len(text)})")
        return None
    if F.SET_SEPARATOR in text:
        err(column.name, f"a reference cannot contain “{F.SET_SEPARATOR}”")
        return None
    return text


def _link(importer, column, text, err):
    return text


def _links(importer, column, text, err):
    return sorted({ref.strip() for ref in text.split(F.SET_SEPARATOR)} - {""})


PARSERS = {
    F.TEXT: _text,
    F.CODE: _code,
    F.CODES: _codes,
    F.DATE: _date,
    F.INT: _int,
    F.COUNTRY: _country,
    F.REFERENCE: _reference,
    F.LINK: _link,
    F.LINKS: _links,
}


# --- rules between the cells of one row (and, for charges, between files) -------------------


def _victim_rules(importer, v, raw, err):
    identified = v["identification_status"] == IdentificationStatus.IDENTIFIED
    if identified and not raw.get("identification_date"):
        err("identification_date", "required when identification_status is identified")
    if v["identification_status"] and not identified:
        for column in ("identification_date", "identified_by"):
            if raw.get(column):
                err(
                    column,
                    f"only recorded for identified persons (identification_status is "
                    f"{v['identification_status']})",
                )
    born = v["date_of_birth"]
    if born and v["identification_date"] and v["identification_date"] < born:
        err("identification_date", f"{v['identification_date']} is before date_of_birth {born}")
    if born and v["registered_on"] and v["registered_on"] < born:
        err("registered_on", f"{v['registered_on']} is before date_of_birth {born}")


def _service_rules(importer, v, raw, err):
    if v["start_date"] and v["end_date"] and v["end_date"] < v["start_date"]:
        err("end_date", f"{v['end_date']} is before start_date {v['start_date']}")


def _repatriation_rules(importer, v, raw, err):
    if v["destination_country"] == "BZ":
        err(
            "destination_country",
            "BZ: a repatriation returns a foreign victim from Belize, so its destination is another country",
        )
    if v["status"] == RepatriationStatus.COMPLETED and not raw.get("return_date"):
        err("return_date", "required when status is completed")
    returned = v["return_date"]
    if returned and returned > importer.today and v["status"] != RepatriationStatus.PLANNED:
        err("return_date", f"{returned} is in the future (only a planned return can be)")


def _no_rules(importer, v, raw, err):
    pass


def _suspect_rules(importer, v, raw, err):
    if v["reference"] and v["case_reference"]:  # for the charges' check
        importer._case_of("suspects.csv")[v["reference"]] = v["case_reference"]


def _prosecution_rules(importer, v, raw, err):
    if v["reference"] and v["case_reference"]:  # for the charges' check
        importer._case_of("prosecutions.csv")[v["reference"]] = v["case_reference"]


def _charge_rules(importer, v, raw, err):
    if v["outcome"] and v["outcome"] != Outcome.PENDING and not raw.get("verdict_date"):
        err("verdict_date", f"required unless outcome is pending (outcome is {v['outcome']})")
    prosecution, suspect = v["prosecution_reference"], v["suspect_reference"]
    if prosecution and suspect:
        case = importer._case_of("prosecutions.csv").get(prosecution)
        suspects_case = importer._case_of("suspects.csv").get(suspect)
        if case and suspects_case and case != suspects_case:
            err(
                "suspect_reference",
                f"suspect {suspect} belongs to case {suspects_case}, but prosecution {prosecution} "
                f"is of case {case}",
            )


RULES = {
    "victims.csv": _victim_rules,
    "services.csv": _service_rules,
    "repatriations.csv": _repatriation_rules,
    "cases.csv": _no_rules,
    "suspects.csv": _suspect_rules,
    "prosecutions.csv": _prosecution_rules,
    "charges.csv": _charge_rules,
    "prevention.csv": _no_rules,
}
