"""The annual report as files: internal JSON (exact), CSV and XLSX (public by default), the
printable factsheet (HTML) and its PDF. Nothing here holds a name, a birth date or a person's
reference: the files are made from the aggregated report only.

render() makes every file, for the download (reports.views.export) and for the command
(annual_report) alike."""

import csv
import io
import json
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font

from atip.spreadsheets import neutralise, xlsx_safe
from reports.charts import table_chart
from reports.layout import Layout, build, edition, rendered_rows
from reports.statistics import annual_report

CONTENT_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}
PUBLIC_FORMATS = ("csv", "xlsx", "html", "pdf")  # the JSON exists only as the internal edition

EDITION_NOTE = {
    True: "Public edition: counts of 1 to 4 are shown as <5, and * hides a count from which a <5 could be "
    "worked out with the total.",
    False: "Internal edition: exact counts. Not for publication.",
}


@dataclass(frozen=True)
class Export:
    """A file of the annual report, ready to be sent or written."""

    body: str | bytes
    content_type: str
    filename: str
    edition: str  # "public" or "internal"
    as_attachment: bool  # the printable factsheet (HTML) opens in the browser; the rest downloads


def render(year: int, fmt: str, *, public: bool) -> Export:
    """Year `year`'s report as a `fmt` file (a key of CONTENT_TYPES), public edition or internal;
    the JSON has no public edition (ValueError)."""
    if public and fmt not in PUBLIC_FORMATS:
        raise ValueError(f"{fmt} has no public edition")
    report = annual_report(year)
    if fmt == "json":
        body = to_json(report)
    else:
        writer = {"csv": to_csv, "xlsx": to_xlsx, "html": factsheet_html, "pdf": factsheet_pdf}[fmt]
        body = writer(build(report, public=public))
    stem = "factsheet" if fmt in ("html", "pdf") else "annual-report"
    suffix = "-internal" if not public and fmt in PUBLIC_FORMATS else ""  # the JSON is only internal
    return Export(
        body=body,
        content_type=CONTENT_TYPES[fmt],
        filename=f"{stem}-{year}{suffix}.{fmt}",
        edition=edition(public),
        as_attachment=fmt != "html",
    )


def to_json(report: dict) -> str:
    """The internal edition: exactly the object of spec/annual-statistics.md."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def to_csv(layout: Layout) -> str:
    """One row per shown value: section, table, row, column, value (tidy, for spreadsheets)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["year", "edition", "section", "table", "row", "column", "value"])
    display = layout.display()
    year, edition = layout.year, layout.edition
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
    return out.getvalue()


def to_xlsx(layout: Layout) -> bytes:
    """One sheet per section; each table a block: title, header, rows, blank line."""
    book = Workbook()
    book.remove(book.active)
    display = layout.display()
    bold = Font(bold=True)
    for section in layout.sections:
        sheet = book.create_sheet(section.key.capitalize())  # Excel: 31 characters at most
        sheet.append([f"{section.title} — {layout.year}"])
        sheet.append([EDITION_NOTE[layout.public]])
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


def factsheet_context(layout: Layout) -> dict:
    """What templates/reports/factsheet.html shows: every section's tables and charts."""
    display = layout.display()
    sections = [
        {
            "title": section.title,
            "tables": [
                {
                    "table": table,
                    "rows": rendered_rows(table, display),
                    "chart": table_chart(table, display),
                }
                for table in section.tables
            ],
        }
        for section in layout.sections
    ]
    return {"year": layout.year, "sections": sections, "edition_note": EDITION_NOTE[layout.public]}


def factsheet_html(layout: Layout) -> str:
    return render_to_string("reports/factsheet.html", factsheet_context(layout))


def factsheet_pdf(layout: Layout) -> bytes:
    """The factsheet through WeasyPrint; static files are read from disk, never fetched."""
    from weasyprint import HTML  # slow to import (and loads Pango): only when a PDF is made

    html = factsheet_html(layout)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_local_only).write_pdf()


def _local_only(url: str, *args, **kwargs):
    """WeasyPrint's fetcher limited to local files (no network, ever)."""
    from weasyprint import default_url_fetcher

    if not url.startswith(("file:", "data:")):
        raise ValueError(f"not fetched: {url}")
    return default_url_fetcher(url, *args, **kwargs)
