"""Published editions of a year: publishing (a service), reading them (selectors) and what has
changed in the records since (drift)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from atip.audit import Action, audit
from reports import factsheet
from reports.factsheet_texts import draft_of, factsheet_language, texts_of
from reports.figures import year_figures
from reports.forms import statistics_years
from reports.models import MAX_THRESHOLD, Edition
from reports.sections import build

REASON_NEEDED = gettext_lazy("Say why the year is published again: the reason is kept with the new edition.")


def published_years() -> range:
    """The years that may be published: those of the statistics that have ended."""
    years = statistics_years()
    return range(years[0], years[-1])


@transaction.atomic
def edition_publish(*, year: int, threshold: int, reason: str, by, language: str | None = None) -> Edition:
    """Publish `year`: store its exact figures, the public factsheet made with `threshold` in
    `language` (default: the active one; reports.factsheet_texts.factsheet_language) with the year's texts
    in that language as they are now (reports.factsheet_texts), who and when, as the year's next
    edition. Editions after the first need a reason. Audited. The stored factsheet keeps its
    language and its texts: an edition is never rendered again, and a later change to the draft
    goes into the next edition only."""
    reason = reason.strip()
    language = factsheet_language(language)
    if year not in published_years():
        raise ValidationError(_("Only a year that has ended can be published."))
    if not 0 <= threshold <= MAX_THRESHOLD:
        raise ValidationError(
            {"threshold": _("Choose a threshold from 0 to %(largest)s.") % {"largest": MAX_THRESHOLD}}
        )
    last = Edition.objects.filter(year=year).aggregate(n=Max("number"))["n"] or 0
    if last and not reason:
        raise ValidationError({"reason": REASON_NEEDED})
    figures = year_figures(year)
    edition = Edition(
        year=year,
        number=last + 1,
        figures=figures,
        threshold=threshold,
        reason=reason,
        published_by=by,
        published_at=timezone.now(),
        language=language,
        **texts_of(draft_of(year, language)),
    )
    with translation.override(language):
        edition.pdf = factsheet.to_pdf(build(figures, public=True, threshold=threshold), edition=edition)
    edition.full_clean(exclude=["pdf"])
    try:
        with transaction.atomic():
            edition.save()
    except IntegrityError:  # the same number taken by a publication at the same moment
        raise ValidationError(
            _("Another edition of this year was just published: reload the page.")
        ) from None
    audit(
        action=Action.CREATE,
        user=by,
        obj=edition,
        object_type="annual_edition",
        object_ref=f"{year}-{edition.number}",
        detail=f"edition {edition.number} of {year} published, threshold {threshold}",
    )
    return edition


def editions_of(year: int) -> list[Edition]:
    """The year's editions, latest first (with their figures, without their PDFs)."""
    editions = Edition.objects.filter(year=year).defer("pdf").select_related("published_by")
    return list(editions.order_by("-number"))


def edition_or_404(year: int, number: int) -> Edition:
    """One edition of one year; a number that year does not have answers 404."""
    edition = Edition.objects.filter(year=year, number=number).first()
    if edition is None:
        raise Http404
    return edition


def last_published(year: int) -> Edition | None:
    """The year's latest edition: its number, date and language only."""
    editions = Edition.objects.filter(year=year).only("year", "number", "published_at", "language")
    return editions.order_by("-number").first()


def latest_edition(year: int) -> Edition | None:
    return Edition.objects.filter(year=year).order_by("-number").first()


def drift(published: dict, live: dict) -> list[dict]:
    """Each figure of the edition that the records give differently now: where it is shown,
    the published count and today's, in the order of the report."""
    before, now = build(published), build(live)
    labels = now.labels() | {c: label for c, label in before.labels().items() if c not in now.values}
    rows = [
        {"figure": label, "published": before.values.get(cell, 0), "now": now.values.get(cell, 0)}
        for cell, label in labels.items()
        if before.values.get(cell, 0) != now.values.get(cell, 0)
    ]
    campaigns_then, campaigns_now = published["prevention"]["campaigns"], live["prevention"]["campaigns"]
    if campaigns_then != campaigns_now:
        rows.append(
            {
                "figure": _("Campaigns — the list (dates, titles, audiences, participants)"),
                "published": _("%(n)s listed") % {"n": len(campaigns_then)},
                "now": _("%(n)s listed, changed") % {"n": len(campaigns_now)},
            }
        )
    return rows
