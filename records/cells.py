"""A cell's text as a Python value: only what a text file adds to the model.

Dates written YYYY-MM-DD, whole numbers, yes/no, sets and lists of codes separated by ";" and
references are the file's own syntax, checked here (a list's codes too: the model's validator
would only say "Choose from the list."). What a value may then be — its range, length, code
list, a date in the future or before 1900, and every rule between fields — is for the model to
say (records.checks runs its validation).
"""

import datetime
import functools
import re
from collections.abc import Callable

from django.db.backends.base.operations import BaseDatabaseOperations

from records import formats as F

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
INT_RE = re.compile(r"[+-]?\d+")


class BadCell(Exception):
    """The text is not a value of its column's kind (the message says why)."""


def unknown_code(codes, allowed) -> str:
    return f"unknown code “{'”, “'.join(codes)}” (allowed: {', '.join(allowed)})"


def parse_row(fmt: F.FileFormat, raw: dict[str, str], err: Callable[[str, str], None]) -> dict:
    """Each column's value (its `blank` when the cell is blank or wrong); `err` hears what is wrong."""
    values = {}
    for column in fmt.columns:
        text = raw.get(column.name, "")
        value = column.blank
        if not text:
            if column.required and column.name in raw:
                err(column.name, "required value is blank")
        else:
            try:
                value = PARSERS[column.kind](column, text)
            except BadCell as error:
                err(column.name, str(error))
        values[column.name] = value
    return values


def _text(column, text):
    return text


def _date(column, text):
    if not DATE_RE.fullmatch(text):
        raise BadCell(f"“{text}” is not a date written YYYY-MM-DD")
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise BadCell(f"{text} is not a real date") from None


@functools.cache
def _largest(internal_type: str) -> int:
    # A file must import into any database: SQLite would take numbers PostgreSQL refuses.
    return BaseDatabaseOperations.integer_field_ranges[internal_type][1]


def _int(column, text):
    if not INT_RE.fullmatch(text):
        raise BadCell(f"“{text}” is not a whole number")
    number = int(text)
    if number > _largest(column.field.get_internal_type()):
        raise BadCell(f"{number} is too large")
    return number


def _yes_no(column, text):
    if text not in F.YesNo.values:
        raise BadCell(unknown_code([text], F.YesNo.values))
    return text == F.YesNo.YES


def _codes(column, text):
    codes = {code.strip() for code in text.split(F.SET_SEPARATOR)} - {""}
    unknown = sorted(codes.difference(column.codes))
    if unknown:
        raise BadCell(unknown_code(unknown, column.codes))
    return sorted(codes)


def _code_list(column, text):
    """Codes separated by ";", in the order written (a code written twice is kept once)."""
    codes = [code for code in dict.fromkeys(c.strip() for c in text.split(F.SET_SEPARATOR)) if code]
    unknown = [code for code in codes if code not in column.codes]
    if unknown:
        raise BadCell(unknown_code(unknown, column.codes))
    return codes


def _reference(column, text):
    if F.SET_SEPARATOR in text:
        raise BadCell(f"a reference cannot contain “{F.SET_SEPARATOR}”")
    return text


def _links(column, text):
    return sorted({ref.strip() for ref in text.split(F.SET_SEPARATOR)} - {""})


PARSERS = {
    F.TEXT: _text,
    F.DATE: _date,
    F.INT: _int,
    F.YES_NO: _yes_no,
    F.CODES: _codes,
    F.CODE_LIST: _code_list,
    F.REFERENCE: _reference,
    F.LINK: _text,
    F.LINKS: _links,
}
