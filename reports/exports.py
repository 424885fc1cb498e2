"""The annual report as files: internal JSON (exact), CSV and XLSX (public by default), the
printable factsheet (HTML) and its PDF. Nothing here holds a name, a birth date or a person's
reference: the files are made from the aggregated report only."""

import csv
import io
import json

from django.conf import settings
from django.template.loader import render_to_string

from atip.spreadsheets import neutralise, xlsx_safe
from reports.charts import table_chart
from reports.layout import Layout, build, rendered_rows
from reports.statistics import annual_report

EDITION_NOTE = {
    True: "Public edition: counts of 1 to 4 are shown as <5, and * hides a count from which a <5 could be "
    "worked out with the total.",
    False: "Internal edition: exact counts. Not for publication.",
}


def to_json(report: dict) -> str:
    """The internal edition: exactly the object of spec/annual-statistics.md."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def to_csv(layout: Layout, *, year: int, public: bool) -> str:
    """One row per shown value: section, table, row, column, value (tidy, for spreadsheets)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["year", "edition", "section", "table", "row", "column", "value"])
    display = layout.display(public=public)
    edition = "public" if public else "internal"
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


def to_xlsx(layout: Layout, *, year: int, public: bool) -> bytes:
    """One sheet per section; each table a block: title, header, rows, blank line."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    display = layout.display(public=public)
    bold = Font(bold=True)
    for section in layout.sections:
        sheet = book.create_sheet(section.key.capitalize())  # Excel: 31 characters at most
        sheet.append([f"{section.title} — {year}"])
        sheet.append([EDITION_NOTE[public]])
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


def factsheet_context(year: int, *, public: bool = True) -> dict:
    """What templates/reports/factsheet.html shows: every section's tables and charts."""
    layout = build(annual_report(year), public=public)
    display = layout.display(public=public)
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
    return {"year": year, "sections": sections, "public": public, "edition_note": EDITION_NOTE[public]}


def factsheet_html(year: int, *, public: bool = True) -> str:
    return render_to_string("reports/factsheet.html", factsheet_context(year, public=public))


def factsheet_pdf(year: int, *, public: bool = True) -> bytes:
    """The factsheet through WeasyPrint; static files are read from disk, never fetched."""
    from weasyprint import HTML

    html = factsheet_html(year, public=public)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_local_only).write_pdf()


def _local_only(url: str, *args, **kwargs):
    """WeasyPrint's fetcher limited to local files (no network, ever)."""
    from weasyprint import default_url_fetcher

    if not url.startswith(("file:", "data:")):
        raise ValueError(f"not fetched: {url}")
    return default_url_fetcher(url, *args, **kwargs)
