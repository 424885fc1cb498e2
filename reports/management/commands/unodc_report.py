"""python manage.py unodc_report --year Y [--period calendar|tip] --format csv|xlsx [--output PATH]
[--language en|es]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from atip.audit import Action, audit
from reports import exports
from reports.forms import statistics_years
from reports.models import FACTSHEET_LANGUAGES
from reports.periods import CALENDAR, PERIOD_KINDS, Period


class Command(BaseCommand):
    help = (
        "UNODC's questionnaire for the Global Report on Trafficking in Persons: persons suspected, "
        "prosecuted and convicted by sex and citizenship; victims by sex, age, form of exploitation "
        "and citizenship (exact counts), written to --output."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--period", choices=list(PERIOD_KINDS), default=CALENDAR)
        parser.add_argument("--format", choices=list(exports.UNODC_FORMATS), default="xlsx")
        parser.add_argument("--output", help="File to write (default unodc-YEAR.EXT).")
        parser.add_argument("--language", choices=FACTSHEET_LANGUAGES, help="The headings' language.")

    def handle(self, *args, year, period, format, output, language, **options):
        years = statistics_years()
        if year not in years:
            raise CommandError(f"--year must be a year from {years[0]} to {years[-1]}.")
        chosen = Period(year, period)
        report_file = exports.render_unodc(chosen, format, language=language)
        audit(action=Action.EXPORT, object_type="unodc", object_ref=chosen.key, detail=f"{format} (command)")
        path = Path(output or report_file.filename)
        if isinstance(report_file.body, bytes):
            path.write_bytes(report_file.body)
        else:
            path.write_text(report_file.body, encoding="utf-8", newline="")
        self.stderr.write(f"Wrote UNODC's questionnaire of {chosen.key} to {path}.")
