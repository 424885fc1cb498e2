"""Text cells written to CSV and XLSX files: safe to open in a spreadsheet."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Spreadsheet formula injection (OWASP "CSV injection"): a cell starting with one of these is
# run as a formula by Excel/LibreOffice. Such cells get a leading quote; `unneutralise` removes
# exactly that quote again, so that an export → import round trip is lossless.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`value` made safe to open in a spreadsheet (text only; other values pass unchanged)."""
    if not isinstance(value, str):
        return value
    # Quotes already in front of a formula character get one more, so that unneutralise can
    # tell the added quote from the value's own.
    return "'" + value if value.lstrip("'").startswith(FORMULA_STARTS) else value


def unneutralise(value: str) -> str:
    return value[1:] if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS) else value


def xlsx_safe(value):
    """`value` without the control characters an XLSX file cannot hold (a vertical tab pasted
    into a name from a word processor would otherwise make the whole export fail)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
