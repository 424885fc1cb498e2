"""Writes on victims: registration, edits, identification decisions, archiving."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from atip.audit import Action, audit
from atip.references import next_reference
from atip.versioning import save_versioned
from victims.models import IdentificationDecision, IdentificationStatus, Victim

Status = IdentificationStatus

# The decisions that follow from each status without a note; any other change is a reversal.
FORWARD = {
    Status.PRESUMED: {Status.IDENTIFIED, Status.NOT_VICTIM},
    Status.IDENTIFIED: set(),
    Status.NOT_VICTIM: set(),
}


def _save(victim: Victim, *, expected_version, exploitation_forms) -> None:
    victim.adult_on = victim.derive_adult_on()
    save_versioned(victim, expected_version=expected_version)
    if exploitation_forms is not None:
        victim.exploitation_forms.set(exploitation_forms)


@transaction.atomic
def victim_register(
    *,
    by,
    fields: dict,
    exploitation_forms=(),
    status: str = Status.PRESUMED,
    decided_on: datetime.date | None = None,
    identified_by: str = "",
    note: str = "",
    request=None,
) -> Victim:
    """Register a person; the decision history starts with `status` (presumed unless imported)."""
    victim = Victim(**fields, created_by=by)
    if not victim.reference:
        year = (victim.registered_on or timezone.localdate()).year
        victim.reference = next_reference(model=Victim, prefix="V", year=year, width=4)
    _save(victim, expected_version=None, exploitation_forms=exploitation_forms)
    _record_decision(
        victim=victim,
        by=by,
        status=status,
        decided_on=decided_on or victim.registered_on,
        identified_by=identified_by,
        note=note or "Registered.",
    )
    audit(action=Action.CREATE, request=request, user=by, obj=victim)
    return victim


@transaction.atomic
def victim_update(
    *, victim: Victim, by, fields: dict, expected_version: int | None, exploitation_forms=None, request=None
) -> Victim:
    """Change a victim's details; refused if someone saved it since `expected_version`."""
    for name, value in fields.items():
        setattr(victim, name, value)
    _save(victim, expected_version=expected_version, exploitation_forms=exploitation_forms)
    audit(action=Action.CHANGE, request=request, user=by, obj=victim)
    return victim


def _record_decision(*, victim, by, status, decided_on, identified_by, note) -> IdentificationDecision:
    decision = IdentificationDecision(
        victim=victim,
        status=status,
        decided_on=decided_on,
        identified_by=identified_by if status == Status.IDENTIFIED else "",
        note=note,
        recorded_by=by,
    )
    decision.full_clean()
    decision.save()
    victim.identification_status = status
    victim.identification_date = decided_on if status == Status.IDENTIFIED else None
    victim.identified_by = decision.identified_by
    victim.full_clean()
    victim.save(update_fields=["identification_status", "identification_date", "identified_by", "updated_at"])
    return decision


@transaction.atomic
def victim_decide(
    *,
    victim: Victim,
    by,
    status: str,
    decided_on: datetime.date,
    identified_by: str = "",
    note: str = "",
    request=None,
) -> IdentificationDecision:
    """Record an identification decision, which becomes the current status.

    presumed → identified or not_victim is the normal path; any other change reverses an
    earlier decision and needs a note saying why.
    """
    victim = Victim.objects.select_for_update().get(pk=victim.pk)
    current = Status(victim.identification_status)
    errors = {}
    if status == current:
        errors["status"] = f"The person is already “{current.label}”."
    elif status not in FORWARD[current] and not note.strip():
        errors["note"] = f"Changing a decision from “{current.label}” is a reversal: say why in the note."
    if decided_on > timezone.localdate():
        errors["decided_on"] = "The decision date is in the future."
    elif victim.date_of_birth and decided_on < victim.date_of_birth:
        errors["decided_on"] = "The decision date is before the date of birth."
    latest = victim.decisions.first()
    if latest and decided_on < latest.decided_on:
        errors["decided_on"] = (
            f"The decision date is before the current decision ({latest.decided_on:%Y-%m-%d})."
        )
    if status == Status.IDENTIFIED and not identified_by:
        errors["identified_by"] = "Say which institution identified the person."
    if errors:
        raise ValidationError(errors)
    decision = _record_decision(
        victim=victim, by=by, status=status, decided_on=decided_on, identified_by=identified_by, note=note
    )
    victim.version += 1
    victim.save(update_fields=["version"])
    audit(action=Action.CHANGE, request=request, user=by, obj=victim, detail=f"identification: {status}")
    return decision


@transaction.atomic
def victim_archive(*, victim: Victim, by, expected_version: int | None, request=None) -> Victim:
    """Archive (never delete): the record leaves the working lists but stays in statistics."""
    if victim.is_archived:
        raise ValidationError("This record is already archived.")
    victim.archived_at = timezone.now()
    save_versioned(victim, expected_version=expected_version)
    audit(action=Action.ARCHIVE, request=request, user=by, obj=victim)
    return victim
