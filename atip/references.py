"""References: the names records are known by across agencies (V-2026-0001, C-2026-001…).

They are given by the system, never typed into a form; an import keeps its files' references,
which must have the same shape. A reference typed to find a record (a link request) is compared
after `normalise()`, so that "v-2024-0001 ", a full-width "Ｖ" or a zero-width space name the
same record or none — and two records can never differ only in those ways.
"""

import re
import unicodedata

from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.functions import Trim, Upper
from django.utils.translation import gettext_lazy as _

from atip.models import ReferenceCounter

MAX_LENGTH = 32
# Upper-case letters and digits in groups joined by "-" or "/" (a court case number: MC-2018-0001).
SHAPE = re.compile(r"[A-Z0-9]+(?:[-/][A-Z0-9]+)*")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

reference_shape = RegexValidator(
    regex=rf"\A{SHAPE.pattern}\Z",
    message=_("A reference is capital letters and digits in groups joined by “-” or “/”, e.g. V-2026-0001."),
    code="reference_shape",
)


def normalise(typed: str) -> str:
    """A typed reference as references are stored: NFKC, no zero-width characters, no
    surrounding spaces, capital letters."""
    return unicodedata.normalize("NFKC", typed).translate(ZERO_WIDTH).strip().upper()


def numbered_like(reference: str, *, prefix: str, width: int) -> bool:
    """Whether a (normalised) typed reference has the shape `next_reference` gives: the prefix,
    a year, and a number of at least `width` digits (V-2026-0001). A mistyped "V-2026-008" or a
    name is not: it could only ever name no record."""
    return re.fullmatch(rf"{re.escape(prefix)}-\d{{4}}-\d{{{width},9}}", reference) is not None


def next_reference(*, model, prefix: str, year: int, width: int) -> str:
    """The next free reference like `V-2026-0001`; numbers are never handed out twice.

    A counter row per prefix and year is locked while it is advanced; numbers already taken by
    imported records are skipped.
    """
    with transaction.atomic():
        counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(
            prefix=prefix, year=year
        )
        while True:
            counter.last += 1
            reference = f"{prefix}-{year}-{counter.last:0{width}d}"
            if not model.objects.filter(reference=reference).exists():
                break
        counter.save(update_fields=["last"])
    return reference


def reference_field(verbose_name=None):
    """The `reference` of a record: unique, of the reference shape (`verbose_name`: a marked
    string; "reference" by default)."""
    return models.CharField(
        verbose_name or _("reference"), max_length=MAX_LENGTH, unique=True, validators=[reference_shape]
    )


def reference_stored_normalised(name: str):
    """A CheckConstraint: the database holds the reference in capitals, so that two references
    can never differ by letter case alone."""
    return models.CheckConstraint(
        condition=models.Q(reference=Upper("reference")) & models.Q(reference=Trim("reference")),
        name=f"{name}_reference_normalised",
    )
