"""Writes on prosecutions, hearings, charges and verdicts."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from atip.services import model_save
from atip.system_notes import system_note
from cases.models import Case, CaseStatus
from cases.services import case_set_status
from prosecutions.models import Charge, Hearing, Prosecution

PROSECUTION_FIELDS = ("reference", "court", "filed_on", "notes")
CHARGE_FIELDS = (
    "suspect",
    "offence",
    "exploitation_form",
    "outcome",
    "verdict_date",
    "sentence_months",
    "fine_amount",
    "notes",
)


def _check_dates_of_children(prosecution: Prosecution) -> None:
    """A prosecution is not filed after one of its hearings or verdicts."""
    if prosecution.pk is None or not prosecution.filed_on:
        return
    first_hearing = prosecution.hearings.order_by("date").first()
    if first_hearing and first_hearing.date < prosecution.filed_on:
        raise ValidationError(
            {
                "filed_on": _("A hearing is recorded before this date, on %(hearing)s.")
                % {"hearing": f"{first_hearing.date:%Y-%m-%d}"}
            }
        )
    if prosecution.charges.filter(verdict_date__lt=prosecution.filed_on).exists():
        raise ValidationError({"filed_on": _("A verdict is recorded before this date.")})


@transaction.atomic
def prosecution_create(*, case: Case, by, data: dict, move_case: bool = True) -> Prosecution:
    """File a prosecution from a case; the case moves to 'in prosecution' unless told otherwise."""
    prosecution = model_save(
        Prosecution(case=case), fields=PROSECUTION_FIELDS, data=data, by=by, detail=f"case {case.reference}"
    )
    if move_case and case.status != CaseStatus.PROSECUTION:
        try:
            case_set_status(
                case=case,
                by=by,
                status=CaseStatus.PROSECUTION,
                changed_on=prosecution.filed_on,
                why=system_note("prosecution_filed", reference=prosecution.reference),
            )
        except ValidationError as error:
            raise ValidationError(
                {
                    "move_case": [
                        _("The case cannot move to “in prosecution”: %(reason)s") % {"reason": m}
                        for m in error.messages
                    ]
                }
            ) from error
    return prosecution


@transaction.atomic
def prosecution_update(
    *, prosecution: Prosecution, by, data: dict, expected_version: int | None
) -> Prosecution:
    """Change a prosecution's details; refused if someone saved it since `expected_version`."""
    for name in PROSECUTION_FIELDS:
        if name in data:
            setattr(prosecution, name, data[name])
    _check_dates_of_children(prosecution)
    return model_save(
        prosecution, fields=PROSECUTION_FIELDS, data=data, by=by, expected_version=expected_version
    )


HEARING_FIELDS = ("date", "note")


@transaction.atomic
def hearing_add(*, prosecution: Prosecution, by, date: datetime.date, note: str = "") -> Hearing:
    """Record a hearing (past or scheduled) of a prosecution."""
    return hearing_save(hearing=Hearing(prosecution=prosecution), by=by, data={"date": date, "note": note})


def hearing_save(*, hearing: Hearing, by, data: dict, expected_version: int | None = None) -> Hearing:
    """Add (no pk) or correct a hearing (moved, its note); a correction is refused if stale.
    Audited on the prosecution."""
    return model_save(
        hearing,
        fields=HEARING_FIELDS,
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=hearing.prosecution,
        detail=lambda h: f"hearing {h.pk}: {h.date:%Y-%m-%d}",
    )


def charge_save(*, charge: Charge, by, data: dict, expected_version: int | None = None) -> Charge:
    """Add (no pk) or change a charge, e.g. record its verdict; a change is refused if stale."""
    return model_save(
        charge,
        fields=CHARGE_FIELDS,
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=charge.prosecution,
        detail=lambda c: f"charge {c.pk}: {c.offence}, {c.outcome}",
    )
