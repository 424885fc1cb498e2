"""The import/export format of spec/data-dictionary.md ("Import format"), declared once.

A file is a model and its columns, and a column names the model field it fills. Everything else
about a column comes from that field (`_meta`): how its cell is written, whether it is required
(a field that may not be blank), its length and code list (checked by the model's own
validation). The importer, the writers and the exporter all read these declarations, so that
they can never disagree on a column's name, its order or its rules. The file order is a
dependency order: a file only refers to files before it.
"""

from functools import cached_property

from django.db import models

from cases.models import Case, Suspect
from prevention.models import Activity
from prosecutions.models import Charge, Prosecution
from services.models import Repatriation, ServiceEpisode
from victims.models import Victim
from victims.services import PERSON_FIELDS
from victims.trafficking import TRAFFICKING_FIELDS


class YesNo(models.TextChoices):
    """How the file writes a yes/no field (a BooleanField)."""

    YES = "yes", "Yes"
    NO = "no", "No"


# How a cell is written, from its field.
TEXT = "text"  # text or a code, stored as is ("" when blank); the field checks length and code
DATE = "date"  # YYYY-MM-DD
INT = "int"  # a whole number
YES_NO = "yes_no"  # yes or no
CODES = "codes"  # a set of codes separated by ";" (exploitation forms)
# A list of codes kept on the record itself (a JSON list: the HTCDS multiselects of
# victims.trafficking), separated by ";" as a set is; kept in the order written.
CODE_LIST = "code_list"
REFERENCE = "reference"  # this row's own reference: unique in its file and in the database
LINK = "link"  # the reference of a row of another file (a foreign key)
LINKS = "links"  # a set of references of rows of another file (a many-to-many field)

SET_SEPARATOR = ";"
REFERENCE_FIELD = "reference"  # what a link names in the file it points to


class Column:
    def __init__(self, name: str, field: str = ""):
        self.name = name  # in the file
        self.field_name = field or name  # in the model; only links are named otherwise
        self.file: FileFormat | None = None  # set by its FileFormat

    def __repr__(self):
        return f"<Column {self.name}>"

    @cached_property
    def field(self) -> models.Field:
        return self.file.model._meta.get_field(self.field_name)

    @cached_property
    def kind(self) -> str:
        field = self.field
        if isinstance(field, models.JSONField):
            return CODE_LIST
        if field.many_to_many:
            return LINKS if field.related_model in FILE_OF_MODEL else CODES
        if field.many_to_one:
            return LINK
        if field.name == REFERENCE_FIELD:
            return REFERENCE
        if isinstance(field, models.DateField):
            return DATE
        if isinstance(field, models.IntegerField):
            return INT
        if isinstance(field, models.BooleanField):
            return YES_NO
        return TEXT

    @cached_property
    def required(self) -> bool:
        return not self.field.blank

    @cached_property
    def target(self) -> str:
        """LINK / LINKS: the file whose references this column names."""
        return FILE_OF_MODEL[self.field.related_model].name

    @cached_property
    def codes(self) -> tuple[str, ...]:
        """CODES: the code list of the set (the codes of the model the field points to);
        CODE_LIST: the code list of the field's validator (victims.trafficking.CodesOf)."""
        if self.kind == CODE_LIST:
            (validator,) = [v for v in self.field.validators if hasattr(v, "choices")]
            return tuple(value for value, _label in validator.choices)
        return tuple(value for value, _label in self.field.related_model._meta.pk.flatchoices)

    @cached_property
    def path(self) -> str:
        """The column's value as a lookup from its model (for a link: the reference it names)."""
        if self.kind == LINK:
            return f"{self.field.name}__{REFERENCE_FIELD}"
        return self.field.name

    @cached_property
    def is_set(self) -> bool:
        return self.kind in (CODES, LINKS)

    @cached_property
    def is_value(self) -> bool:
        """A value of the record itself (not a link to, or a set of, other rows)."""
        return self.kind not in (LINK, CODES, LINKS)

    @cached_property
    def blank(self):
        """The value of a blank cell, as the model stores it."""
        if self.is_set or self.kind == CODE_LIST:
            return []
        return None if self.field.null or self.kind != TEXT else ""


class FileFormat:
    def __init__(self, name: str, model: type[models.Model], *columns: str | Column):
        self.name = name  # "victims.csv"
        self.model = model
        self.columns = tuple(c if isinstance(c, Column) else Column(c) for c in columns)
        for column in self.columns:
            column.file = self

    def __repr__(self):
        return f"<FileFormat {self.name}>"

    @property
    def sheet(self) -> str:
        """The sheet name in an .xlsx workbook."""
        return self.name.removesuffix(".csv")

    @cached_property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column | None:
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    @cached_property
    def by_field(self) -> dict[str, Column]:
        """field name -> its column."""
        return {c.field_name: c for c in self.columns}

    @cached_property
    def has_reference(self) -> bool:
        return REFERENCE_FIELD in self._by_name


VICTIMS = FileFormat(
    "victims.csv",
    Victim,
    "reference",
    *PERSON_FIELDS,
    "identification_status",
    "identification_date",
    "identified_by",
    "exploitation_forms",
    "district",
    # Not in spec/data-dictionary.md: optional columns of this application (docs/import-format.md),
    # the HTCDS 2.0 facts in the standard's codes. A file without them imports as before.
    *TRAFFICKING_FIELDS,
)
SERVICES = FileFormat(
    "services.csv",
    ServiceEpisode,
    Column("victim_reference", "victim"),
    "service_type",
    "provider",
    "start_date",
    "end_date",
)
REPATRIATIONS = FileFormat(
    "repatriations.csv",
    Repatriation,
    Column("victim_reference", "victim"),
    "destination_country",
    "status",
    "return_date",
    "assisted_by",
)
CASES = FileFormat(
    "cases.csv",
    Case,
    "reference",
    "reported_on",
    "source",
    "district",
    "status",
    "investigation_opened_on",
    "exploitation_forms",
    Column("victim_references", "victims"),
)
SUSPECTS = FileFormat(
    "suspects.csv",
    Suspect,
    "reference",
    Column("case_reference", "case"),
    "given_name",
    "family_name",
    "sex",
    "nationality",
    "date_of_birth",
)
PROSECUTIONS = FileFormat(
    "prosecutions.csv",
    Prosecution,
    "reference",
    Column("case_reference", "case"),
    "court",
    "filed_on",
)
CHARGES = FileFormat(
    "charges.csv",
    Charge,
    Column("prosecution_reference", "prosecution"),
    Column("suspect_reference", "suspect"),
    "offence",
    "exploitation_form",
    "outcome",
    "verdict_date",
    "sentence_months",
)
PREVENTION = FileFormat(
    "prevention.csv",
    Activity,
    "reference",
    "date",
    "kind",
    "direct",
    "title",
    "audience",
    "participants",
    "organiser",
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
FILE_OF_MODEL = {f.model: f for f in FORMATS}
