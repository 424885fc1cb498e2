"""The report's sections and tables (reports.layout), built from the figures of a year:
annual_report()'s dict, with the TIP Report indicators under "tip" when they were computed."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from atip.codes import HOME_COUNTRY, Exploitation
from prevention.models import Audience
from reports.counting import SEXES
from reports.layout import TOTAL, Cells, Layout, Ref, Section, Table, country_name
from reports.periods import Period
from reports.statistics import MULTIPLE, NOT_SPECIFIED, UNKNOWN
from reports.suppression import DEFAULT_THRESHOLD
from reports.tip import SENTENCE_LABELS, TIP_FORM_LABELS
from services.models import ServiceType
from victims.ages import AgeGroup


def build(
    report: dict, *, previous: dict | None = None, public: bool = False, threshold: int = DEFAULT_THRESHOLD
) -> Layout:
    """The sections of `report` in the public (suppressed with `threshold`) or internal edition.
    With `previous` (the year before), the layout also holds its counts, and country tables list
    its countries too."""
    cells = Cells(report, previous)
    earlier = previous or report
    sections = [
        _identification(cells, report, earlier),
        _assistance(cells),
        _prosecution(cells),
        _repatriation(cells, report, earlier),
        _prevention(cells, report, public),
    ]
    if "tip" in report and (previous is None or "tip" in previous):
        sections.append(_tip(cells))
    return Layout(
        year=report["year"],
        period=Period(report["year"], report["period"]["kind"]) if "period" in report else None,
        public=public,
        sections=sections,
        values=cells.values,
        groups=cells.groups,
        previous=cells.previous,
        threshold=threshold,
    )


def _sex_age(cells: Cells, prefix: str, path: tuple[str, ...], total_id: str) -> list[list]:
    """Rows of the sex × age table at `path`, with row and column totals; the grand total is
    `total_id`."""
    rows = []
    for sex in SEXES:
        members = tuple(
            cells.count(f"{prefix}.{sex}.{group}", *path, sex, group).id for group in AgeGroup.values
        )
        sex_total = cells.total(f"{prefix}.{sex}.{TOTAL}", members)
        cells.group(members, sex_total.id)
        rows.append([sex.label, *(Ref(m) for m in members), sex_total])
    for group in AgeGroup.values:
        members = tuple(f"{prefix}.{sex}.{group}" for sex in SEXES)
        cells.group(members, cells.total(f"{prefix}.{TOTAL}.{group}", members).id)
    cells.group(tuple(f"{prefix}.{TOTAL}.{g}" for g in AgeGroup.values), total_id)
    cells.group(tuple(f"{prefix}.{sex}.{TOTAL}" for sex in SEXES), total_id)
    rows.append([_("Total"), *(Ref(f"{prefix}.{TOTAL}.{g}") for g in AgeGroup.values), Ref(total_id)])
    return rows


def _rows(cells: Cells, prefix: str, path: tuple[str, ...], labelled) -> list[list]:
    """[label, cell] for each (code, label) of a count map at `path`."""
    return [[label, cells.count(f"{prefix}.{code}", *path, code)] for code, label in labelled]


def _sorted_codes(*maps: dict) -> list[str]:
    """Codes of the country maps of this and the previous year, largest first."""
    codes = {code for m in maps for code in m}
    return sorted(codes, key=lambda c: (c == UNKNOWN, -maps[0].get(c, 0), c))


def _identification(cells: Cells, report: dict, earlier: dict) -> Section:
    count = cells.count
    total = count("identification.identified_total", "identification", "identified_total")
    figures = Table(
        "identification_figures",
        _("Victims identified and presumed"),
        [_("Figure"), _("Persons")],
        [
            [_("Officially identified victims"), total],
            [
                _("Presumed victims registered"),
                count("identification.presumed_total", "identification", "presumed_total"),
            ],
        ],
    )
    sex_age = Table(
        "identified_by_sex_age",
        _("Identified victims by sex and age (age on the identification date)"),
        [_("Sex"), *AgeGroup.labels, _("Total")],
        _sex_age(cells, "identification.sex_age", ("identification", "identified_by_sex_age"), total.id),
        chart="stacked",
        totals=True,
    )
    codes = _sorted_codes(
        report["identification"]["identified_by_nationality"],
        earlier["identification"]["identified_by_nationality"],
    )
    nat_rows = [
        [
            country_name(c),
            count(f"identification.nationality.{c}", "identification", "identified_by_nationality", c),
        ]
        for c in codes
    ]
    cells.group(tuple(r[1].id for r in nat_rows), total.id)
    nationality_table = Table(
        "identified_by_nationality",
        _("Identified victims by nationality"),
        [_("Nationality"), _("Persons")],
        nat_rows,
        "bars",
    )
    national = cells.zero_unless_counted(f"identification.nationality.{HOME_COUNTRY}")
    unknown = cells.zero_unless_counted(f"identification.nationality.{UNKNOWN}")
    foreign = count("identification.identified_foreign", "identification", "identified_foreign")
    foreign_members = tuple(r[1].id for r in nat_rows if r[1].id not in (national.id, unknown.id))
    cells.group(foreign_members, foreign.id)
    cells.group((national.id, foreign.id, unknown.id), total.id)
    origin = Table(
        "identified_national_foreign",
        _("Identified victims: national and foreign"),
        [_("Origin"), _("Persons")],
        [[_("Belizean"), national], [_("Foreign"), foreign], [_("Nationality unknown"), unknown]],
    )
    forms = [*Exploitation.choices, (NOT_SPECIFIED, _("Not specified")), (MULTIPLE, _("Two or more forms"))]
    exploitation = Table(
        "identified_by_exploitation",
        _("Identified victims by form of exploitation"),
        [_("Form of exploitation"), _("Persons")],
        _rows(cells, "identification.exploitation", ("identification", "identified_by_exploitation"), forms),
        "bars",
        note=_("A victim of several forms counts under each of them (and under “two or more”)."),
    )
    return Section(
        "identification",
        _("Victim identification"),
        [figures, sex_age, nationality_table, origin, exploitation],
    )


def _assistance(cells: Cells) -> Section:
    count = cells.count
    assisted = count("assistance.assisted_total", "assistance", "assisted_total")
    new = count("assistance.assisted_new", "assistance", "assisted_new")
    continuing = count("assistance.assisted_continuing", "assistance", "assisted_continuing")
    cells.group((new.id, continuing.id), assisted.id)
    figures = Table(
        "assistance_figures",
        _("Victims assisted"),
        [_("Figure"), _("Persons")],
        [
            [_("Victims assisted in the year"), assisted],
            [_("of whom first assisted this year"), new],
            [_("of whom in care from previous years"), continuing],
        ],
    )
    sex_age = Table(
        "assisted_by_sex_age",
        _("Assisted victims by sex and age (age on their first day in care in the year)"),
        [_("Sex"), *AgeGroup.labels, _("Total")],
        _sex_age(cells, "assistance.sex_age", ("assistance", "assisted_by_sex_age"), assisted.id),
        chart="stacked",
        totals=True,
    )
    services = Table(
        "assisted_by_service",
        _("Assisted victims by service received"),
        [_("Service"), _("Persons")],
        [
            [label, count(f"assistance.service.{code}", "assistance", "assisted_by_service", code)]
            for code, label in ServiceType.choices
        ],
        "bars",
        note=_("A victim who received several services counts under each."),
    )
    accommodation_rows = [
        [ServiceType(code).label, Ref(f"assistance.service.{code}")]
        for code in ("shelter", "independent_living", "foster_care")
    ]
    accommodation_rows.append(
        [_("No accommodation"), count("assistance.accommodation.none", "assistance", "accommodation", "none")]
    )
    accommodation = Table(
        "accommodation",
        _("Accommodation of assisted victims"),
        [_("Accommodation"), _("Persons")],
        accommodation_rows,
        "bars",
    )
    return Section("assistance", _("Assisted victims"), [figures, sex_age, services, accommodation])


PROSECUTION_LABELS = {
    "cases_reported": gettext_lazy("Cases reported"),
    "investigations_opened": gettext_lazy("Investigations opened"),
    "prosecutions_initiated": gettext_lazy("Prosecutions initiated"),
    "persons_prosecuted": gettext_lazy("Persons prosecuted"),
    "persons_convicted": gettext_lazy("Persons convicted"),
    "persons_acquitted": gettext_lazy("Persons acquitted"),
}


def _prosecution(cells: Cells) -> Section:
    figures = Table(
        "prosecution_figures",
        _("Prosecution and access to justice"),
        [_("Figure"), _("Number")],
        [
            [label, cells.count(f"prosecution.{key}", "prosecution", key)]
            for key, label in PROSECUTION_LABELS.items()
        ],
    )
    convictions = Table(
        "convictions_by_exploitation",
        _("Persons convicted by form of exploitation"),
        [_("Form of exploitation"), _("Persons")],
        [
            [
                label,
                cells.count(
                    f"prosecution.convictions.{code}", "prosecution", "convictions_by_exploitation", code
                ),
            ]
            for code, label in [*Exploitation.choices, (NOT_SPECIFIED, _("Not specified"))]
        ],
        "bars",
    )
    return Section("prosecution", _("Prosecution and access to justice"), [figures, convictions])


def _repatriation(cells: Cells, report: dict, earlier: dict) -> Section:
    repatriated = cells.count("repatriation.repatriated_total", "repatriation", "repatriated_total")
    codes = _sorted_codes(
        report["repatriation"]["repatriated_by_country"], earlier["repatriation"]["repatriated_by_country"]
    )
    rows = _rows(
        cells,
        "repatriation.country",
        ("repatriation", "repatriated_by_country"),
        [(c, country_name(c)) for c in codes],
    )
    cells.group(tuple(r[1].id for r in rows), repatriated.id)
    return Section(
        "repatriation",
        _("Repatriation"),
        [
            Table(
                "repatriation_figures",
                _("Victims repatriated"),
                [_("Figure"), _("Persons")],
                [[_("Victims returned home"), repatriated]],
            ),
            Table(
                "repatriated_by_country",
                _("Victims repatriated by destination country"),
                [_("Destination"), _("Persons")],
                rows,
                "bars",
            ),
        ],
    )


def _prevention(cells: Cells, report: dict, public: bool) -> Section:
    """Counts of activities and trainees, which reveal no victim: never suppressed."""
    count = cells.count
    activities = report["prevention"]
    figures = Table(
        "prevention_figures",
        _("Prevention"),
        [_("Figure"), _("Number")],
        [
            [_("Trainings"), count("prevention.trainings", "prevention", "trainings")],
            [_("People trained"), count("prevention.people_trained", "prevention", "people_trained")],
            [
                _("Indirect activities (research, policy, coordination)"),
                count("prevention.indirect_activities", "prevention", "indirect_activities"),
            ],
        ],
        note="" if activities["indirect_activities"] else _("No indirect activity recorded means “no data”."),
    )
    audience = Table(
        "trained_by_audience",
        _("People trained by audience"),
        [_("Audience"), _("People")],
        [
            [label, count(f"prevention.audience.{code}", "prevention", "trained_by_audience", code)]
            for code, label in Audience.choices
        ],
        "bars",
    )
    columns = [_("Date"), _("Title"), _("Audience"), _("Participants")]
    rows = [
        [c["date"], c["title"], Audience(c["audience"]).label if c["audience"] else None, c["participants"]]
        for c in activities["campaigns"]
    ]
    if not public:  # activity references are internal
        columns = [_("Reference"), *columns]
        rows = [[c["reference"], *row] for c, row in zip(activities["campaigns"], rows, strict=True)]
    campaigns = Table("campaigns", _("Campaigns"), columns, rows)
    return Section("prevention", _("Prevention"), [figures, audience, campaigns])


def _tip(cells: Cells) -> Section:
    """What the government reports each year to the US Trafficking in Persons Report
    (docs/tip-indicators.md). Victims' counts reuse the identification cells where they are the
    same figure."""
    count = cells.count
    law = Table(
        "tip_law_enforcement",
        _("Law enforcement"),
        [_("Figure"), _("Number")],
        [
            [label, count(f"tip.{key}", "tip", key)]
            for key, label in [
                ("investigations_initiated", _("Investigations initiated")),
                ("prosecutions_initiated", _("Prosecutions initiated")),
                ("persons_prosecuted", _("Persons prosecuted")),
                ("persons_convicted", _("Persons convicted")),
            ]
        ],
    )
    convicted = Table(
        "tip_convicted_by_form",
        _("Persons convicted by form of trafficking"),
        [_("Form"), _("Persons")],
        _rows(cells, "tip.convicted", ("tip", "convicted_by_form"), TIP_FORM_LABELS.items()),
        note=_("A person convicted of charges of several forms counts under each."),
    )
    sentences = Table(
        "tip_sentences",
        _("Sentences of the persons convicted (longest prison term)"),
        [_("Sentence"), _("Persons")],
        _rows(cells, "tip.sentences", ("tip", "sentences"), SENTENCE_LABELS.items()),
        note=_("The records hold no suspended or fine-only sentences: not reported."),
    )
    identified = Table(
        "tip_victims_identified",
        _("Victims identified by form of trafficking"),
        [_("Form"), _("Persons")],
        _rows(cells, "tip.victims.form", ("tip", "victims_by_form"), TIP_FORM_LABELS.items()),
        note=_("A victim of several forms counts under each."),
    )
    ages = Table(
        "tip_victims_by_age",
        _("Victims identified: minors and adults"),
        [_("Age"), _("Persons")],
        [
            *([label, Ref(f"identification.sex_age.{TOTAL}.{code}")] for code, label in AgeGroup.choices),
            [_("Total"), Ref("identification.identified_total")],
        ],
        totals=True,
    )
    referred = Table(
        "tip_victims_referred",
        _("Victims referred to services"),
        [_("Figure"), _("Persons")],
        [
            [
                _("Identified victims with a service recorded"),
                count("tip.victims.referred", "tip", "victims_referred"),
            ]
        ],
    )
    return Section("tip", _("TIP Report indicators"), [law, convicted, sentences, identified, ages, referred])
