"""Import of records per spec/data-dictionary.md ("Import format", "Rules an import enforces").

Two passes over the files, in dependency order (victims before the services naming them…):
1. check every row of every file (records.checks: through the models' own validation), keeping
   only the references seen and the few fields later files need — nothing is written, and a row
   is forgotten once checked;
2. if nothing was wrong, read the files again and write them in one transaction, in batches
   (bulk inserts with their history rows), resolving references to ids as it goes.
Every problem is reported as `file:row: column: message`; one problem anywhere writes nothing.
"""

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from atip.audit import Action, audit
from atip.spreadsheets import unneutralise
from records import formats as F
from records.bulk import Table
from records.cells import parse_row
from records.checks import Checker
from records.sources import NotUtf8
from records.writers import write

BATCH_SIZE = 2000
PROGRESS_EVERY = 10_000


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self):
        return f"{self.file}:{self.row}: {self.column}: {self.message}"


class ImportRejected(Exception):
    """Something was wrong: nothing was written. The problems went to `on_problem`."""

    def __init__(self, problems: int, files: int):
        super().__init__(f"{problems} problem(s) in {files} file(s): nothing was imported.")
        self.problems = problems


class Importer:
    def __init__(
        self,
        source,
        *,
        on_problem: Callable[[Problem], None],
        on_progress: Callable[[str, str, int], None] | None = None,
    ):
        self.source = source
        self.on_problem = on_problem
        self.on_progress = on_progress or (lambda label, phase, count: None)
        self.problems = 0
        self.files_with_problems: set[str] = set()
        self.unchecked: set[str] = set()  # files whose references could not all be read
        self.checker: Checker | None = Checker(problem=self.problem, unchecked=self.unchecked)
        self.ids: dict[str, dict[str, int]] = {}  # pass 2: file -> reference -> pk
        self.tables: dict = {}
        self.now = timezone.now()

    # --- the whole run ------------------------------------------------------------------------

    def run(self, *, dry_run: bool = False) -> dict[str, int]:
        """Check everything, then (unless `dry_run`) write everything. Rows per file present."""
        present = self.source.names()
        for name in sorted(present - set(F.BY_NAME)):
            known = ", ".join(self.source.label(f.name) for f in F.FORMATS)
            self.problem(self.source.label(name), 1, "-", f"unknown file (an import holds: {known})")
        counts = {}
        for fmt in F.FORMATS:
            if fmt.name in present:
                counts[fmt.name] = self._check_file(fmt)
        if self.problems:
            raise ImportRejected(self.problems, len(self.files_with_problems))
        if not dry_run:
            self.checker = None  # pass 2 needs none of it: free it before ids accumulate
            with transaction.atomic():
                for fmt in F.FORMATS:
                    if fmt.name in present:
                        written = self._write_file(fmt)
                        assert written == counts[fmt.name], (fmt.name, written, counts[fmt.name])
                        audit(
                            action=Action.IMPORT,
                            user=None,
                            object_type=fmt.name,
                            detail=f"{written} rows imported",
                        )
        return counts

    def problem(self, label: str, row: int, column: str, message: str) -> None:
        self.problems += 1
        self.files_with_problems.add(label)
        self.on_problem(Problem(label, row, column, message))

    # --- reading rows -------------------------------------------------------------------------

    def _rows(self, fmt: F.FileFormat, phase: str) -> Iterator[tuple[int, dict[str, str]]]:
        """(row number, {column: text}) for each non-blank row; reports a wrong layout."""
        label = self.source.label(fmt.name)
        number = 0
        columns: list[tuple[int, str]] = []
        nameless: list[int] = []
        width = 0
        try:
            for number, cells in self.source.rows(fmt.name):
                if number == 1:
                    columns, nameless, width = self._header(fmt, label, cells)
                    continue
                joined = "".join(cells)
                if not joined.strip():
                    continue  # a blank line, or a formatted but empty spreadsheet row
                for index in nameless:
                    if index < len(cells) and cells[index].strip():
                        self.problem(
                            label, number, f"column {index + 1}", "a value under a column without a name"
                        )
                if len(cells) > width and "".join(cells[width:]).strip():
                    self.problem(
                        label, number, f"column {width + 1}", "a value beyond the last column of row 1"
                    )
                elif len(cells) < width:  # a spreadsheet row may stop at its last value
                    cells = cells + [""] * (width - len(cells))
                raw = {name: cells[index].strip() for index, name in columns}
                if "'" in joined:
                    for name, text in raw.items():
                        if text.startswith("'"):
                            raw[name] = unneutralise(text)
                if number % PROGRESS_EVERY == 0:
                    self.on_progress(label, phase, number - 1)
                yield number, raw
        except NotUtf8 as error:
            self.problem(
                label,
                number + 1,
                "-",
                f"the file is not UTF-8 ({error.detail}): save it as “CSV UTF-8” and import again",
            )
            self.unchecked.add(fmt.name)
        except csv.Error as error:  # a NUL byte, a cell of more than 128 KiB…
            self.problem(label, number + 1, "-", f"not a readable CSV file from here on ({error})")
            self.unchecked.add(fmt.name)

    def _header(self, fmt, label, cells) -> tuple[list[tuple[int, str]], list[int], int]:
        """The known columns as (index, name), the indexes of nameless columns, the width."""
        columns, nameless, seen = [], [], set()
        for index, cell in enumerate(cells):
            name = cell.strip()
            if not name:
                nameless.append(index)
            elif fmt.column(name) is None:
                allowed = ", ".join(fmt.column_names)
                self.problem(label, 1, name, f"unknown column (the columns of {fmt.name} are: {allowed})")
            elif name in seen:
                self.problem(label, 1, name, "the column appears twice")
            else:
                seen.add(name)
                columns.append((index, name))
        for column in fmt.columns:
            if column.required and column.name not in seen:
                self.problem(label, 1, column.name, "missing required column")
        if fmt.has_reference and F.REFERENCE_FIELD not in seen:
            self.unchecked.add(fmt.name)  # links to this file cannot be checked
        return columns, nameless, len(cells)

    # --- pass 1: checking ---------------------------------------------------------------------

    def _check_file(self, fmt: F.FileFormat) -> int:
        label = self.source.label(fmt.name)
        count = 0
        for number, raw in self._rows(fmt, "checking"):
            count += 1
            self.checker.check(fmt, label, number, raw)
        return count

    # --- pass 2: writing ----------------------------------------------------------------------

    def _write_file(self, fmt: F.FileFormat) -> int:
        label = self.source.label(fmt.name)
        batch, count = [], 0

        def ignore(column, message):  # pass 1 found nothing wrong
            raise AssertionError(f"{label}: {column}: {message}")

        for number, raw in self._rows(fmt, "importing"):
            batch.append(parse_row(fmt, raw, ignore))
            if len(batch) >= BATCH_SIZE:
                count += write(self, fmt, batch)
                batch = []
                self.on_progress(label, "importing", number - 1)
        if batch:
            count += write(self, fmt, batch)
        return count

    def table(self, model) -> Table:
        if model not in self.tables:
            self.tables[model] = Table(model, now=self.now)
        return self.tables[model]

    def resolve(self, name: str, references) -> dict[str, int]:
        """reference -> pk for the rows of file `name` written by this import, or in the database."""
        ids = self.ids.setdefault(name, {})
        missing = {r for r in references if r not in ids}
        if missing:
            model = F.BY_NAME[name].model
            missing = list(missing)
            for start in range(0, len(missing), 500):  # SQLite's limit on query parameters
                chunk = missing[start : start + 500]
                ids.update(model.objects.filter(reference__in=chunk).values_list(F.REFERENCE_FIELD, "pk"))
        return ids

    def remember(self, name: str, rows: list[dict], pks: list[int]) -> None:
        self.ids.setdefault(name, {}).update(zip((row[F.REFERENCE_FIELD] for row in rows), pks, strict=True))
