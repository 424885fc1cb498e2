from django.core.management.base import BaseCommand, CommandError

from atip.audit import chain_break
from atip.models import AuditChainHead


class Command(BaseCommand):
    help = (
        "Walk the audit log's hash chain and name the first event where it breaks (a deleted, "
        "changed or moved event); exit status 1 if it does. Prints the head to record elsewhere."
    )

    def handle(self, *args, **options):
        problem = chain_break()
        if problem:
            raise CommandError(f"The audit log's chain is broken at {problem}.")
        head = AuditChainHead.objects.filter(pk=1).first()
        seq, hash_ = (head.seq, head.hash) if head else (0, "-")
        self.stdout.write(f"The audit log's chain is whole: {seq} events, the last one's hash {hash_}.")
