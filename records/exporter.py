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
from cases.models import Case, CaseVictim, Suspect
from prevention.models import Activity
from prosecutions.models import Charge, Prosecution
from records import formats as F
from services.models import Repatriation, ServiceEpisode
from victims.models import Victim

CHUNK = 2000


class ExportError(Exception):
    """The export cannot be written where asked (nothing was written)."""


def _chunks(iterable: Iterable, size: int = CHUNK) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _forms(model, pks) -> dict[int, list[str]]:
    """pk -> its exploitation form codes, for one chunk of victims or cases."""
    m2m = model._meta.get_field("exploitation_forms")
    own = m2m.m2m_field_name() + "_id"
    other = m2m.m2m_reverse_field_name() + "_id"
    forms = defaultdict(list)
    rows = m2m.remote_field.through.objects.filter(**{f"{own}__in": pks}).values_list(own, other)
    for pk, code in rows.order_by(other):
        forms[pk].append(code)
    return forms


def _victims() -> Iterator[tuple]:
    fields = [c.name for c in F.VICTIMS.columns if c.name != "exploitation_forms"]
    rows = Victim.objects.order_by("reference").values_list("pk", *fields).iterator(chunk_size=CHUNK)
    for chunk in _chunks(rows):
        forms = _forms(Victim, [row[0] for row in chunk])
        for pk, *values in chunk:
            record = dict(zip(fields, values, strict=True), exploitation_forms=forms.get(pk, []))
            yield tuple(record[c] for c in F.VICTIMS.column_names)


def _services() -> Iterator[tuple]:
    return (
        ServiceEpisode.objects.order_by("victim__reference", "start_date", "id")
        .values_list("victim__reference", "service_type", "provider", "start_date", "end_date")
        .iterator(chunk_size=CHUNK)
    )


def _repatriations() -> Iterator[tuple]:
    return (
        Repatriation.objects.order_by("victim__reference", "return_date", "id")
        .values_list("victim__reference", "destination_country", "status", "return_date", "assisted_by")
        .iterator(chunk_size=CHUNK)
    )


def _cases() -> Iterator[tuple]:
    fields = ["reference", "reported_on", "source", "district", "status", "investigation_opened_on"]
    rows = Case.objects.order_by("reference").values_list("pk", *fields).iterator(chunk_size=CHUNK)
    for chunk in _chunks(rows):
        pks = [row[0] for row in chunk]
        forms = _forms(Case, pks)
        victims = defaultdict(list)
        links = CaseVictim.objects.filter(case_id__in=pks).order_by("victim__reference")
        for case_id, reference in links.values_list("case_id", "victim__reference"):
            victims[case_id].append(reference)
        for pk, *values in chunk:
            yield (*values, forms.get(pk, []), victims.get(pk, []))


def _suspects() -> Iterator[tuple]:
    return (
        Suspect.objects.order_by("reference")
        .values_list(
            "reference", "case__reference", "given_name", "family_name", "sex", "nationality", "date_of_birth"
        )
        .iterator(chunk_size=CHUNK)
    )


def _prosecutions() -> Iterator[tuple]:
    return (
        Prosecution.objects.order_by("reference")
        .values_list("reference", "case__reference", "court", "filed_on")
        .iterator(chunk_size=CHUNK)
    )


def _charges() -> Iterator[tuple]:
    return (
        Charge.objects.order_by("prosecution__reference", "suspect__reference", "id")
        .values_list(
            "prosecution__reference",
            "suspect__reference",
            "offence",
            "exploitation_form",
            "outcome",
            "verdict_date",
            "sentence_months",
        )
        .iterator(chunk_size=CHUNK)
    )


def _prevention() -> Iterator[tuple]:
    return (
        Activity.objects.order_by("reference")
        .values_list("reference", "date", "kind", "direct", "title", "audience", "participants", "organiser")
        .iterator(chunk_size=CHUNK)
    )


# In the column order of each FileFormat.
READERS = {
    "victims.csv": _victims,
    "services.csv": _services,
    "repatriations.csv": _repatriations,
    "cases.csv": _cases,
    "suspects.csv": _suspects,
    "prosecutions.csv": _prosecutions,
    "charges.csv": _charges,
    "prevention.csv": _prevention,
}


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
        yield fmt, ([cell(value) for value in row] for row in READERS[fmt.name]())


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
