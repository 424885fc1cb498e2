import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from atip.access import ensure_can
from atip.audit import Action, audit
from atip.decorators import requires
from atip.roles import Ability
from reports import exports
from reports.charts import scales, table_chart
from reports.editions import drift, edition_or_404, edition_publish, editions_of, published_years
from reports.factsheet_texts import factsheet_language
from reports.figures import Tokens, shown_figures, shown_quality
from reports.forms import AgreementForm, AnonymityForm, PublishForm, YearForm, statistics_years
from reports.layout import Layout, Ref
from reports.periods import CALENDAR, PERIOD_KINDS, Period
from reports.person_level import DEFAULT_K, anonymise, ctdc_csv, persons
from reports.sections import build


def _page_sections(layout: Layout) -> list[dict]:
    """Each table's rows with, beside every count, the same figure of the year before."""
    sections = []
    full = scales(layout.values)
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
            tables.append({"table": table, "rows": rows, "chart": table_chart(table, layout.values, full)})
        sections.append({"key": section.key, "title": section.title, "tables": tables})
    return sections


@require_GET
@requires(Ability.VIEW_STATISTICS)
def annual(request):
    """The annual figures (aggregates only) of a year, with the year before beside them, and the
    year's published editions with what has changed in the records since the latest."""
    form = YearForm(request.GET)
    for error in form.errors.get("year", []):
        messages.error(request, error)
    year, period = form.year, form.period
    tokens = Tokens()
    shown = [shown_figures(period, tokens=tokens), shown_figures(period.before(), tokens=tokens)]
    quality = shown_quality(period, tokens=tokens)
    figures = shown[0].value
    layout = build(figures, previous=shown[1].value)
    tip_year = period.kind != CALENDAR  # editions and the factsheet are the calendar year's
    editions = [] if tip_year else editions_of(year)
    older = [s for s in (*shown, quality) if s.as_of is not None]
    return render(
        request,
        "reports/annual.html",
        {
            "year": year,
            "period": period,
            "tip_year": tip_year,
            "period_kinds": PERIOD_KINDS.items(),
            "years": list(reversed(statistics_years())),
            "sections": _page_sections(layout),
            "quality": quality.value,
            # Kept figures older than a write to their year: their time, and the next computation's.
            "as_of": min((s.as_of for s in older), default=None),
            "next_due": max((s.next_due for s in older), default=None),
            "editions": editions,
            "drift": drift(editions[0].figures, figures) if editions else [],
            "publish_form": PublishForm() if year in published_years() and not tip_year else None,
            # The factsheet in each language, whatever the page's (`language` of the export).
            "factsheet_languages": [get_language_info(code) for code in exports.factsheet_languages()],
        },
    )


