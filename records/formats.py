"""The import/export format of spec/data-dictionary.md ("Import format"), declared once.

Both the importer and the exporter read these tables, so that the two can never disagree on a
column name, its order or its code list. The file order is a dependency order: a file only
refers to files before it.
"""

from dataclasses import dataclass

from django.db import models

from atip.codes import District, Exploitation, Sex
from cases.models import CaseSource, CaseStatus
from prevention.models import ActivityKind, Audience
from prosecutions.models import Court, Offence, Outcome
from services.models import RepatriationStatus, ServiceType
from victims.models import IdentificationStatus, IdentifiedBy


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


# Cell kinds.
TEXT = "text"  # free text, stored as is ("" when blank)
CODE = "code"  # one code of `choices`
CODES = "codes"  # a set of codes of `choices`, separated by ";"
DATE = "date"  # YYYY-MM-DD
INT = "int"  # a whole number between `minimum` and `maximum`
COUNTRY = "country"  # ISO 3166-1 alpha-2, upper case
REFERENCE = "reference"  # this row's own reference: unique in its file and in the database
LINK = "link"  # the reference of a row of file `target`
LINKS = "links"  # a set of references of rows of file `target`

SET_SEPARATOR = ";"
# The largest value a PositiveIntegerField holds on every database.
INT_MAX = 2_147_483_647


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool = False
    choices: type[models.TextChoices] | None = None
    max_length: int | None = None
    minimum: int = 0
    maximum: int = INT_MAX
    target: str = ""  # LINK / LINKS: the file whose `reference` this names
    may_be_future: bool = False  # DATE: the file's own rule decides (a planned return)


@dataclass(frozen=True)
class FileFormat:
    name: str  # "victims.csv"
    columns: tuple[Column, ...]

    @property
    def sheet(self) -> str:
        """The sheet name in an .xlsx workbook."""
        return self.name.removesuffix(".csv")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def _ref(name="reference"):
    return Column(name, REFERENCE, required=True, max_length=32)


def _text(name, max_length=None, required=False):
    return Column(name, TEXT, required=required, max_length=max_length)


VICTIMS = FileFormat(
    "victims.csv",
    (
        _ref(),
        _text("given_name", 100),
        _text("family_name", 100),
        Column("sex", CODE, required=True, choices=Sex),
        Column("date_of_birth", DATE),
        Column("age_estimate", INT, maximum=120),
        Column("nationality", COUNTRY),
        Column("registered_on", DATE, required=True),
        Column("identification_status", CODE, required=True, choices=IdentificationStatus),
        Column("identification_date", DATE),
        Column("identified_by", CODE, choices=IdentifiedBy),
        Column("exploitation_forms", CODES, choices=Exploitation),
        Column("district", CODE, choices=District),
    ),
)
SERVICES = FileFormat(
    "services.csv",
    (
        Column("victim_reference", LINK, required=True, target="victims.csv"),
        Column("service_type", CODE, required=True, choices=ServiceType),
        _text("provider", 200),
        Column("start_date", DATE, required=True),
        Column("end_date", DATE),
    ),
)
REPATRIATIONS = FileFormat(
    "repatriations.csv",
    (
        Column("victim_reference", LINK, required=True, target="victims.csv"),
        Column("destination_country", COUNTRY, required=True),
        Column("status", CODE, required=True, choices=RepatriationStatus),
        Column("return_date", DATE, may_be_future=True),
        _text("assisted_by", 200),
    ),
)
CASES = FileFormat(
    "cases.csv",
    (
        _ref(),
        Column("reported_on", DATE, required=True),
        Column("source", CODE, required=True, choices=CaseSource),
        Column("district", CODE, choices=District),
        Column("status", CODE, required=True, choices=CaseStatus),
        Column("investigation_opened_on", DATE),
        Column("exploitation_forms", CODES, choices=Exploitation),
        Column("victim_references", LINKS, target="victims.csv"),
    ),
)
SUSPECTS = FileFormat(
    "suspects.csv",
    (
        _ref(),
        Column("case_reference", LINK, required=True, target="cases.csv"),
        _text("given_name", 100),
        _text("family_name", 100),
        Column("sex", CODE, required=True, choices=Sex),
        Column("nationality", COUNTRY),
        Column("date_of_birth", DATE),
    ),
)
PROSECUTIONS = FileFormat(
    "prosecutions.csv",
    (
        _ref(),
        Column("case_reference", LINK, required=True, target="cases.csv"),
        Column("court", CODE, required=True, choices=Court),
        Column("filed_on", DATE, required=True),
    ),
)
CHARGES = FileFormat(
    "charges.csv",
    (
        Column("prosecution_reference", LINK, required=True, target="prosecutions.csv"),
        Column("suspect_reference", LINK, required=True, target="suspects.csv"),
        Column("offence", CODE, required=True, choices=Offence),
        Column("exploitation_form", CODE, choices=Exploitation),
        Column("outcome", CODE, required=True, choices=Outcome),
        Column("verdict_date", DATE),
        Column("sentence_months", INT),
    ),
)
PREVENTION = FileFormat(
    "prevention.csv",
    (
        _ref(),
        Column("date", DATE, required=True),
        Column("kind", CODE, required=True, choices=ActivityKind),
        Column("direct", CODE, required=True, choices=YesNo),
        _text("title", 200, required=True),
        Column("audience", CODE, choices=Audience),
        Column("participants", INT),
        _text("organiser", 200),
    ),
)

# In dependency order: victims before the files naming them, cases before suspects…
FORMATS: tuple[FileFormat, ...] = (
    VICTIMS,
    SERVICES,
    REPATRIATIONS,
    CASES,
    SUSPECTS,
    PROSECUTIONS,
    CHARGES,
    PREVENTION,
)
BY_NAME = {f.name: f for f in FORMATS}
