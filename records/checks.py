"""Pass 1 of an import (records.importer): every row checked, nothing written.

A row is checked as the application checks a record: its cells become values (records.cells),
the model instance is built from them and the model's own validation runs — its fields'
validators (length, code list, range, no date in the future or before 1900…) and, once every
cell is right, its `clean()` (the rules between the fields of one record). What only a file has
is checked here: references unique in their file and new to the database, links to rows of
other files, the case of a charge's suspect and prosecution, identification data on a person who
is not identified.

A row is forgotten once checked: what is remembered are the references seen, and the few fields
of a case, a suspect or a prosecution that the rows of later files need (NEEDED_LATER).
"""

from collections.abc import Callable

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django_countries.fields import CountryField

from records import formats as F
from records.cells import parse_row, unknown_code
from victims.models import IdentificationStatus

OnProblem = Callable[[str, int, str, str], None]  # (file label, row, column, message)

# The columns of a row that later files need, by file: the report date that a prosecution's
# clean() compares its filing with, the filing date that a charge's clean() compares its verdict
# with, and the cases that a charge's suspect and prosecution must share.
NEEDED_LATER = {
    "cases.csv": ("reported_on",),
    "suspects.csv": ("case_reference",),
    "prosecutions.csv": ("case_reference", "filed_on"),
}
# The linked records a model's clean() reads: the row's instance is given a stand-in for them.
READ_BY_CLEAN = ("cases.csv", "prosecutions.csv")
NOUNS = {
    "victims.csv": "victim",
    "cases.csv": "case",
    "suspects.csv": "suspect",
    "prosecutions.csv": "prosecution",
}


class Checker:
    """Pass 1 of one import: rows are handed in file by file, in the order of records.formats."""

    def __init__(self, *, problem: OnProblem, unchecked: set[str]):
        self.problem = problem
        self.unchecked = unchecked  # files whose references could not all be read
        self.seen: dict[str, dict[str, int]] = {}  # file -> reference -> row
        self.in_database: dict[str, set[str]] = {}
        self.needed: dict[str, dict[str, tuple]] = {}  # file -> reference -> NEEDED_LATER values
        self.files: dict[str, _FileChecks] = {}

    def check(self, fmt: F.FileFormat, label: str, number: int, raw: dict[str, str]) -> None:
        """Check one row (`raw`: column -> text, for the columns of the file's header)."""
        found: list[tuple[str, str]] = []
        bad: set[str] = set()

        def err(column, message):
            found.append((column, message))
            bad.add(column)

        checks = self.files.get(fmt.name) or self._start(fmt, raw)
        values = parse_row(fmt, raw, err)
        instance = checks.instance(values)
        try:
            instance.clean_fields(exclude=checks.exclude | bad if bad else checks.exclude)
        except ValidationError as error:
            self._report(fmt, error, err)
        for name, codes in checks.countries:
            if values[name] and values[name] not in codes:
                err(
                    name, f"unknown country code “{values[name]}” (ISO 3166-1 alpha-2 in upper case, e.g. GT)"
                )
        # The rules between fields are checked on right values only: a wrong or missing one would
        # be blank in the instance, and a rule would report its absence instead of its error.
        if not bad and checks.complete:
            self._clean(fmt, instance, values, err)
            if fmt is F.VICTIMS:
                _identification_rule(values, err)
        self._check_links(fmt, number, values, bad, err)
        if fmt is F.CHARGES:
            self._same_case_rule(values, err)
        if found:
            found.sort(key=lambda p: checks.position.get(p[0], len(checks.position)))
            for column, message in found:
                self.problem(label, number, column, message)

    def _start(self, fmt: F.FileFormat, raw: dict[str, str]) -> "_FileChecks":
        self.seen.setdefault(fmt.name, {})
        checks = self.files[fmt.name] = _FileChecks(fmt, present=set(raw))
        return checks

    # --- the model's validation ---------------------------------------------------------------

    def _clean(self, fmt, instance, values, err) -> None:
        unknown = False  # a linked record that clean() may read, unknown or with a problem
        for column in fmt.columns:
            if column.kind == F.LINK and column.target in READ_BY_CLEAN:
                stand_in = self._stand_in(column.target, values[column.name])
                if stand_in is None:
                    unknown = True
                else:
                    setattr(instance, column.field.name, stand_in)
        try:
            instance.clean()
        except ValidationError as error:
            self._report(fmt, error, err)
        except ObjectDoesNotExist:
            if not unknown:
                raise  # clean() reads a linked record that READ_BY_CLEAN does not name
            # else: the link, or the linked row, has its own problem, reported there

    def _stand_in(self, name: str, reference: str):
        """An unsaved copy of the record `reference` of file `name` (in the file or the database),
        with the fields remembered of it: enough for a clean() that reads it, without a query. Its key
        is its reference, so that links compare as they would between saved records."""
        values = self._needed(name).get(reference)
        if values is None or None in values:
            return None
        fmt = F.BY_NAME[name]
        fields = {
            fmt.column(column).field.attname: v for column, v in zip(NEEDED_LATER[name], values, strict=True)
        }
        return fmt.model(pk=reference, **fields)

    def _report(self, fmt, error: ValidationError, err) -> None:
        """Each message of a model's ValidationError as a problem of the column of its field."""
        for field, errors in error.update_error_dict({}).items():
            column = fmt.by_field.get(field) if field != NON_FIELD_ERRORS else None
            for e in errors:
                err(column.name if column else "-", _message(column, e))

    # --- what only a file has -----------------------------------------------------------------

    def _check_links(self, fmt, number, values, bad, err) -> None:
        for column in fmt.columns:
            value = values[column.name]
            if not value or column.name in bad:
                continue
            if column.kind == F.REFERENCE:
                seen = self.seen[fmt.name]
                if value in seen:
                    err(column.name, f"{value} appears twice in this file (first in row {seen[value]})")
                else:
                    seen[value] = number
                    if fmt.name in NEEDED_LATER:
                        self._needed(fmt.name)[value] = tuple(
                            None if name in bad else values[name] for name in NEEDED_LATER[fmt.name]
                        )
                if value in self._in_database(fmt.name):
                    err(column.name, f"{value} already exists in the database")
            elif column.kind == F.LINK:
                self._check_link(column, value, err)
            elif column.kind == F.LINKS:
                for reference in value:
                    self._check_link(column, reference, err)

    def _check_link(self, column: F.Column, reference: str, err) -> None:
        target = column.target
        if target in self.unchecked:
            return
        if reference not in self.seen.get(target, ()) and reference not in self._in_database(target):
            err(column.name, f"no {NOUNS[target]} with reference {reference} in {target} or in the database")

    def _same_case_rule(self, values, err) -> None:
        """A charge's suspect belongs to the case its prosecution comes from."""
        prosecution, suspect = values["prosecution_reference"], values["suspect_reference"]
        case = self._needed("prosecutions.csv").get(prosecution, (None,))[0]
        suspects_case = self._needed("suspects.csv").get(suspect, (None,))[0]
        if case and suspects_case and case != suspects_case:
            err(
                "suspect_reference",
                f"suspect {suspect} belongs to case {suspects_case}, but prosecution {prosecution} "
                f"is of case {case}",
            )

    def _in_database(self, name: str) -> set[str]:
        if name not in self.in_database:
            model = F.BY_NAME[name].model
            self.in_database[name] = set(model.objects.values_list(F.REFERENCE_FIELD, flat=True))
        return self.in_database[name]

    def _needed(self, name: str) -> dict[str, tuple]:
        """reference -> the NEEDED_LATER columns of the records of file `name`, in the database or seen."""
        if name not in self.needed:
            fmt = F.BY_NAME[name]
            paths = [fmt.column(column).path for column in NEEDED_LATER[name]]
            rows = fmt.model.objects.values_list(F.REFERENCE_FIELD, *paths)
            self.needed[name] = {reference: tuple(values) for reference, *values in rows}
        return self.needed[name]


