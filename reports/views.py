from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from atip.audit import Action, audit
from atip.decorators import requires
from atip.roles import Ability, can
from reports import exports
from reports.charts import table_chart
from reports.layout import Ref, build
from reports.statistics import annual_report, data_quality

FIRST_YEAR = 2000
FORMATS = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
}


def _years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


def _year(request) -> int:
    """?year=, or this year; a year out of range is refused with a message, never a 500."""
    this_year = timezone.localdate().year
    raw = request.GET.get("year", "")
    if not raw:
        return this_year
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= this_year:
        messages.error(request, f"Choose a year between {FIRST_YEAR} and {this_year}; showing {this_year}.")
        return this_year
    return year


def _page_sections(layout, previous_values: dict) -> list[dict]:
    """Each table's rows with, beside every count, the same figure of the year before."""
    sections = []
    for section in layout.sections:
        tables = []
        for table in section.tables:
            rows = [
                [
                    {"value": layout.values[c.id], "previous": previous_values.get(c.id, 0)}
                    if isinstance(c, Ref)
                    else {"value": c}
                    for c in row
                ]
                for row in table.rows
            ]
            tables.append({"table": table, "rows": rows, "chart": table_chart(table, layout.values)})
        sections.append({"key": section.key, "title": section.title, "tables": tables})
    return sections


@require_GET
@requires(Ability.VIEW_STATISTICS)
def annual(request):
    """The annual figures (aggregates only) of a year, with the year before beside them."""
    year = _year(request)
    report, previous = annual_report(year), annual_report(year - 1)
    layout = build(report, previous=previous)
    previous_values = build(previous, previous=report).values
    return render(
        request,
        "reports/annual.html",
        {
            "year": year,
            "years": _years(),
            "sections": _page_sections(layout, previous_values),
            "quality": data_quality(year),
            "export": can(request.user, Ability.EXPORT_STATISTICS),
            "formats": FORMATS,
        },
    )


@require_GET
@requires(Ability.VIEW_STATISTICS)
def export(request, year: int, fmt: str):
    """A download of the year's report: JSON internal; CSV, XLSX, factsheet HTML and PDF public
    unless ?edition=internal. Secretary only (others may read the page: 403). Audited."""
    if not can(request.user, Ability.EXPORT_STATISTICS):
        raise PermissionDenied
    if fmt not in FORMATS or not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    public = fmt != "json" and request.GET.get("edition", "public") != "internal"
    edition = "public" if public else "internal"
    if fmt == "json":
        body = exports.to_json(annual_report(year))
    elif fmt in ("csv", "xlsx"):
        layout = build(annual_report(year), public=public)
        writer = exports.to_csv if fmt == "csv" else exports.to_xlsx
        body = writer(layout, year=year, public=public)
    elif fmt == "html":
        body = exports.factsheet_html(year, public=public)
    else:
        body = exports.factsheet_pdf(year, public=public)
    audit(
        action=Action.EXPORT,
        request=request,
        object_type="annual_report",
        object_ref=str(year),
        detail=f"{fmt} {edition}",
    )
    response = HttpResponse(body, content_type=FORMATS[fmt])
    suffix = "" if fmt == "json" or public else "-internal"
    name = f"annual-report-{year}{suffix}.{fmt}" if fmt != "html" else f"factsheet-{year}{suffix}.html"
    if fmt == "pdf":
        name = f"factsheet-{year}{suffix}.pdf"
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
