"""Writes on reported cases, their status, suspects and the victims linked to them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from atip.audit import Action, audit
from atip.references import next_reference
from atip.versioning import save_versioned
from cases.models import Case, CaseStatus, CaseStatusChange, CaseVictim, Suspect
from victims.models import Victim
from victims.services import victim_register

# The normal path of a case; a move to an earlier status (reopening) needs a note.
STATUS_ORDER = [CaseStatus.REPORTED, CaseStatus.INVESTIGATING, CaseStatus.PROSECUTION, CaseStatus.CLOSED]


def _check_case_dates(case: Case) -> None:
    # investigation_opened_on is set by case_set_status, never typed in: a conflict with it is
    # reported on the report date, which is.
    today = timezone.localdate()
    reported, opened = case.reported_on, case.investigation_opened_on
    if reported and reported > today:
        raise ValidationError({"reported_on": "This date is in the future."})
    if reported and opened and opened < reported:
        message = f"The case cannot be reported after its investigation opened ({opened:%Y-%m-%d})."
        raise ValidationError({"reported_on": message})


@transaction.atomic
def case_create(*, by, fields: dict, exploitation_forms=(), request=None) -> Case:
    """Record a reported case (reference given when blank); its status history starts at 'reported'."""
    case = Case(**fields, created_by=by, status=CaseStatus.REPORTED, closing_reason="")
    _check_case_dates(case)
    if not case.reference:
        year = case.reported_on.year if case.reported_on else timezone.localdate().year
        case.reference = next_reference(model=Case, prefix="C", year=year, width=3)
    save_versioned(case, expected_version=None)
    case.exploitation_forms.set(exploitation_forms)
    _record_status(
        case=case, by=by, status=CaseStatus.REPORTED, changed_on=case.reported_on, note="Reported."
    )
    audit(action=Action.CREATE, request=request, user=by, obj=case)
    return case


@transaction.atomic
def case_update(
    *, case: Case, by, fields: dict, expected_version: int | None, exploitation_forms=None, request=None
) -> Case:
    """Change a case's details (never its status: see case_set_status); refused if stale."""
    for name, value in fields.items():
        setattr(case, name, value)
    _check_case_dates(case)
    latest = case.status_changes.order_by("changed_on", "id").first()
    if latest and case.reported_on and case.reported_on > latest.changed_on:
        raise ValidationError({"reported_on": "The case cannot be reported after its first status change."})
    save_versioned(case, expected_version=expected_version)
    if exploitation_forms is not None:
        case.exploitation_forms.set(exploitation_forms)
    audit(action=Action.CHANGE, request=request, user=by, obj=case)
    return case