class _FileChecks:
    """What is the same for every row of one file."""

    def __init__(self, fmt: F.FileFormat, *, present: set[str]):
        # The instance gets the record's own values; links are checked by reference instead.
        self.fields = [c.name for c in fmt.columns if c.is_value]
        missing = {c.field_name for c in fmt.columns if c.required and c.name not in present}
        # django-countries rebuilds its list of 249 countries to check each value, which takes
        # longer than the rest of the row: the code is looked up in a set of the same list. (The
        # field would also take "gt" or "GTM" for GT, but the file holds the code as stored.)
        self.countries = [
            (c.name, frozenset(code for code, _name in c.field.flatchoices))
            for c in fmt.columns
            if isinstance(c.field, CountryField)
        ]
        # Fields outside the file keep their defaults; a missing column is reported once, in row 1.
        outside = {f.name for f in fmt.model._meta.fields if f.name not in self.fields}
        self.exclude = outside | missing | {name for name, _codes in self.countries}
        # Without a required column, no row is complete enough for the rules between fields.
        self.complete = not missing
        self.position = {name: index for index, name in enumerate(fmt.column_names)}
        # Positional arguments, one per concrete field, are Django's fast way to build an instance
        # (as when it reads rows); fields outside the file get their default.
        self.model = fmt.model
        concrete = fmt.model._meta.concrete_fields
        self.defaults = [f.get_default() for f in concrete]
        self.slots = [(index, f.attname) for index, f in enumerate(concrete) if f.attname in self.fields]

    def instance(self, values: dict):
        """The model instance of a row, with the record's own values."""
        args = self.defaults.copy()
        for index, name in self.slots:
            args[index] = values[name]
        return self.model(*args)


def _identification_rule(values, err) -> None:
    """Identification date and institution are the official decision's: only for identified."""
    status = values["identification_status"]
    if status != IdentificationStatus.IDENTIFIED:
        for column in ("identification_date", "identified_by"):
            if values[column]:
                err(column, f"only recorded for identified persons (identification_status is {status})")


def _message(column: F.Column | None, error: ValidationError) -> str:
    if column is not None and error.code == "invalid_choice":
        value = error.params["value"]
        return unknown_code([value], [code for code, _label in column.field.flatchoices])
    return str(error.message % error.params if error.params else error.message)
