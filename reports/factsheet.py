"""The two-page factsheet, laid out like the Council's own "Actions against human trafficking":
headline figures in large type, then identification, assistance, repatriation (a map),
prosecution and prevention, each with a line of text, and the definitions as footnotes.

HTML for the browser links the static stylesheet (the Content-Security-Policy allows no inline
style); the PDF is the same HTML through WeasyPrint with the same stylesheet read from disk.
A section with nothing to count says so in words, and charts are drawn only where they show
more than one number.
"""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries import countries as country_names

from reports.charts import Style, bar_chart, scales, stacked_chart
from reports.factsheet_texts import draft_of, factsheet_language, texts_of
from reports.layout import Layout, Ref, Table, rendered_rows
from reports.worldmap import in_region, repatriation_map

STYLESHEET = "reports/factsheet.css"
MAX_CAMPAIGNS = 6  # listed on the factsheet; the CSV and XLSX list them all
HALF = Style(font=10.5, row=15.5, width=330)  # a chart in one of two columns of an A4 page (px)
DEFINITIONS = [
    (
        "identified",
        gettext_lazy(
            "Officially identified: victims whose identification as victims of trafficking is dated in "
            "the year."
        ),
    ),
    (
        "presumed",
        gettext_lazy("Presumed: people registered in the year as possible victims, not (yet) identified."),
    ),
    (
        "assisted",
        gettext_lazy(
            "Assisted: victims with at least one service during the year; “from earlier years”: in care "
            "before 1 January. Minor: under 18 on the identification date (identified) or on the first day "
            "in care in the year (assisted)."
        ),
    ),
    (
        "justice",
        gettext_lazy(
            "Cases reported to the ATIPs Police Unit, prosecutions filed in court, and persons with a "
            "conviction whose verdict is dated in the year, by the form of exploitation of the charge."
        ),
    ),
    (
        "repatriated",
        gettext_lazy("Repatriated: foreign victims whose return home was completed in the year."),
    ),
    ("trained", gettext_lazy("People trained: participants of the trainings held in the year, by audience.")),
]


def _table(layout: Layout, key: str) -> Table:
    return next(t for s in layout.sections for t in s.tables if t.key == key)


def _nonzero(rows: list[list]) -> list[tuple[str, int | str]]:
    """(label, shown) of the rows that count someone (suppressed counts are never zero)."""
    return [(row[0], row[1]) for row in rows if row[1] not in (0, None)]


def _count(value) -> int:
    """The number that chooses between singular and plural: a suppressed count (“<5”, a text)
    is always plural."""
    return value if isinstance(value, int) else 2


# The counts the text names, each a phrase with its number (“1 victim”, “3 victims”, “<5 victims”).
NOUNS = {
    "identified": lambda n: ngettext("%(n)s victim", "%(n)s victims", _count(n)) % {"n": n},
    "presumed": lambda n: ngettext("%(n)s presumed victim", "%(n)s presumed victims", _count(n)) % {"n": n},
    "assisted": lambda n: ngettext("%(n)s victim", "%(n)s victims", _count(n)) % {"n": n},
    "repatriated": lambda n: ngettext("%(n)s victim", "%(n)s victims", _count(n)) % {"n": n},
    "trainings": lambda n: ngettext("%(n)s training", "%(n)s trainings", _count(n)) % {"n": n},
    "indirect": lambda n: (
        ngettext("%(n)s indirect activity", "%(n)s indirect activities", _count(n)) % {"n": n}
    ),
}


# The figures the text names, by a short name, as shown in this edition.
NAMED = {
    "identified": "identification.identified_total",
    "presumed": "identification.presumed_total",
    "national": "identification.nationality.BZ",
    "foreign": "identification.identified_foreign",
    "nationality_unknown": "identification.nationality.unknown",
    "assisted": "assistance.assisted_total",
    "new": "assistance.assisted_new",
    "continuing": "assistance.assisted_continuing",
    "unaccommodated": "assistance.accommodation.none",
    "repatriated": "repatriation.repatriated_total",
    "cases": "prosecution.cases_reported",
    "investigations": "prosecution.investigations_opened",
    "prosecutions": "prosecution.prosecutions_initiated",
    "prosecuted": "prosecution.persons_prosecuted",
    "convicted": "prosecution.persons_convicted",
    "acquitted": "prosecution.persons_acquitted",
    "trainings": "prevention.trainings",
    "trained": "prevention.people_trained",
    "indirect": "prevention.indirect_activities",
}


