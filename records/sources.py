"""Reading an import, row by row, from a folder of CSV files or from one .xlsx workbook.

Both readers stream: a row is read, handed on and forgotten, so memory does not grow with the
file. Each can be read twice (the importer checks everything first, then writes).
"""

import csv
import datetime
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

Row = tuple[int, list[str]]  # (row number as a spreadsheet shows it, cells)


class SourceError(Exception):
    """The path cannot be read as an import at all (not a folder, not a workbook…)."""


class NotUtf8(Exception):
    def __init__(self, detail: str):
        super().__init__(detail)
        self.detail = detail


class CsvFolder:
    def __init__(self, path: Path):
        self.path = path

    def names(self) -> set[str]:
        """The CSV files present (other files, such as notes or JSON, are not part of an import)."""
        return {p.name for p in self.path.iterdir() if p.is_file() and p.suffix.lower() == ".csv"}

    def label(self, name: str) -> str:
        return name

    def rows(self, name: str) -> Iterator[Row]:
        with open(self.path / name, "rb") as raw:
            # csv.reader takes any iterable of lines; decoding line by line tells us where a
            # non-UTF-8 byte is, and a quoted cell spanning lines still reads as one cell.
            yield from enumerate(csv.reader(_decoded_lines(raw)), start=1)

    def close(self) -> None:
        pass


def _decoded_lines(raw) -> Iterator[str]:
    for number, line in enumerate(raw, start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = line[error.start : error.start + 1].hex()
            raise NotUtf8(f"byte 0x{bad} on line {number}") from None
        if number == 1 and text.startswith("\ufeff"):  # the BOM Excel writes in "CSV UTF-8"
            text = text[1:]
        yield text


class Workbook:
    def __init__(self, path: Path):
        try:
            self.book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise SourceError(f"{path.name} is not a readable .xlsx workbook ({error}).") from None

    def names(self) -> set[str]:
        return {f"{title}.csv" for title in self.book.sheetnames}

    def label(self, name: str) -> str:
        return name.removesuffix(".csv")

    def rows(self, name: str) -> Iterator[Row]:
        sheet = self.book[self.label(name)]
        # The dimensions some writers store are wrong; without them every row is read.
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in values]

    def close(self) -> None:
        self.book.close()


def _cell_text(value) -> str:
    """A cell as the text a CSV file would hold (spreadsheets type dates, numbers, booleans)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def open_source(path: Path):
    """A folder of CSV files or one .xlsx workbook."""
    if path.is_dir():
        return CsvFolder(path)
    if path.is_file() and path.suffix.lower() == ".xlsx":
        return Workbook(path)
    if not path.exists():
        raise SourceError(f"{path} does not exist.")
    raise SourceError(f"{path} is neither a folder of CSV files nor an .xlsx workbook.")
