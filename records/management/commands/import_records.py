from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from records.importer import Importer, ImportRejected
from records.sources import SourceError, open_source


class Command(BaseCommand):
    help = (
        "Import records from a folder of CSV files or one .xlsx workbook (spec/data-dictionary.md). "
        "All or nothing: any problem is reported as file:row: column: message and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a folder of CSV files, or an .xlsx workbook")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")

    def handle(self, *args, path: Path, dry_run: bool, **options):
        try:
            source = open_source(path)
        except SourceError as error:
            raise CommandError(str(error)) from None
        progress = _Progress(self.stderr if self.stderr.isatty() else None)
        importer = Importer(
            source,
            on_problem=lambda problem: (progress.clear(), self.stderr.write(str(problem))),
            on_progress=progress.show,
        )
        try:
            counts = importer.run(dry_run=dry_run)
        except ImportRejected as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            # Checked rows can still collide with a record saved meanwhile by someone else.
            raise CommandError(f"The database refused the import, nothing was imported: {error}") from None
        finally:
            progress.clear()
            source.close()
        if not counts:
            self.stdout.write("No file of the import format was found: nothing was imported.")
        for name, count in counts.items():
            label = source.label(name)
            if dry_run:
                self.stdout.write(f"{label}: {count} records would be imported")
            else:
                self.stdout.write(f"{label}: {count} records imported")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")


class _Progress:
    """One self-overwriting line on a terminal: "victims.csv: checking 120000 rows"."""

    def __init__(self, stream):
        self.stream = stream
        self.shown = False

    def show(self, label: str, phase: str, count: int) -> None:
        if self.stream is None:
            return
        self.stream.write(f"\r{label}: {phase} {count} rows…\033[K", ending="")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K", ending="")
            self.stream.flush()
            self.shown = False