def context(layout: Layout, edition=None, texts: dict | None = None) -> dict:
    """What templates/reports/factsheet.html shows. The secretary's texts (reports.factsheet_texts)
    are the edition's when it is one, else `texts`, else the year's draft in the active language."""
    if edition is not None:
        texts = texts_of(edition)
    elif texts is None:
        texts = texts_of(draft_of(layout.year, factsheet_language()))
    display = layout.display()
    n = {cell: display[cell] for cell in layout.values}
    full = scales(display)
    year = layout.year
    profile = {}
    for key in ("identified_by_sex_age", "assisted_by_sex_age"):
        table = _table(layout, key)
        shown = rendered_rows(table, display)[: len(table.counted_rows)]
        rows = [(row[0], row[1:-1]) for row in shown if row[-1] != 0]
        series = [_("Minors"), _("Adults"), _("Age unknown")]
        profile[key] = (
            stacked_chart(rows, series=series, title=table.title, full=full["victims"], style=HALF)
            if rows
            else None
        )

    def bars(key: str, style: Style = HALF, unit: str = "victims"):
        table = _table(layout, key)
        items = _nonzero(rendered_rows(table, display))
        return bar_chart(items, title=table.title, full=full[unit], style=style) if items else None

    countries = [
        (cell.id.rsplit(".", 1)[1], display[cell.id])
        for _label, cell in _table(layout, "repatriated_by_country").rows
        if isinstance(cell, Ref) and display[cell.id] not in (0, None)
    ]
    convictions = _nonzero(rendered_rows(_table(layout, "convictions_by_exploitation"), display))
    prosecution = [(row[0], row[1]) for row in rendered_rows(_table(layout, "prosecution_figures"), display)]
    campaigns = rendered_rows(_table(layout, "campaigns"), display)
    elsewhere = [(country_names.name(code), shown) for code, shown in countries if not in_region(code)]
    return {
        "year": year,
        "rule": layout.rule,
        "public": layout.public,
        "edition": edition,
        "made_on": timezone.localdate(),
        "f": {name: display[cell] for name, cell in NAMED.items()},
        "words": {name: phrase(display[NAMED[name]]) for name, phrase in NOUNS.items()},
        "headline": [
            (n["identification.identified_total"], _("victims officially identified"), "", 1),
            (n["identification.presumed_total"], _("presumed victims registered"), "", 2),
            (
                n["assistance.assisted_total"],
                _("victims assisted"),
                _("of whom %(n)s in care from earlier years") % {"n": n["assistance.assisted_continuing"]},
                3,
            ),
            (n["repatriation.repatriated_total"], _("victims repatriated"), "", 5),
            (n["prosecution.cases_reported"], _("cases reported"), "", 4),
            (n["prosecution.prosecutions_initiated"], _("prosecutions initiated"), "", 4),
            (
                n["prosecution.persons_convicted"],
                _("persons convicted"),
                " · ".join(f"{label.lower()} {value}" for label, value in convictions),
                4,
            ),
            (
                n["prevention.people_trained"],
                _("people trained"),
                ngettext("in %(n)s training", "in %(n)s trainings", _count(n["prevention.trainings"]))
                % {"n": n["prevention.trainings"]},
                6,
            ),
        ],
        "identified_profile": profile["identified_by_sex_age"],
        "assisted_profile": profile["assisted_by_sex_age"],
        "nationalities": bars("identified_by_nationality"),
        "forms": bars("identified_by_exploitation"),
        "services": bars("assisted_by_service"),
        "accommodation": bars("accommodation"),
        "map": (
            repatriation_map(countries, title=_("Victims repatriated in %(year)s") % {"year": year})
            if countries
            else None
        ),
        "repatriated": [(country_names.name(code), shown) for code, shown in countries],
        "prosecution": prosecution,
        "convictions": bars("convictions_by_exploitation", unit="convicted"),
        "audiences": bars("trained_by_audience", unit="trained"),
        "campaigns": campaigns[:MAX_CAMPAIGNS],
        "more_campaigns": max(len(campaigns) - MAX_CAMPAIGNS, 0),
        "elsewhere": elsewhere,
        "campaign_columns": _table(layout, "campaigns").columns,
        "victims_scale": full["victims"],
        "definitions": [str(text) for _key, text in DEFINITIONS],
        "texts": texts,
    }


def to_html(layout: Layout, edition=None, *, for_pdf: bool = False, texts: dict | None = None) -> str:
    return render_to_string("reports/factsheet.html", {**context(layout, edition, texts), "for_pdf": for_pdf})


def to_pdf(layout: Layout, edition=None, *, texts: dict | None = None) -> bytes:
    """The factsheet through WeasyPrint, with the same stylesheet read from disk; nothing is
    fetched from the network."""
    from weasyprint import CSS, HTML  # slow to import (and loads Pango): only when a PDF is made

    html = to_html(layout, edition, for_pdf=True, texts=texts)
    stylesheet = CSS(filename=finders.find(STYLESHEET))
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_local_only).write_pdf(
        stylesheets=[stylesheet]
    )


def _local_only(url: str, *args, **kwargs):
    """WeasyPrint's fetcher limited to local files (no network, ever)."""
    from weasyprint import default_url_fetcher

    if not url.startswith(("file:", "data:")):
        raise ValueError(f"not fetched: {url}")
    return default_url_fetcher(url, *args, **kwargs)
