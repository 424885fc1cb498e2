"""python manage.py annual_report --year Y --format json|csv|xlsx [--public] [--output PATH]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from atip.audit import Action, audit
from reports import exports
from reports.forms import statistics_years


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
        years = statistics_years()
        if year not in years:
            raise CommandError(f"--year must be a year from {years[0]} to {years[-1]}.")
        if public and format not in exports.PUBLIC_FORMATS:
            raise CommandError(
                "The JSON is the internal edition (exact counts): use csv or xlsx with --public."
            )
        report_file = exports.render(year, format, public=public)
        audit(
            action=Action.EXPORT,
            object_type="annual_report",
            object_ref=str(year),
            detail=f"{format} {report_file.edition} (command)",
        )
        if format == "json":
            self.stdout.write(report_file.body, ending="")
            return
        path = Path(output or f"annual-report-{year}.{format}")
        if isinstance(report_file.body, bytes):
            path.write_bytes(report_file.body)
        else:
            path.write_text(report_file.body, encoding="utf-8", newline="")
        self.stderr.write(f"Wrote the {report_file.edition} edition of {year} to {path}.")
