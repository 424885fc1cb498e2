"""UNODC's questionnaire as tables (reports.layout), in its layout: the persons by sex and by
citizenship, then the victims by form of exploitation × sex and age, for all citizenships and
for nationals, foreigners and unknown citizenship apart, and foreign persons by country. The
CSV and XLSX writers of the annual report (reports.exports) write them."""

from django.utils.translation import gettext_lazy as _

from reports.layout import Layout, Ref, Section, Table, country_name
from reports.periods import Period
from reports.unodc import CITIZENSHIPS, PERSON_SEXES, STAGES, VICTIM_FORMS, VICTIM_GROUPS, unodc_figures

STAGE_LABELS = {
    "suspected": _("Persons suspected (investigation opened)"),
    "prosecuted": _("Persons prosecuted"),
    "convicted": _("Persons convicted"),
}
SEX_LABELS = {"male": _("Male"), "female": _("Female"), "other_unknown": _("Other or unknown")}
CITIZENSHIP_LABELS = {
    "national": _("Nationals"),
    "foreign": _("Foreign citizens"),
    "unknown": _("Citizenship unknown"),
}
FORM_LABELS = {
    "sexual_exploitation": _("Sexual exploitation"),
    "forced_labour": _("Forced labour (including domestic servitude)"),
    "organ_removal": _("Removal of organs"),
    "other_purposes": _("Other purposes (criminality, begging, marriage, adoption, other)"),
    "mixed": _("Mixed exploitation (forms of two or more kinds)"),
    "not_specified": _("Form not specified"),
}
GROUP_LABELS = {
    "girls": _("Girls"),
    "women": _("Women"),
    "female_age_unknown": _("Female, age unknown"),
    "boys": _("Boys"),
    "men": _("Men"),
    "male_age_unknown": _("Male, age unknown"),
    "sex_other_unknown": _("Sex other or unknown"),
}
TOTAL_LABEL = _("Total")


class _Cells:
    """Counts by cell id while the tables are built."""

    def __init__(self):
        self.values: dict[str, int] = {}

    def __call__(self, cell_id: str, n: int) -> Ref:
        self.values[cell_id] = n
        return Ref(cell_id)


def _persons(cells: _Cells, persons: dict) -> list[Table]:
    by_sex = Table(
        "unodc_persons_sex",
        _("Persons suspected, prosecuted and convicted, by sex"),
        [_("Stage"), *SEX_LABELS.values(), TOTAL_LABEL],
        [
            [
                STAGE_LABELS[stage],
                *(cells(f"persons.{stage}.{sex}", persons[stage]["by_sex"][sex]) for sex in PERSON_SEXES),
                cells(f"persons.{stage}.total", sum(persons[stage]["by_sex"].values())),
            ]
            for stage in STAGES
        ],
    )
    by_citizenship = Table(
        "unodc_persons_citizenship",
        _("Persons suspected, prosecuted and convicted, by sex and citizenship"),
        [_("Stage and sex"), *CITIZENSHIP_LABELS.values(), TOTAL_LABEL],
        [
            [
                f"{STAGE_LABELS[stage]} — {SEX_LABELS[sex]}",
                *(
                    cells(f"persons.{stage}.{sex}.{c}", persons[stage]["by_sex_citizenship"][sex][c])
                    for c in CITIZENSHIPS
                ),
                Ref(f"persons.{stage}.{sex}"),
            ]
            for stage in STAGES
            for sex in PERSON_SEXES
        ],
    )
    countries = sorted({code for stage in STAGES for code in persons[stage]["foreign_by_country"]})
    by_country = Table(
        "unodc_persons_country",
        _("Foreign persons suspected, prosecuted and convicted, by country of citizenship"),
        [_("Country"), *STAGE_LABELS.values()],
        [
            [
                country_name(code),
                *(
                    cells(f"persons.{s}.country.{code}", persons[s]["foreign_by_country"].get(code, 0))
                    for s in STAGES
                ),
            ]
            for code in countries
        ],
        note="" if countries else _("No foreign person in the period."),
    )
    return [by_sex, by_citizenship, by_country]


def _victim_table(cells: _Cells, key: str, title, counts: dict) -> Table:
    """Forms of exploitation × the sex and age columns, with totals; `counts` {form: {group: n}}."""
    rows = []
    for form in VICTIM_FORMS:
        row = [cells(f"victims.{key}.{form}.{g}", counts[form][g]) for g in VICTIM_GROUPS]
        rows.append(
            [FORM_LABELS[form], *row, cells(f"victims.{key}.{form}.total", sum(counts[form].values()))]
        )
    totals = [
        cells(f"victims.{key}.total.{g}", sum(counts[f][g] for f in VICTIM_FORMS)) for g in VICTIM_GROUPS
    ]
    grand = cells(f"victims.{key}.total", sum(sum(c.values()) for c in counts.values()))
    rows.append([TOTAL_LABEL, *totals, grand])
    return Table(
        f"unodc_victims_{key}",
        title,
        [_("Form of exploitation"), *GROUP_LABELS.values(), TOTAL_LABEL],
        rows,
        totals=True,
    )


def _victims(cells: _Cells, victims: dict) -> list[Table]:
    table = victims["by_citizenship"]
    every = {
        form: {g: sum(table[c][form][g] for c in CITIZENSHIPS) for g in VICTIM_GROUPS}
        for form in VICTIM_FORMS
    }
    tables = [_victim_table(cells, "all", _("Victims detected, by form of exploitation, sex and age"), every)]
    for c in CITIZENSHIPS:
        title = _("Victims detected — %(citizenship)s") % {"citizenship": CITIZENSHIP_LABELS[c]}
        tables.append(_victim_table(cells, c, title, table[c]))
    countries = victims["foreign_by_country"]
    tables.append(
        Table(
            "unodc_victims_country",
            _("Foreign victims detected, by country of citizenship, sex and age"),
            [_("Country"), *GROUP_LABELS.values(), TOTAL_LABEL],
            [
                [
                    country_name(code),
                    *(cells(f"victims.country.{code}.{g}", groups[g]) for g in VICTIM_GROUPS),
                    cells(f"victims.country.{code}.total", sum(groups.values())),
                ]
                for code, groups in countries.items()
            ],
            note="" if countries else _("No foreign victim in the period."),
        )
    )
    return tables


def unodc_layout(period: Period) -> Layout:
    """The questionnaire of the period as the internal edition (exact counts)."""
    figures = unodc_figures(period)
    cells = _Cells()
    sections = [
        Section(
            "unodc_persons",
            _("Persons suspected, prosecuted and convicted"),
            _persons(cells, figures["persons"]),
        ),
        Section("unodc_victims", _("Victims detected"), _victims(cells, figures["victims"])),
    ]
    return Layout(
        year=period.year,
        period=period if period.kind != "calendar" else None,
        public=False,
        sections=sections,
        values=cells.values,
        groups=[],
        previous={},
    )