@require_POST
@requires(Ability.VIEW_STATISTICS)
def publish(request, year: int):
    """Publish the year (secretary only: others who read the page get 403); the refusal of the
    service is shown as a message on the page."""
    ensure_can(request.user, Ability.PUBLISH_STATISTICS)
    if year not in statistics_years():
        raise Http404
    page = f"{reverse('reports:annual')}?year={year}#editions"
    form = PublishForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(page)
    try:
        data = form.cleaned_data
        edition = edition_publish(
            year=year, threshold=data["threshold"], reason=data["reason"], by=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(page)
    messages.success(
        request, _("Edition %(number)s of %(year)s is published.") % {"number": edition.number, "year": year}
    )
    return redirect(page)


@require_GET
@requires(Ability.VIEW_STATISTICS)
def edition_file(request, year: int, number: int, fmt: str):
    """A published edition as it was stored: the factsheet PDF, or its exact figures (JSON).
    Secretary only (403 for others who read the page). Audited."""
    ensure_can(request.user, Ability.EXPORT_STATISTICS)
    if fmt not in ("pdf", "json"):
        raise Http404
    edition = edition_or_404(year, number)
    audit(
        action=Action.EXPORT,
        request=request,
        object_type="annual_edition",
        object_id=str(edition.pk),
        object_ref=f"{year}-{number}",
        detail=f"{fmt} edition {number}",
    )
    if fmt == "pdf":
        body, content_type = bytes(edition.pdf), "application/pdf"
        name = f"factsheet-{year}-edition-{number}.pdf"
    else:
        body = json.dumps(edition.figures, indent=2, ensure_ascii=False) + "\n"
        content_type, name = "application/json", f"figures-{year}-edition-{number}.json"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_GET
@requires(Ability.VIEW_STATISTICS)
def export(request, year: int, fmt: str):
    """A download of the year's report: JSON internal; CSV, XLSX, factsheet HTML and PDF public
    unless ?edition=internal; in the page's language, or ?language= one of the factsheet's (404
    for another). Secretary only (others may read the page: 403). Audited, with the language."""
    ensure_can(request.user, Ability.EXPORT_STATISTICS)
    if fmt not in exports.CONTENT_TYPES or year not in statistics_years():
        raise Http404
    kind = request.GET.get("period") or CALENDAR
    if kind not in PERIOD_KINDS or (kind != CALENDAR and fmt in exports.FACTSHEET_FORMATS):
        raise Http404
    period = Period(year, kind)
    language = request.GET.get("language") or None
    if language is not None and language not in exports.factsheet_languages():
        raise Http404
    public = fmt in exports.PUBLIC_FORMATS and request.GET.get("edition", "public") != "internal"
    report_file = exports.render(period, fmt, public=public, language=language)
    audit(
        action=Action.EXPORT,
        request=request,
        object_type="annual_report",
        object_ref=period.key,
        detail=f"{fmt} {report_file.edition}",
    )
    response = HttpResponse(report_file.body, content_type=report_file.content_type)
    response["Content-Disposition"] = content_disposition_header(
        report_file.as_attachment, report_file.filename
    )
    return response


@require_GET
@requires(Ability.VIEW_STATISTICS)
def unodc(request, year: int, fmt: str):
    """UNODC's questionnaire of the year (?period=tip: the TIP Report's year), CSV or XLSX, exact
    counts, in the page's language. Secretary only (others may read the page: 403). Audited."""
    ensure_can(request.user, Ability.EXPORT_STATISTICS)
    kind = request.GET.get("period") or CALENDAR
    if fmt not in exports.UNODC_FORMATS or year not in statistics_years() or kind not in PERIOD_KINDS:
        raise Http404
    period = Period(year, kind)
    report_file = exports.render_unodc(period, fmt, language=factsheet_language())
    audit(action=Action.EXPORT, request=request, object_type="unodc", object_ref=period.key, detail=fmt)
    response = HttpResponse(report_file.body, content_type=report_file.content_type)
    response["Content-Disposition"] = content_disposition_header(True, report_file.filename)
    return response


@require_GET
@requires(Ability.VIEW_STATISTICS)
def person_level(request):
    """The de-identified person-level files (HTCDS 2.0 under an agreement, CTDC k-anonymous):
    what the CTDC file of the chosen k keeps and leaves out, and the downloads. Secretary only
    (403 for others)."""
    ensure_can(request.user, Ability.EXPORT_PERSON_LEVEL)
    return person_level_page(request, agreement_form=AgreementForm())


def person_level_page(request, *, agreement_form: AgreementForm):
    form = AnonymityForm(request.GET)
    for error in form.errors.get("k", []):
        messages.error(request, _("k: %(error)s Showing k = %(k)s.") % {"error": error, "k": DEFAULT_K})
    k = form.k_or_default(DEFAULT_K)
    result = anonymise(persons(cases=False), k)
    summary = {"records": result.records, "kept": len(result.rows), "suppressed": result.suppressed}
    context = {"k": k, "summary": summary, "steps": result.steps, "agreement_form": agreement_form}
    return render(request, "reports/person_level.html", context)


@require_GET
@requires(Ability.VIEW_STATISTICS)
def person_level_file(request, fmt: str):
    """The CTDC file (CSV with a byte-order mark). Secretary only. Audited, with the file's k and
    the number of records it leaves out. The HTCDS file is not a plain download: it leaves only
    as an encrypted archive under an agreement (reports.sharing_views)."""
    ensure_can(request.user, Ability.EXPORT_PERSON_LEVEL)
    if fmt != "ctdc":
        raise Http404
    k = AnonymityForm(request.GET).k_or_default(DEFAULT_K)
    result = anonymise(persons(cases=False), k)
    body = ctdc_csv(result)
    detail = f"ctdc k={k}, {len(result.rows)} records, {result.suppressed} suppressed"
    audit(action=Action.EXPORT, request=request, object_type="person_level", object_ref=fmt, detail=detail)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, f"{fmt}-victims.csv")
    return response
