"""Writes on reported cases, their status, suspects and the victims linked to them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from atip.audit import Action, audit
from atip.codes import Agency
from atip.references import next_reference
from atip.services import model_save
from atip.system_notes import system_note
from atip.transitions import in_order, transition_errors
from cases.links import link_victim
from cases.models import CASE_PREFIX, CASE_WIDTH, Case, CaseStatus, CaseStatusChange, Suspect
from victims.models import Victim
from victims.services import PERSON_FIELDS, victim_register

CASE_FIELDS = ("reported_on", "source", "district", "summary")
CASE_SETS = ("exploitation_forms",)
SUSPECT_FIELDS = ("given_name", "family_name", "sex", "nationality", "date_of_birth", "notes")
SUSPECT_PREFIX, SUSPECT_WIDTH = "S", 4  # S-2026-0001
# What police record of a presumed victim they bring in (cases.forms.PresumedVictimForm).
PRESUMED_VICTIM_FIELDS = PERSON_FIELDS

# The normal path of a case, which may skip a step; a move to an earlier status (reopening)
# needs a note (atip.transitions).
COURSE = in_order([CaseStatus.REPORTED, CaseStatus.INVESTIGATING, CaseStatus.PROSECUTION, CaseStatus.CLOSED])


@transaction.atomic
def case_create(*, by, data: dict) -> Case:
    """Record a reported case with the next reference of its year; its status history starts
    at 'reported'."""
    reported_on = data.get("reported_on") or timezone.localdate()
    case = Case(
        reference=next_reference(model=Case, prefix=CASE_PREFIX, year=reported_on.year, width=CASE_WIDTH)
    )
    model_save(case, fields=CASE_FIELDS, data=data, by=by, many=CASE_SETS)
    _record_status(
        case=case,
        by=by,
        status=CaseStatus.REPORTED,
        changed_on=case.reported_on,
        note="",
        system_notes=[system_note("reported")],
    )
    return case


@transaction.atomic
def case_update(*, case: Case, by, data: dict, expected_version: int | None) -> Case:
    """Change a case's details (never its status: see case_set_status); refused if stale."""
    first = case.status_changes.order_by("changed_on", "id").first()
    reported_on = data.get("reported_on", case.reported_on)
    if first and reported_on and reported_on > first.changed_on:
        raise ValidationError(
            {
                "reported_on": _("The case cannot be reported after its first status change (%(changed)s).")
                % {"changed": f"{first.changed_on:%Y-%m-%d}"}
            }
        )
    return model_save(
        case, fields=CASE_FIELDS, data=data, by=by, expected_version=expected_version, many=CASE_SETS
    )


def _record_status(*, case, by, status, changed_on, note, system_notes=()) -> CaseStatusChange:
    change = CaseStatusChange(
        case=case,
        status=status,
        changed_on=changed_on,
        note=note,
        changed_by=by,
        system_notes=list(system_notes),
    )
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
    why: list | None = None,
) -> CaseStatusChange:
    """Move a case to `status` on `changed_on`, keeping the change with its date and user.

    Forward moves (reported → investigating → prosecution → closed) need nothing more, except a
    closing reason to close; a move back (e.g. reopening) needs a note saying why. Opening the
    investigation records its date if none was recorded.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    note, closing_reason = note.strip(), closing_reason.strip()
    if status not in CaseStatus.values:
        errors = {"status": _("Unknown status.")}
    else:
        errors = transition_errors(
            COURSE,
            current=CaseStatus(case.status),
            to=status,
            note=note,
            already=_("The case is already “%(status)s”."),
            off_course=_("Going back from “%(status)s” reopens the case: say why in the note."),
        )
    if status == CaseStatus.CLOSED and not closing_reason:
        errors["closing_reason"] = _("Say why the case is closed.")
    if changed_on < case.reported_on:
        errors["changed_on"] = _("The date is before the date the case was reported (%(reported)s).") % {
            "reported": f"{case.reported_on:%Y-%m-%d}"
        }
    else:
        latest = case.status_changes.order_by("-changed_on", "-id").first()
        if latest and changed_on < latest.changed_on:
            errors["changed_on"] = _("The date is before the date of the current status (%(changed)s).") % {
                "changed": f"{latest.changed_on:%Y-%m-%d}"
            }
    if errors:
        raise ValidationError(errors)
    change = _record_status(
        case=case,
        by=by,
        status=status,
        changed_on=changed_on,
        note=note or closing_reason,
        system_notes=[why] if why else (),
    )
    case.status = status
    case.closing_reason = closing_reason if status == CaseStatus.CLOSED else ""
    if status == CaseStatus.INVESTIGATING and case.investigation_opened_on is None:
        case.investigation_opened_on = changed_on
    case.version += 1
    case.full_clean()
    case.save()
    audit(action=Action.CHANGE, user=by, obj=case, detail=f"status: {status}")
    return change


@transaction.atomic
def suspect_create(*, case: Case, by, data: dict) -> Suspect:
    """Add a suspect to a case, with the next reference of the case's year (S-2026-0001)."""
    suspect = Suspect(
        case=case,
        reference=next_reference(
            model=Suspect, prefix=SUSPECT_PREFIX, year=case.reported_on.year, width=SUSPECT_WIDTH
        ),
    )
    return model_save(suspect, fields=SUSPECT_FIELDS, data=data, by=by, detail=f"case {case.reference}")


def suspect_update(*, suspect: Suspect, by, data: dict, expected_version: int | None) -> Suspect:
    """Change a suspect's details; refused if someone saved it since `expected_version`."""
    return model_save(suspect, fields=SUSPECT_FIELDS, data=data, by=by, expected_version=expected_version)


@transaction.atomic
def case_register_presumed_victim(*, case: Case, by, data: dict) -> Victim:
    """Register a presumed victim from a case and link it: a new referral for Human Services."""
    victim = victim_register(
        by=by,
        data={**data, "referred_by": Agency.ATIPS_POLICE},
        fields=(*PRESUMED_VICTIM_FIELDS, "referred_by"),
        why=system_note("referred_from_case", case=case.reference),
    )
    link_victim(case=case, victim=victim, by=by)
    return victim
