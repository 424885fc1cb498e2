"""Writes on victims: registration (with its duplicate check), edits, identification decisions,
archiving, and records of the same person."""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from atip.audit import Action, audit
from atip.references import next_reference
from atip.roles import Ability, can
from atip.services import model_save
from atip.system_notes import system_note
from atip.transitions import transition_errors
from atip.versioning import save_versioned
from victims.duplicates import distinct_pair, likely_matches, token_confirms
from victims.models import DistinctPair, IdentificationDecision, IdentificationStatus, Victim
from victims.trafficking import TRAFFICKING_FIELDS

Status = IdentificationStatus

# What a social worker records of a person, in the order victims.forms.VictimForm shows it (the
# identification status has its own service): the form is built from it, so that no field is
# shown and then not saved. The sets are many-to-many, saved once the record is.
VICTIM_RECORD = (
    "given_name",
    "family_name",
    "date_of_birth",
    "age_estimate",
    "sex",
    "nationality",
    "registered_on",
    "district",
    "exploitation_forms",
    "contact",
    "languages",
    "interpreter_needed",
    "guardian_name",
    "guardian_relationship",
    "guardian_contact",
    "referred_by",
    "referred_by_name",
    *TRAFFICKING_FIELDS,
    "current_location",
    "notes",
)
VICTIM_SETS = ("exploitation_forms", "languages")
VICTIM_FIELDS = tuple(name for name in VICTIM_RECORD if name not in VICTIM_SETS)
# What is known of anyone registered, in this order: what the police record of a presumed
# victim they bring in (cases), and the person's columns of the import file (records.formats).
PERSON_FIELDS = (
    "given_name",
    "family_name",
    "sex",
    "date_of_birth",
    "age_estimate",
    "nationality",
    "registered_on",
)
REFERENCE_PREFIX, REFERENCE_WIDTH = "V", 4  # V-2026-0001

# The decisions that follow from each status without a note; any other change is a reversal
# (atip.transitions).
FORWARD = {
    Status.PRESUMED: {Status.IDENTIFIED, Status.NOT_VICTIM},
    Status.IDENTIFIED: set(),
    Status.NOT_VICTIM: set(),
}


@transaction.atomic
def victim_register(*, by, data: dict, fields=VICTIM_FIELDS, why: list | None = None) -> Victim:
    """Register a presumed victim (the decision history starts there) with the next reference
    of the registration year. `fields` limits what is taken from `data` (police know less)."""
    registered_on = data.get("registered_on") or timezone.localdate()
    victim = Victim(
        reference=next_reference(
            model=Victim, prefix=REFERENCE_PREFIX, year=registered_on.year, width=REFERENCE_WIDTH
        )
    )
    # The worker whose caseload the person joins: the one chosen, else the registering worker.
    victim.responsible_worker = data.get("responsible_worker") or (
        by if can(by, Ability.KEEP_CASELOAD) else None
    )
    model_save(victim, fields=fields, data=data, by=by, many=VICTIM_SETS)
    _record_decision(
        victim=victim,
        by=by,
        status=Status.PRESUMED,
        decided_on=victim.registered_on,
        note="",
        system_notes=[why or system_note("registered")],
    )
    return victim


class LikelyDuplicates(ValidationError):
    """Records that look like the person being registered, not (or no longer) the ones the user
    confirmed as different people."""

    def __init__(self, matches: list[Victim]):
        self.matches = matches
        super().__init__(
            _(
                "This person may already be registered: see the likely matches above. Tick this box "
                "only if you are sure this is a different person."
            ),
            code="likely_duplicates",
        )


@transaction.atomic
def victim_register_checked(*, by, data: dict, confirmed: str, register: Callable[[], Victim]) -> Victim:
    """Run `register()` (a service that registers the person described by `data`) only if no
    record looks like the same person, or if the user confirmed, with `confirmed`
    (victims.duplicates.matches_token), that the likely matches shown are different people.

    The confirmation is kept: a DistinctPair for each match, a line in the first decision's
    note, and in the audit row of the registration. Raises LikelyDuplicates otherwise.
    """
    matches = likely_matches(data=data)
    if matches and not token_confirms(confirmed, matches):
        raise LikelyDuplicates(matches)
    victim = register()
    if matches:
        DistinctPair.objects.bulk_create(
            [_confirmed_pair(victim, match, by=by, at_registration=True) for match in matches]
        )
        references = ", ".join(m.reference for m in matches)
        first = victim.decisions.get()
        first.system_notes = [*first.system_notes, system_note("different_from", references=references)]
        first.save(update_fields=["system_notes"])
        audit(
            action=Action.CHANGE,
            user=by,
            obj=victim,
            detail=f"confirmed a different person from {references}",
        )
    return victim


@transaction.atomic
def victim_register_for_review(*, by, data: dict, register: Callable[[], Victim]) -> Victim:
    """Run `register()` at once, for a user who may not see the records that look like the person
    (police): whether they exist must not show. The likely matches are Human Services' to
    decide: the pair is listed on their possible duplicates page (victims.duplicates), and the
    audit row of the check names them (references only). One audit row, matches or none."""
    matches = likely_matches(data=data)  # before the new record, which would match itself
    victim = register()
    references = ", ".join(m.reference for m in matches) or "none"
    audit(
        action=Action.CHANGE,
        user=by,
        obj=victim,
        detail=f"duplicate check: likely matches left to Human Services' review: {references}",
    )
    return victim


def _confirmed_pair(first: Victim, second: Victim, *, by, at_registration: bool) -> DistinctPair:
    pair = distinct_pair(first, second)
    pair.confirmed_by = by
    pair.at_registration = at_registration
    return pair


