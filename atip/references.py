from django.db import transaction

from atip.models import ReferenceCounter


def next_reference(*, model, prefix: str, year: int, width: int) -> str:
    """The next free reference like `V-2026-0001`; numbers are never handed out twice.

    A counter row per prefix and year is locked while it is advanced; numbers already taken by
    imported records are skipped.
    """
    with transaction.atomic():
        counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(prefix=prefix, year=year)
        while True:
            counter.last += 1
            reference = f"{prefix}-{year}-{counter.last:0{width}d}"
            if not model.objects.filter(reference=reference).exists():
                break
        counter.save(update_fields=["last"])
    return reference
