"""Links between cases and victims (roles.md): asked for by one side, decided by the other.

A link opens a victim's identity to police (and, once the case is prosecuted, to prosecutors),
so no one side makes it alone. The answer to a request never tells whether the reference it
names exists; a user whose requests keep naming nothing is stopped.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.audit import Action, audit
from atip.references import normalise, numbered_like
from cases.models import CASE_PREFIX, CASE_WIDTH, Case, CaseVictim, LinkDirection, LinkRequest, LinkStatus
from victims.models import Victim
from victims.services import REFERENCE_PREFIX as VICTIM_PREFIX
from victims.services import REFERENCE_WIDTH as VICTIM_WIDTH

# roles.md / issue 8: more than this many requests naming no record in a day stop the user.
UNMATCHED_PER_DAY = 10
VICTIM_EXAMPLE, CASE_EXAMPLE = "V-2026-0001", "C-2026-001"  # as the request forms show them
BLOCKED_MESSAGE = _(
    "Link requests are blocked for your account for now: too many of your requests named no "
    "record. The administrators have been told."
)


def _unmatched_recently(user) -> int:
    since = timezone.now() - datetime.timedelta(days=1)
    mine = LinkRequest.objects.filter(requested_by=user, requested_at__gte=since)
    return (
        mine.filter(direction=LinkDirection.VICTIM_TO_CASE, victim__isnull=True).count()
        + mine.filter(direction=LinkDirection.CASE_TO_VICTIM, case__isnull=True).count()
    )


def _well_formed(typed: str, *, prefix: str, width: int, by, held, example: str) -> str:
    """`typed` normalised, if it has the shape of a reference of the kind asked for. Otherwise
    refused with a message by the field, and neither stored nor logged: a name typed as a
    reference would sit in the request and the audit log (the log holds no names); its length
    is logged. The answer never depends on whether a record exists."""
    reference = normalise(typed)
    if numbered_like(reference, prefix=prefix, width=width):
        return reference
    audit(
        action=Action.REQUEST,
        user=by,
        obj=held,
        detail=f"link request refused: not a reference ({len(typed)} characters typed)",
    )
    message = _("These references look like %(example)s: check what you typed. Nothing was sent.")
    raise ValidationError({"reference": message % {"example": example}})


def link_requests_blocked(user) -> bool:
    return _unmatched_recently(user) > UNMATCHED_PER_DAY


@transaction.atomic
def _request(*, by, direction, case=None, victim=None, typed_reference: str, reason: str) -> LinkRequest:
    if link_requests_blocked(by):
        raise ValidationError(BLOCKED_MESSAGE)
    request = LinkRequest(
        direction=direction,
        case=case,
        victim=victim,
        typed_reference=typed_reference,
        reason=reason.strip(),
        requested_by=by,
    )
    request.full_clean()
    request.save()
    held = case if direction == LinkDirection.VICTIM_TO_CASE else victim
    audit(action=Action.REQUEST, user=by, obj=held, detail=f"link request {request.pk}: {typed_reference}")
    if not request.matched and _unmatched_recently(by) == UNMATCHED_PER_DAY + 1:
        audit(
            action=Action.BLOCKED,
            user=by,
            object_type="linkrequest",
            object_id=str(request.pk),
            detail=f"more than {UNMATCHED_PER_DAY} link requests naming no record in 24 hours",
        )
    return request


def link_request_victim(*, case: Case, by, typed_reference: str, reason: str) -> LinkRequest:
    """Police (or a prosecutor) ask Human Services to list a victim, by its reference, in `case`."""
    reference = _well_formed(
        typed_reference, prefix=VICTIM_PREFIX, width=VICTIM_WIDTH, by=by, held=case, example=VICTIM_EXAMPLE
    )
    victim = Victim.objects.filter(reference=reference).first()
    return _request(
        by=by,
        direction=LinkDirection.VICTIM_TO_CASE,
        case=case,
        victim=victim,
        typed_reference=reference,
        reason=reason,
    )


def link_request_case(*, victim: Victim, by, typed_reference: str, reason: str) -> LinkRequest:
    """A social worker asks the police unit to list `victim` in a case, by the case's reference."""
    reference = _well_formed(
        typed_reference, prefix=CASE_PREFIX, width=CASE_WIDTH, by=by, held=victim, example=CASE_EXAMPLE
    )
    case = Case.objects.filter(reference=reference).first()
    return _request(
        by=by,
        direction=LinkDirection.CASE_TO_VICTIM,
        case=case,
        victim=victim,
        typed_reference=reference,
        reason=reason,
    )


@transaction.atomic
def link_request_decide(*, request: LinkRequest, by, accept: bool, note: str = "") -> LinkRequest:
    """Accept (the victim is listed in the case) or decline (with a reason) a pending request."""
    request = LinkRequest.objects.select_for_update().get(pk=request.pk)
    note = note.strip()
    if request.status != LinkStatus.PENDING:
        raise ValidationError(
            _("This request was already %(status)s.") % {"status": request.get_status_display().lower()}
        )
    if accept and not request.matched:
        raise ValidationError({"note": _("This reference names no record: decline the request.")})
    if not accept and not note:
        raise ValidationError({"note": _("Say why the request is declined: the requester reads it.")})
    request.status = LinkStatus.ACCEPTED if accept else LinkStatus.DECLINED
    request.decided_by, request.decided_at, request.decision_note = by, timezone.now(), note
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    held = request.case if request.direction == LinkDirection.VICTIM_TO_CASE else request.victim
    if accept:
        link_victim(case=request.case, victim=request.victim, by=request.requested_by, accepted_by=by)
    else:
        audit(action=Action.DECLINE, user=by, obj=held, detail=f"link request {request.pk}")
    return request


@transaction.atomic
def link_victim(*, case: Case, victim: Victim, by, accepted_by=None) -> CaseVictim:
    """List `victim` in `case` (an accepted request, or police registering a presumed victim):
    from then on police (and prosecutors, once prosecuted) see the person. Listing twice keeps
    one link."""
    link, created = CaseVictim.objects.get_or_create(case=case, victim=victim, defaults={"linked_by": by})
    if created:
        accepted = f", accepted by {accepted_by.get_username()}" if accepted_by else ""
        audit(
            action=Action.LINK, user=accepted_by or by, obj=victim, detail=f"case {case.reference}{accepted}"
        )
    return link


@transaction.atomic
def unlink_victim(*, case: Case, victim: Victim, by) -> None:
    """Remove a victim from a case (a link made by mistake), by the police who keep the case.

    The link row itself is removed: it is neither a person nor a case, and keeping it would let
    police go on seeing the victim. What happened stays in the audit log (LINK, then UNLINK).
    """
    deleted, _by_model = CaseVictim.objects.filter(case=case, victim=victim).delete()
    if not deleted:
        raise ValidationError(_("This person is not linked to this case."))
    audit(action=Action.UNLINK, user=by, obj=victim, detail=f"case {case.reference}")
