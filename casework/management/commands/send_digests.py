"""python manage.py send_digests: the daily e-mail of each worker's due and overdue counts."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from casework.digests import send_digests


class Command(BaseCommand):
    help = "E-mail each social worker the counts of what is due or overdue in her caseload (no names)."

    def handle(self, *args, **options):
        sent = send_digests(today=timezone.localdate(), site_url=settings.SITE_URL)
        self.stdout.write(f"{sent} digests sent.")
