"""The printable factsheet (HTML with a print stylesheet) and its PDF through WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string

from reports.charts import table_chart
from reports.layout import Layout, rendered_rows


def context(layout: Layout, edition=None) -> dict:
    """What templates/reports/factsheet.html shows: every section's tables and charts."""
    display = layout.display()
    sections = [
        {
            "title": section.title,
            "tables": [
                {"table": table, "rows": rendered_rows(table, display), "chart": table_chart(table, display)}
                for table in section.tables
            ],
        }
        for section in layout.sections
    ]
    return {"year": layout.year, "sections": sections, "edition_note": layout.rule, "edition": edition}


def to_html(layout: Layout, edition=None) -> str:
    return render_to_string("reports/factsheet.html", context(layout, edition))


def to_pdf(layout: Layout, edition=None) -> bytes:
    """The factsheet through WeasyPrint; static files are read from disk, never fetched."""
    from weasyprint import HTML  # slow to import (and loads Pango): only when a PDF is made

    html = to_html(layout, edition)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_local_only).write_pdf()


def _local_only(url: str, *args, **kwargs):
    """WeasyPrint's fetcher limited to local files (no network, ever)."""
    from weasyprint import default_url_fetcher

    if not url.startswith(("file:", "data:")):
        raise ValueError(f"not fetched: {url}")
    return default_url_fetcher(url, *args, **kwargs)
