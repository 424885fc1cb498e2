import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from atip.anchor import anchor_problems
from atip.audit import chain_break
from atip.models import AuditChainHead


class Command(BaseCommand):
    help = (
        "Walk the audit log's hash chain and name the first event where it breaks (a deleted, "
        "changed or moved event); exit status 1 if it does. Prints the head to record elsewhere. "
        "With --anchor FILE, also prove that the log still extends every anchor kept in FILE "
        "(lines of `audit_anchor`; signed ones are checked with ANCHOR_KEY)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--anchor", type=Path, help="a file of anchors written by audit_anchor")

    def handle(self, *args, anchor=None, **options):
        problem = chain_break()
        if problem:
            raise CommandError(f"The audit log's chain is broken at {problem}.")
        head = AuditChainHead.objects.filter(pk=1).first()
        seq, hash_ = (head.seq, head.hash) if head else (0, "-")
        self.stdout.write(f"The audit log's chain is whole: {seq} events, the last one's hash {hash_}.")
        if anchor is None:
            return
        try:
            lines = anchor.read_text().splitlines()
        except OSError as error:
            raise CommandError(f"Cannot read {anchor}: {error.strerror}.") from None
        checked, problems = anchor_problems(lines, key=os.environ.get("ANCHOR_KEY", ""))
        if problems:
            raise CommandError("The audit log does not extend its anchors: " + "; ".join(problems) + ".")
        if not checked:
            raise CommandError(f"{anchor} holds no anchor.")
        self.stdout.write(f"It extends each of the {checked} anchors in {anchor}.")
