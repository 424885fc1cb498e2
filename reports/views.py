from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from atip.audit import Action, audit
from atip.decorators import requires
from atip.roles import Ability, can
from reports import exports
from reports.charts import table_chart
from reports.forms import YearForm, statistics_years
from reports.layout import Layout, Ref, build
from reports.quality import data_quality
from reports.statistics import annual_report


def _page_sections(layout: Layout) -> list[dict]:
    """Each table's rows with, beside every count, the same figure of the year before."""
    sections = []
    for section in layout.sections:
        tables = []
        for table in section.tables:
            rows = [
                [
                    {"value": layout.values[c.id], "previous": layout.previous[c.id]}
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
    form = YearForm(request.GET)
    for error in form.errors.get("year", []):
        messages.error(request, error)
    year = form.year
    layout = build(annual_report(year), previous=annual_report(year - 1))
    return render(
        request,
        "reports/annual.html",
        {
            "year": year,
            "years": list(reversed(statistics_years())),
            "sections": _page_sections(layout),
            "quality": data_quality(year),
            "export": can(request.user, Ability.EXPORT_STATISTICS),
        },
    )


@require_GET
@requires(Ability.VIEW_STATISTICS)
def export(request, year: int, fmt: str):
    """A download of the year's report: JSON internal; CSV, XLSX, factsheet HTML and PDF public
    unless ?edition=internal. Secretary only (others may read the page: 403). Audited."""
    if not can(request.user, Ability.EXPORT_STATISTICS):
        raise PermissionDenied
    if fmt not in exports.CONTENT_TYPES or year not in statistics_years():
        raise Http404
    public = fmt in exports.PUBLIC_FORMATS and request.GET.get("edition", "public") != "internal"
    report_file = exports.render(year, fmt, public=public)
    audit(
        action=Action.EXPORT,
        request=request,
        object_type="annual_report",
        object_ref=str(year),
        detail=f"{fmt} {report_file.edition}",
    )
    response = HttpResponse(report_file.body, content_type=report_file.content_type)
    response["Content-Disposition"] = content_disposition_header(
        report_file.as_attachment, report_file.filename
    )
    return response
