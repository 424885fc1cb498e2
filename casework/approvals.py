"""What the Department wants a second look at (issue 20.1 and 20.4): a care plan before it
starts, and a closure. A worker asks; a supervisor (APPROVE_CASEWORK) approves or refuses, never
her own; the person's `closed_on` follows the closure in force. Reopening takes a reason.
Statistics read none of this: closing a case changes no figure."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from atip.audit import Action, audit
from atip.roles import Ability, can
from atip.services import model_save
from atip.versioning import save_versioned
from casework.models.closures import Closure, ClosureReason, ClosureStatus
from casework.models.plans import CarePlan
from victims.models import Victim

CLOSURE_FIELDS = ("reason", "note", "closed_on")


def approvals_required() -> bool:
    """Whether closures wait for a supervisor (setting CASEWORK_CLOSURE_APPROVAL, on by default)."""
    return settings.CASEWORK_CLOSURE_APPROVAL


def _approver(*, by, asked_by_id) -> None:
    if not can(by, Ability.APPROVE_CASEWORK):
        raise PermissionDenied
    if asked_by_id == by.pk:
        raise ValidationError(_("You cannot approve your own request: another supervisor does."), code="own")


@transaction.atomic
def plan_approve(*, plan: CarePlan, by, expected_version: int | None) -> CarePlan:
    """A supervisor approves a care plan another worker made: it starts."""
    _approver(by=by, asked_by_id=plan.created_by_id)
    if plan.is_approved:
        raise ValidationError(_("This plan is already approved."))
    plan.approved_by, plan.approved_at = by, timezone.now()
    save_versioned(plan, expected_version=expected_version)
    audit(action=Action.CHANGE, user=by, obj=plan.victim, detail=f"care plan {plan.pk} approved")
    return plan


def _set_closed_on(victim: Victim, closed_on) -> None:
    Victim.objects.filter(pk=victim.pk).update(closed_on=closed_on)
    victim.closed_on = closed_on


@transaction.atomic
def closure_request(*, victim: Victim, by, data: dict) -> Closure:
    """Close a case with a reason: it waits for a supervisor's approval (or closes at once where
    closures are not approved)."""
    if (data.get("reason") == ClosureReason.OTHER) and not (data.get("note") or "").strip():
        raise ValidationError({"note": _("Say why the case is closed.")})
    waiting = approvals_required()
    closure = Closure(victim=victim, status=ClosureStatus.WAITING if waiting else ClosureStatus.CLOSED)
    try:
        with transaction.atomic():
            model_save(
                closure,
                fields=CLOSURE_FIELDS,
                data=data,
                by=by,
                audit_obj=victim,
                detail=lambda c: f"closure {c.pk}: {c.reason}, {c.status}",
            )
    except IntegrityError:
        raise ValidationError(_("This case is already closed or waiting for a closure's approval.")) from None
    if not waiting:
        _set_closed_on(victim, closure.closed_on)
    return closure


@transaction.atomic
def closure_decide(
    *, closure: Closure, by, approve: bool, note: str, expected_version: int | None
) -> Closure:
    """A supervisor approves a waiting closure (the case closes on its date) or refuses it with
    a note (the case stays open)."""
    _approver(by=by, asked_by_id=closure.created_by_id)
    if closure.status != ClosureStatus.WAITING:
        raise ValidationError(_("This closure is not waiting for approval."))
    if not approve and not (note or "").strip():
        raise ValidationError({"note": _("Say why the closure is not approved.")})
    closure.status = ClosureStatus.CLOSED if approve else ClosureStatus.REFUSED
    closure.decided_by, closure.decided_at, closure.decision_note = by, timezone.now(), (note or "").strip()
    save_versioned(closure, expected_version=expected_version)
    if approve:
        _set_closed_on(closure.victim, closure.closed_on)
    audit(action=Action.CHANGE, user=by, obj=closure.victim, detail=f"closure {closure.pk}: {closure.status}")
    return closure


@transaction.atomic
def case_reopen(*, closure: Closure, by, reason: str, expected_version: int | None) -> Closure:
    """Reopen a closed case, with a reason: the person is back on the worklist."""
    if closure.status != ClosureStatus.CLOSED:
        raise ValidationError(_("Only a closed case is reopened."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the case is reopened.")})
    closure.status = ClosureStatus.REOPENED
    closure.reopened_by, closure.reopened_at, closure.reopen_reason = by, timezone.now(), reason.strip()
    save_versioned(closure, expected_version=expected_version)
    _set_closed_on(closure.victim, None)
    audit(action=Action.CHANGE, user=by, obj=closure.victim, detail=f"closure {closure.pk}: reopened")
    return closure


def current_closure(*, victim: Victim) -> Closure | None:
    """The closure waiting or in force, if any."""
    return (
        victim.closures.filter(status__in=[ClosureStatus.WAITING, ClosureStatus.CLOSED])
        .select_related("created_by")
        .first()
    )


def closures_waiting(*, user) -> QuerySet[Closure]:
    """For a supervisor: the closures waiting for approval, oldest first."""
    if not can(user, Ability.APPROVE_CASEWORK):
        return Closure.objects.none()
    return (
        Closure.objects.filter(status=ClosureStatus.WAITING, victim__archived_at__isnull=True)
        .select_related("victim", "created_by")
        .order_by("closed_on", "id")
    )


def plans_waiting(*, user) -> QuerySet[CarePlan]:
    """For a supervisor: the open care plans waiting for approval, oldest first."""
    if not can(user, Ability.APPROVE_CASEWORK):
        return CarePlan.objects.none()
    return (
        CarePlan.objects.filter(
            approved_at__isnull=True, closed_on__isnull=True, victim__archived_at__isnull=True
        )
        .select_related("victim", "created_by")
        .order_by("made_on", "id")
    )
