"""Writes on prosecutions, hearings, charges and verdicts."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from atip.audit import Action, audit
from atip.versioning import save_versioned
from cases.models import Case, CaseStatus
from cases.services import case_set_status
from prosecutions.models import Charge, Hearing, Outcome, Prosecution


def _check_prosecution(prosecution: Prosecution) -> None:
    filed = prosecution.filed_on
    if filed and filed > timezone.localdate():
        raise ValidationError({"filed_on": "This date is in the future."})
    reported = prosecution.case.reported_on
    if filed and filed < reported:
        raise ValidationError({"filed_on": f"The date is before the report ({reported:%Y-%m-%d})."})
    first_hearing = prosecution.pk and prosecution.hearings.order_by("date").first()
    if filed and first_hearing and first_hearing.date < filed:
        raise ValidationError(
            {"filed_on": f"A hearing is recorded before this date ({first_hearing.date:%Y-%m-%d})."}
        )


@transaction.atomic
def prosecution_create(*, case: Case, by, fields: dict, move_case: bool = True, request=None) -> Prosecution:
    """File a prosecution from a case; the case moves to 'in prosecution' unless told otherwise."""
    prosecution = Prosecution(**fields, case=case, created_by=by)
    _check_prosecution(prosecution)
    save_versioned(prosecution, expected_version=None)
    audit(action=Action.CREATE, request=request, user=by, obj=prosecution, detail=f"case {case.reference}")
    if move_case and case.status != CaseStatus.PROSECUTION:
        try:
            case_set_status(
                case=case,
                by=by,
                status=CaseStatus.PROSECUTION,
                changed_on=prosecution.filed_on,
                note=f"Prosecution {prosecution.reference} filed.",
                request=request,
            )
        except ValidationError as error:
            raise ValidationError(
                {"move_case": [f"The case cannot move to “in prosecution”: {m}" for m in error.messages]}
            ) from error
    return prosecution


@transaction.atomic
def prosecution_update(
    *, prosecution: Prosecution, by, fields: dict, expected_version: int | None, request=None
) -> Prosecution:
    """Change a prosecution's details; refused if someone saved it since `expected_version`."""
    for name, value in fields.items():
        setattr(prosecution, name, value)
    _check_prosecution(prosecution)
    earliest_verdict = prosecution.charges.filter(verdict_date__isnull=False).order_by("verdict_date").first()
    if earliest_verdict and prosecution.filed_on > earliest_verdict.verdict_date:
        raise ValidationError({"filed_on": "A verdict is recorded before this date."})
    save_versioned(prosecution, expected_version=expected_version)
    audit(action=Action.CHANGE, request=request, user=by, obj=prosecution)
    return prosecution


@transaction.atomic
def hearing_add(
    *, prosecution: Prosecution, by, date: datetime.date, note: str = "", request=None
) -> Hearing:
    """Record a hearing (past or scheduled) of a prosecution."""
    if date < prosecution.filed_on:
        raise ValidationError(
            {"date": f"The hearing is before the filing ({prosecution.filed_on:%Y-%m-%d})."}
        )
    hearing = Hearing(prosecution=prosecution, date=date, note=note)
    hearing.full_clean()
    hearing.save()
    audit(action=Action.CHANGE, request=request, user=by, obj=prosecution, detail=f"hearing {date:%Y-%m-%d}")
    return hearing


def _check_charge(charge: Charge) -> None:
    prosecution = charge.prosecution
    errors = {}
    if charge.suspect_id is not None and charge.suspect.case_id != prosecution.case_id:
        errors["suspect"] = "This person is not a suspect of the case this prosecution comes from."
    if charge.outcome == Outcome.PENDING:
        if charge.verdict_date is not None:
            errors["verdict_date"] = "A pending charge has no verdict date yet."
    elif charge.verdict_date is None:
        errors["verdict_date"] = "Give the date of the verdict."
    elif charge.verdict_date > timezone.localdate():
        errors["verdict_date"] = "This date is in the future."
    elif charge.verdict_date < prosecution.filed_on:
        errors["verdict_date"] = f"The verdict is before the filing ({prosecution.filed_on:%Y-%m-%d})."
    if charge.sentence_months is not None and charge.outcome != Outcome.CONVICTED:
        errors["sentence_months"] = "A sentence is recorded only for a conviction."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def charge_save(
    *, charge: Charge, by, fields: dict, expected_version: int | None = None, request=None
) -> Charge:
    """Add (no pk) or change a charge, e.g. record its verdict; a change is refused if stale."""
    created = charge.pk is None
    for name, value in fields.items():
        setattr(charge, name, value)
    if created:
        charge.created_by = by
    _check_charge(charge)
    save_versioned(charge, expected_version=expected_version)
    audit(
        action=Action.CREATE if created else Action.CHANGE,
        request=request,
        user=by,
        obj=charge.prosecution,
        detail=f"charge {charge.pk}: {charge.offence}, {charge.outcome}",
    )
    return charge
