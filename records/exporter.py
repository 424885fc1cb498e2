"""Export of every record (archived ones too) in the import format of spec/data-dictionary.md.

Importing an export into an empty database gives the same records and the same statistics.
Rows are read from the database in chunks and written as they come (memory stays flat); each
file is ordered by references, so that two exports of the same records are identical files.
Text cells that a spreadsheet would run as a formula are neutralised (atip.spreadsheets); the
XLSX leaves out the control characters it cannot hold.
"""

import csv
import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import openpyxl

from atip.audit import Action, audit
from atip.spreadsheets import neutralise, xlsx_safe
from records import formats as F

CHUNK = 2000


class ExportError(Exception):
    """The export cannot be written where asked (nothing was written)."""


def _chunks(iterable: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


# Each file in the order of its references (or of its records' references), so that two exports
# of the same records are identical files.
ORDER = {
    "victims.csv": ["reference"],
    "services.csv": ["victim__reference", "start_date", "id"],
    "repatriations.csv": ["victim__reference", "return_date", "id"],
    "cases.csv": ["reference"],
    "suspects.csv": ["reference"],
    "prosecutions.csv": ["reference"],
    "charges.csv": ["prosecution__reference", "suspect__reference", "id"],
    "prevention.csv": ["reference"],
}


def _rows(fmt: F.FileFormat) -> Iterator[list]:
    """The values of each record of `fmt`, in its column order; sets as lists."""
    singles = [c for c in fmt.columns if not c.is_set]
    sets = [c for c in fmt.columns if c.is_set]
    records = (
        fmt.model.objects.order_by(*ORDER[fmt.name])
        .values_list("pk", *[c.path for c in singles])
        .iterator(chunk_size=CHUNK)
    )
    for chunk in _chunks(records):
        members = {c.name: _members(c, [row[0] for row in chunk]) for c in sets}
        for pk, *values in chunk:
            record = dict(zip((c.name for c in singles), values, strict=True))
            for name, of in members.items():
                record[name] = of.get(pk, [])
            yield [record[name] for name in fmt.column_names]


def _members(column: F.Column, pks) -> dict[int, list]:
    """pk -> the set of `column` (codes, or references of linked rows) of one chunk of records."""
    m2m = column.field
    own = m2m.m2m_field_name() + "_id"
    other = m2m.m2m_reverse_field_name()
    member = f"{other}__{F.REFERENCE_FIELD}" if column.kind == F.LINKS else f"{other}_id"
    members = defaultdict(list)
    rows = m2m.remote_field.through.objects.filter(**{f"{own}__in": pks}).values_list(own, member)
    for pk, value in rows.order_by(member):
        members[pk].append(value)
    return members


def cell(value):
    """A value as the import format writes it: ISO dates, `;`-joined sets, yes/no, safe text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return F.YesNo.YES.value if value else F.YesNo.NO.value
    if isinstance(value, int):
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return F.SET_SEPARATOR.join(value)
    return neutralise(str(value))


def records() -> Iterator[tuple[F.FileFormat, Iterator[list]]]:
    """(format, rows of cells) for each file, in the order of the data dictionary."""
    for fmt in F.FORMATS:
        yield fmt, ([cell(value) for value in row] for row in _rows(fmt))


def export_records(*, path: Path, file_format: str = "csv", user=None) -> dict[str, int]:
    """Write every record to `path` (a new folder of CSV files, or a new .xlsx); rows per file."""
    if file_format == "xlsx":
        counts = _write_xlsx(path)
    elif file_format == "csv":
        counts = _write_csv(path)
    else:
        raise ExportError(f"unknown format {file_format!r} (csv or xlsx)")
    detail = ", ".join(f"{name.removesuffix('.csv')} {count}" for name, count in counts.items())
    audit(action=Action.EXPORT, user=user, object_type="records", detail=f"{file_format}: {detail}")
    return counts


def _write_csv(folder: Path) -> dict[str, int]:
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} exists and is not a folder.")
    existing = [fmt.name for fmt in F.FORMATS if (folder / fmt.name).exists()]
    if existing:
        raise ExportError(f"{folder} already holds {', '.join(existing)}: export into a new or empty folder.")
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for fmt, rows in records():
        with open(folder / fmt.name, "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(fmt.column_names)
            count = 0
            for count, row in enumerate(rows, start=1):  # noqa: B007 — the count is what we keep
                writer.writerow(row)
        counts[fmt.name] = count
    return counts


def _write_xlsx(path: Path) -> dict[str, int]:
    if path.suffix.lower() != ".xlsx":
        raise ExportError(f"{path}: an .xlsx export needs a file name ending in .xlsx.")
    if path.exists():
        raise ExportError(f"{path} already exists: choose a new file name.")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent} is not a folder.")
    book = openpyxl.Workbook(write_only=True)
    counts = {}
    for fmt, rows in records():
        sheet = book.create_sheet(title=fmt.sheet)
        sheet.append(fmt.column_names)
        count = 0
        for count, row in enumerate(rows, start=1):  # noqa: B007
            sheet.append([xlsx_safe(value) for value in row])
        counts[fmt.name] = count
    book.save(path)
    return counts
