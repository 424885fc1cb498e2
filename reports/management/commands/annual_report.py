"""python manage.py annual_report --year Y [--period calendar|tip] --format json|csv|xlsx
    [--public [--threshold T]] [--output PATH] [--language en|es]
python manage.py annual_report --year Y --published [--edition N] [--format json|pdf] [--output PATH]"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from atip.audit import Action, audit
from reports import exports
from reports.forms import statistics_years
from reports.models import FACTSHEET_LANGUAGES, MAX_THRESHOLD, Edition
from reports.periods import CALENDAR, PERIOD_KINDS, Period
from reports.suppression import DEFAULT_THRESHOLD


class Command(BaseCommand):
    help = (
        "The Council's annual figures for a year. json: the internal edition (exact counts) on "
        "standard output; csv/xlsx: written to --output, the public edition with --public. "
        "--published: the stored edition (the latest, or --edition N) as published."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument(
            "--period",
            choices=list(PERIOD_KINDS),
            default=CALENDAR,
            help="calendar: 1 January – 31 December of the year; tip: the TIP Report's year, "
            "1 April of the year – 31 March of the next.",
        )
        parser.add_argument("--format", choices=["json", "csv", "xlsx", "pdf"], default="json")
        parser.add_argument("--public", action="store_true", help="Small-count suppression (csv/xlsx).")
        parser.add_argument(
            "--threshold",
            type=int,
            default=DEFAULT_THRESHOLD,
            help="With --public: counts of victims from 1 to T-1 are shown as <T (0: exact).",
        )
        parser.add_argument("--output", help="File to write (default annual-report-YEAR.EXT).")
        parser.add_argument(
            "--language",
            choices=FACTSHEET_LANGUAGES,
            help="The language of the csv/xlsx headings (default: English); the JSON has no words.",
        )
        parser.add_argument("--published", action="store_true", help="The stored published edition.")
        parser.add_argument("--edition", type=int, help="With --published: this edition number.")

    def handle(
        self, *args, year, period, format, public, threshold, output, published, edition, language, **options
    ):
        years = statistics_years()
        if year not in years:
            raise CommandError(f"--year must be a year from {years[0]} to {years[-1]}.")
        if period != CALENDAR and (published or edition is not None):
            raise CommandError("Editions are published for the calendar year: leave out --period.")
        if published or edition is not None:
            return self.published(year, edition, format, output)
        if format == "pdf":
            raise CommandError("--format pdf is the stored edition's factsheet: add --published.")
        if public and format not in exports.PUBLIC_FORMATS:
            raise CommandError(
                "The JSON is the internal edition (exact counts): use csv or xlsx with --public."
            )
        if not 0 <= threshold <= MAX_THRESHOLD:
            raise CommandError(f"--threshold must be from 0 to {MAX_THRESHOLD}.")
        if period != CALENDAR and format == "pdf":
            raise CommandError(
                "The factsheet is the calendar year's: use json, csv or xlsx with --period tip."
            )
        report_file = exports.render(
            Period(year, period), format, public=public, threshold=threshold, language=language
        )
        audit(
            action=Action.EXPORT,
            object_type="annual_report",
            object_ref=Period(year, period).key,
            detail=f"{format} {report_file.edition} (command)",
        )
        if format == "json":
            self.stdout.write(report_file.body, ending="")
            return
        path = Path(output or f"annual-report-{Period(year, period).key}.{format}")
        self.write(path, report_file.body)
        self.stderr.write(f"Wrote the {report_file.edition} edition of {year} to {path}.")

    def published(self, year: int, number: int | None, format: str, output: str | None) -> None:
        """The stored edition: its exact figures (JSON) on standard output, or its PDF to a file."""
        if format not in ("json", "pdf"):
            raise CommandError("A published edition is stored as its figures (json) and its factsheet (pdf).")
        editions = Edition.objects.filter(year=year).order_by("-number")
        stored = editions.filter(number=number).first() if number is not None else editions.first()
        if stored is None:
            if number is not None:
                raise CommandError(f"Edition {number} of {year} is not published.")
            raise CommandError(f"No edition of {year} is published.")
        audit(
            action=Action.EXPORT,
            object_type="annual_edition",
            object_id=str(stored.pk),
            object_ref=f"{year}-{stored.number}",
            detail=f"{format} edition {stored.number} (command)",
        )
        if format == "json":
            self.stdout.write(json.dumps(stored.figures, indent=2, ensure_ascii=False) + "\n", ending="")
            return
        path = Path(output or f"factsheet-{year}-edition-{stored.number}.pdf")
        self.write(path, bytes(stored.pdf))
        self.stderr.write(f"Wrote edition {stored.number} of {year} to {path}.")

    @staticmethod
    def write(path: Path, body: str | bytes) -> None:
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(body, encoding="utf-8", newline="")