@transaction.atomic
def victims_confirm_distinct(*, first: Victim, second: Victim, by) -> DistinctPair:
    """Record that two records look alike but are different people: the possible duplicates
    page no longer lists them."""
    if first.pk == second.pk:
        raise ValidationError(_("A record cannot be compared with itself."))
    pair = _confirmed_pair(first, second, by=by, at_registration=False)
    try:
        with transaction.atomic():
            pair.save()
    except IntegrityError:
        raise ValidationError(_("These two records are already confirmed as different people.")) from None
    for victim, other in ((first, second), (second, first)):
        audit(action=Action.CHANGE, user=by, obj=victim, detail=f"a different person from {other.reference}")
    return pair


@transaction.atomic
def victim_mark_duplicate(*, victim: Victim, original: Victim, by, expected_version: int | None) -> Victim:
    """Mark `victim` as the same person as `original`: it is archived and points at the original.
    Nothing is lost: the record, its history, decisions and services stay, and statistics count
    the person once (through `original`)."""
    victim, original = _locked(victim, original)
    if victim.pk == original.pk:
        raise ValidationError(_("A record cannot be a duplicate of itself."))
    if victim.duplicate_of_id is not None:
        raise ValidationError(
            _("%(reference)s is already marked as a duplicate.") % {"reference": victim.reference}
        )
    if original.duplicate_of_id is not None:
        raise ValidationError(
            _("%(reference)s is itself a duplicate: keep the record it points to instead.")
            % {"reference": original.reference}
        )
    if victim.duplicates.exists():
        raise ValidationError(
            _(
                "Other records are marked as duplicates of %(reference)s: keep it, and mark the other "
                "record as its duplicate."
            )
            % {"reference": victim.reference}
        )
    victim.duplicate_of = original
    if victim.archived_at is None:
        victim.archived_at = timezone.now()
    save_versioned(victim, expected_version=expected_version)
    audit(action=Action.ARCHIVE, user=by, obj=victim, detail=f"duplicate of {original.reference}")
    # "kept": the audit log's wording, unchanged so that its rows read the same over time.
    audit(
        action=Action.CHANGE,
        user=by,
        obj=original,
        detail=f"kept; {victim.reference} marked as its duplicate",
    )
    return victim


def _locked(*victims: Victim) -> list[Victim]:
    """`victims` read again and locked until the transaction ends, in one query and in the order
    of their ids: two requests that lock the same pair (A duplicate of B, B of A) then wait for
    each other instead of each holding one row and waiting for the other (a deadlock)."""
    locked = Victim.objects.select_for_update().filter(pk__in=[v.pk for v in victims]).order_by("pk")
    rows = {row.pk: row for row in locked}
    return [rows[v.pk] for v in victims]


def victim_update(*, victim: Victim, by, data: dict, expected_version: int | None) -> Victim:
    """Change a victim's details; refused if someone saved it since `expected_version`. A
    correction the person asked for keeps the request's reference in the history row."""
    if data.get("correction_request"):
        victim._change_reason = f"correction on request {data['correction_request']}"
    return model_save(
        victim, fields=VICTIM_FIELDS, data=data, by=by, expected_version=expected_version, many=VICTIM_SETS
    )


def _record_decision(
    *, victim, by, status, decided_on, identified_by="", note, system_notes=()
) -> IdentificationDecision:
    decision = IdentificationDecision(
        victim=victim,
        status=status,
        decided_on=decided_on,
        identified_by=identified_by if status == Status.IDENTIFIED else "",
        note=note,
        system_notes=list(system_notes),
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
) -> IdentificationDecision:
    """Record an identification decision, which becomes the current status.

    presumed → identified or not_victim is the normal path; any other change reverses an
    earlier decision and needs a note saying why.
    """
    victim = Victim.objects.select_for_update().get(pk=victim.pk)
    errors = transition_errors(
        FORWARD,
        current=Status(victim.identification_status),
        to=status,
        note=note,
        already=_("The person is already “%(status)s”."),
        off_course=_("Changing a decision from “%(status)s” is a reversal: say why in the note."),
    )
    if victim.date_of_birth and decided_on < victim.date_of_birth:
        errors["decided_on"] = _("The decision date is before the date of birth (%(born)s).") % {
            "born": f"{victim.date_of_birth:%Y-%m-%d}"
        }
    latest = victim.decisions.first()
    if latest and decided_on < latest.decided_on:
        errors["decided_on"] = _(
            "The decision date is before the date of the current decision (%(decided)s)."
        ) % {"decided": f"{latest.decided_on:%Y-%m-%d}"}
    if status == Status.IDENTIFIED and not identified_by:
        errors["identified_by"] = _("Say which institution identified the person.")
    if errors:
        raise ValidationError(errors)
    decision = _record_decision(
        victim=victim, by=by, status=status, decided_on=decided_on, identified_by=identified_by, note=note
    )
    victim.version += 1
    victim.save(update_fields=["version"])
    audit(action=Action.CHANGE, user=by, obj=victim, detail=f"identification: {status}")
    return decision


@transaction.atomic
def victim_archive(*, victim: Victim, by, expected_version: int | None) -> Victim:
    """Archive (never delete): the record leaves the working lists but stays in statistics."""
    if victim.is_archived:
        raise ValidationError(_("This record is already archived."))
    victim.archived_at = timezone.now()
    save_versioned(victim, expected_version=expected_version)
    audit(action=Action.ARCHIVE, user=by, obj=victim)
    return victim
