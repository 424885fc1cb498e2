"""python manage.py apply_retention [--dry-run] [--today YYYY-MM-DD]"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from victims.anonymise import anonymise
from victims.retention import schedule


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--today takes a date as YYYY-MM-DD, not {text!r}.") from None


class Command(BaseCommand):
    help = (
        "Anonymise the people whose identifying data the retention schedule no longer allows "
        "(settings.RETENTION_*; docs/data-protection.md), except those under a legal hold. "
        "Prints counts, never names; one audit event per person."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what is due; change nothing.")
        parser.add_argument("--today", type=_day, help="The day to apply the schedule on (default: today).")

    def handle(self, *args, dry_run, today, **options):
        today = today or timezone.localdate()
        due = schedule(today)
        self.stdout.write(
            f"On {today:%Y-%m-%d}: {len(due.due)} people due; held: {due.held_case} by an open case, "
            f"{due.held_prosecution} by an open prosecution, {due.held_supervisor} by a supervisor."
        )
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
            return
        done = anonymise(due.due, today=today)
        rows = ", ".join(f"{label} {n}" for label, n in sorted(done.rows.items()) if n)
        self.stdout.write(
            f"Anonymised {done.people} people; {done.notes} notes' text and {done.documents} documents "
            f"erased; rows rewritten (live and history): {rows or 'none'}."
        )
