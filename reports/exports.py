"""The annual report as files: internal JSON (exact), CSV and XLSX (public by default), the
printable factsheet (HTML) and its PDF (reports.factsheet), in English or Spanish. Nothing here
holds a name, a birth date or a person's reference: the files are made from the aggregated figures
only.

render() makes every file, for the download (reports.views.export) and for the command
(annual_report) alike."""

import contextlib
import csv
import io
import json
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from atip.spreadsheets import neutralise, xlsx_safe
from reports import factsheet
from reports.factsheet_texts import factsheet_languages
from reports.figures import report_of, year_figures
from reports.layout import Layout, edition, rendered_rows
from reports.periods import CALENDAR, Year, as_period
from reports.sections import build
from reports.suppression import DEFAULT_THRESHOLD
from reports.unodc_tables import unodc_layout

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}
PUBLIC_FORMATS = ("csv", "xlsx", "html", "pdf")  # the JSON exists only as the internal edition
FACTSHEET_FORMATS = ("html", "pdf")  # the Council's factsheet: calendar years only

# The XLSX's sheet per section (at most 31 characters, none of []:*?/\).
SHEETS = {
    "identification": gettext_lazy("Identification"),
    "assistance": gettext_lazy("Assistance"),
    "prosecution": gettext_lazy("Prosecution"),
    "repatriation": gettext_lazy("Repatriation"),
    "prevention": gettext_lazy("Prevention"),
    "tip": gettext_lazy("TIP Report"),
    "unodc_persons": gettext_lazy("Persons"),
    "unodc_victims": gettext_lazy("Victims"),
}
UNODC_FORMATS = ("csv", "xlsx")
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only when it starts with the byte-order mark


@dataclass(frozen=True)
class Export:
    """A file of the annual report, ready to be sent or written."""

    body: str | bytes
    content_type: str
    filename: str
    edition: str  # "public" or "internal"
    as_attachment: bool  # the printable factsheet (HTML) opens in the browser; the rest downloads


def render(
    year: Year, fmt: str, *, public: bool, threshold: int = DEFAULT_THRESHOLD, language: str | None = None
) -> Export:
    """Year `year`'s figures as a `fmt` file (a key of CONTENT_TYPES), public edition (counts of
    victims suppressed below `threshold`) or internal; the JSON has no public edition (ValueError).

    The factsheet and the CSV and XLSX headings are in `language` (one of factsheet_languages(),
    ValueError otherwise; default: the active language), whose code the file's name then ends
    with; the codes and counts are the same in every language, and the JSON has no words."""
    period = as_period(year)
    if public and fmt not in PUBLIC_FORMATS:
        raise ValueError(f"{fmt} has no public edition")
    if period.kind != CALENDAR and fmt in FACTSHEET_FORMATS:
        raise ValueError("the factsheet is the calendar year's")
    if language is not None and language not in factsheet_languages():
        raise ValueError(f"no factsheet in {language!r}")
    figures = year_figures(year)
    with translation.override(language) if language else contextlib.nullcontext():
        if fmt == "json":
            body = to_json(report_of(figures))
        else:
            writer = {"csv": to_csv, "xlsx": to_xlsx, "html": factsheet.to_html, "pdf": factsheet.to_pdf}[fmt]
            body = writer(build(figures, public=public, threshold=threshold))
    stem = "factsheet" if fmt in ("html", "pdf") else "annual-report"
    suffix = "-internal" if not public and fmt in PUBLIC_FORMATS else ""  # the JSON is only internal
    if language is not None and fmt != "json":
        suffix += f"-{language}"
    return Export(
        body=body,
        content_type=CONTENT_TYPES[fmt],
        filename=f"{stem}-{period.key}{suffix}.{fmt}",
        edition=edition(public),
        as_attachment=fmt != "html",
    )


def render_unodc(year: Year, fmt: str, *, language: str | None = None) -> Export:
    """UNODC's questionnaire of the period (reports.unodc_tables) as CSV or XLSX, exact counts
    (it goes to UNODC, not to the public), headings in `language`."""
    if fmt not in UNODC_FORMATS:
        raise ValueError(f"no UNODC questionnaire as {fmt}")
    if language is not None and language not in factsheet_languages():
        raise ValueError(f"no questionnaire in {language!r}")
    period = as_period(year)
    with translation.override(language) if language else contextlib.nullcontext():
        body = {"csv": to_csv, "xlsx": to_xlsx}[fmt](unodc_layout(period))
    suffix = f"-{language}" if language else ""
    return Export(
        body=body,
        content_type=CONTENT_TYPES[fmt],
        filename=f"unodc-{period.key}{suffix}.{fmt}",
        edition=edition(False),
        as_attachment=True,
    )


def to_json(report: dict) -> str:
    """The internal edition: exactly the object of spec/annual-statistics.md."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def csv_columns() -> list[str]:
    """The statistics CSV's columns, in the active language."""
    return [
        pgettext("csv column", "year"),
        pgettext("csv column", "edition"),
        pgettext("csv column", "section"),
        pgettext("csv column", "table"),
        pgettext("csv column", "row"),
        pgettext("csv column", "column"),
        pgettext("csv column", "value"),
    ]


def to_csv(layout: Layout) -> str:
    """One row per shown value: section, table, row, column, value (tidy, for spreadsheets),
    after a byte-order mark; the edition's rule is the last row."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    # A table for people to open in a spreadsheet: its columns' names follow the language, like
    # its rows (issue 21.12); the file for programs is the JSON edition.
    writer.writerow(csv_columns())
    display = layout.display()
    year, edition = layout.interval, layout.edition
    for section in layout.sections:
        for table in section.tables:
            for row in rendered_rows(table, display):
                label, cells = row[0], row[1:]
                for column, value in zip(table.columns[1:], cells, strict=True):
                    writer.writerow(
                        [
                            neutralise(v)
                            for v in (year, edition, section.title, table.title, label, column, value)
                        ]
                    )
    writer.writerow([year, edition, _("Notes"), _("Rule"), "", "", layout.rule])
    return out.getvalue()


def to_xlsx(layout: Layout) -> bytes:
    """One sheet per section; each table a block: title, header, rows, blank line."""
    book = Workbook()
    book.remove(book.active)
    display = layout.display()
    bold = Font(bold=True)
    for section in layout.sections:
        sheet = book.create_sheet(str(SHEETS.get(section.key, section.key.capitalize()))[:31])
        sheet.append([f"{section.title} — {layout.period_label}"])
        sheet.append([layout.rule])
        sheet["A1"].font = Font(bold=True, size=13)
        for table in section.tables:
            sheet.append([])
            sheet.append([xlsx_safe(neutralise(table.title))])
            sheet.cell(sheet.max_row, 1).font = bold
            sheet.append([xlsx_safe(neutralise(c)) for c in table.columns])
            for cell in sheet[sheet.max_row]:
                cell.font = bold
            for row in rendered_rows(table, display):
                sheet.append([xlsx_safe(neutralise(v)) for v in row])
            if table.note:
                sheet.append([xlsx_safe(neutralise(table.note))])
        sheet.column_dimensions["A"].width = 48
        for letter in "BCDEF":
            sheet.column_dimensions[letter].width = 16
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