def _record_status(*, case, by, status, changed_on, note) -> CaseStatusChange:
    change = CaseStatusChange(case=case, status=status, changed_on=changed_on, note=note, changed_by=by)
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def case_set_status(
    *,
    case: Case,
    by,
    status: str,
    changed_on: datetime.date,
    note: str = "",
    closing_reason: str = "",
    request=None,
) -> CaseStatusChange:
    """Move a case to `status` on `changed_on`, keeping the change with its date and user.

    Forward moves (reported → investigating → prosecution → closed) need nothing more, except a
    closing reason to close; a move back (e.g. reopening) needs a note saying why. Opening the
    investigation records its date if none was recorded.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    current = CaseStatus(case.status)
    note, closing_reason = note.strip(), closing_reason.strip()
    errors = {}
    if status not in CaseStatus.values:
        errors["status"] = "Unknown status."
    elif status == current:
        errors["status"] = f"The case is already “{current.label}”."
    elif STATUS_ORDER.index(status) < STATUS_ORDER.index(current) and not note:
        errors["note"] = f"Going back from “{current.label}” reopens the case: say why in the note."
    if status == CaseStatus.CLOSED and not closing_reason:
        errors["closing_reason"] = "Say why the case is closed."
    if changed_on > timezone.localdate():
        errors["changed_on"] = "This date is in the future."
    elif changed_on < case.reported_on:
        errors["changed_on"] = f"The date is before the case was reported ({case.reported_on:%Y-%m-%d})."
    else:
        latest = case.status_changes.order_by("-changed_on", "-id").first()
        if latest and changed_on < latest.changed_on:
            errors["changed_on"] = f"The date is before the current status ({latest.changed_on:%Y-%m-%d})."
    if errors:
        raise ValidationError(errors)
    change = _record_status(
        case=case, by=by, status=status, changed_on=changed_on, note=note or closing_reason
    )
    case.status = status
    case.closing_reason = closing_reason if status == CaseStatus.CLOSED else ""
    if status == CaseStatus.INVESTIGATING and case.investigation_opened_on is None:
        case.investigation_opened_on = changed_on
    case.version += 1
    case.full_clean()
    case.save()
    audit(action=Action.CHANGE, request=request, user=by, obj=case, detail=f"status: {status}")
    return change


def _check_suspect(suspect: Suspect) -> None:
    if suspect.date_of_birth and suspect.date_of_birth > timezone.localdate():
        raise ValidationError({"date_of_birth": "This date is in the future."})


@transaction.atomic
def suspect_create(*, case: Case, by, fields: dict, request=None) -> Suspect:
    """Add a suspect to a case (reference given when blank, e.g. S-2026-0001)."""
    suspect = Suspect(**fields, case=case, created_by=by)
    _check_suspect(suspect)
    if not suspect.reference:
        suspect.reference = next_reference(model=Suspect, prefix="S", year=case.reported_on.year, width=4)
    save_versioned(suspect, expected_version=None)
    audit(action=Action.CREATE, request=request, user=by, obj=suspect, detail=f"case {case.reference}")
    return suspect


@transaction.atomic
def suspect_update(
    *, suspect: Suspect, by, fields: dict, expected_version: int | None, request=None
) -> Suspect:
    """Change a suspect's details; refused if someone saved it since `expected_version`."""
    for name, value in fields.items():
        setattr(suspect, name, value)
    _check_suspect(suspect)
    save_versioned(suspect, expected_version=expected_version)
    audit(action=Action.CHANGE, request=request, user=by, obj=suspect)
    return suspect


@transaction.atomic
def case_link_victim(*, case: Case, victim: Victim, by, request=None) -> CaseVictim:
    """List `victim` in `case`: from then on police (and prosecutors, once prosecuted) see it."""
    if CaseVictim.objects.filter(case=case, victim=victim).exists():
        raise ValidationError("This person is already linked to this case.")
    link = CaseVictim(case=case, victim=victim, linked_by=by)
    link.full_clean()
    link.save()
    audit(action=Action.LINK, request=request, user=by, obj=victim, detail=f"case {case.reference}")
    return link


@transaction.atomic
def case_unlink_victim(*, case: Case, victim: Victim, by, request=None) -> None:
    """Remove a victim from a case (a link entered by mistake).

    The link row itself is removed: it is neither a person nor a case, and keeping it would let
    police go on seeing the victim. What happened stays in the audit log (LINK, then UNLINK).
    """
    deleted, _ = CaseVictim.objects.filter(case=case, victim=victim).delete()
    if not deleted:
        raise ValidationError("This person is not linked to this case.")
    audit(action=Action.UNLINK, request=request, user=by, obj=victim, detail=f"case {case.reference}")


@transaction.atomic
def case_register_presumed_victim(
    *, case: Case, by, fields: dict, exploitation_forms=(), request=None
) -> Victim:
    """Register a presumed victim from a case and link it: a new referral for Human Services."""
    victim = victim_register(
        by=by,
        fields=fields,
        exploitation_forms=exploitation_forms,
        note=f"Referred from case {case.reference}.",
        request=request,
    )
    case_link_victim(case=case, victim=victim, by=by, request=request)
    return victim
