"""python manage.py annual_report --year Y --format json|csv|xlsx [--public] [--output PATH]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from atip.audit import Action, audit
from reports.exports import to_csv, to_json, to_xlsx
from reports.layout import build
from reports.statistics import annual_report


class Command(BaseCommand):
    help = (
        "The Council's annual figures for a year. json: the internal edition (exact counts) on "
        "standard output; csv/xlsx: written to --output, the public edition with --public."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--public", action="store_true", help="Small-cell suppression (csv/xlsx).")
        parser.add_argument("--output", help="File to write (csv/xlsx; default annual-report-YEAR.EXT).")

    def handle(self, *args, year, format, public, output, **options):
        if not 1900 <= year <= 9999:
            raise CommandError("--year must be a year like 2020.")
        if format == "json" and public:
            raise CommandError(
                "The JSON is the internal edition (exact counts): use csv or xlsx with --public."
            )
        report = annual_report(year)
        edition = "public" if public else "internal"
        audit(
            action=Action.EXPORT,
            object_type="annual_report",
            object_ref=str(year),
            detail=f"{format} {edition} (command)",
        )
        if format == "json":
            self.stdout.write(to_json(report), ending="")
            return
        path = Path(output or f"annual-report-{year}.{format}")
        layout = build(report, public=public)
        if format == "csv":
            path.write_text(to_csv(layout, year=year, public=public), encoding="utf-8", newline="")
        else:
            path.write_bytes(to_xlsx(layout, year=year, public=public))
        self.stderr.write(f"Wrote the {edition} edition of {year} to {path}.")
