"""Demo caseloads for seed_demo (issue 20.1, 20.4, 20.5): the people in care shared between the
demo social worker and a second worker, one case given back to the demo worker (she is told at
her first login), a closure waiting for the supervisor, a case closed with her approval, and a
return three months ago whose 1-month follow-up is recorded and whose 3-month one is due.

Synthetic only, and written through the services, as real use would write it."""

import datetime

from atip.codes import HOME_COUNTRY
from atip.roles import Role
from atip.services import user_set_role
from casework.approvals import closure_decide, closure_request
from casework.demo_notes import COUNSELLOR
from casework.models.closures import ClosureReason
from casework.models.returns import FollowUpOutcome, Receiver
from casework.returns import add_months, follow_up_record, return_assessment_save
from services.models import Repatriation, RepatriationStatus
from services.services import repatriation_save
from victims.caseload import victim_assign
from victims.models import IdentificationStatus, Victim
from victims.selectors import in_care_q

DAY = datetime.timedelta(days=1)


def seed(*, people, victims, users, today) -> None:
    """`people` (those with casework) stay the demo worker's. Of the other identified people, the
    latest first: one in care asks to be closed, one no longer in care is closed, and every third
    goes to the second worker; then the return."""
    worker, supervisor = users[Role.SOCIAL_WORKER], users[Role.SUPERVISOR]
    second = user_set_role(username=COUNSELLOR, role=Role.SOCIAL_WORKER)
    returned = _return(victims, worker, today)  # stays the demo worker's: her follow-up is due
    others = (
        Victim.objects.filter(
            pk__in=[v.pk for v in victims], identification_status=IdentificationStatus.IDENTIFIED
        )
        .exclude(pk__in=[p.pk for p in people] + ([returned.pk] if returned else []))
        .order_by("-identification_date", "reference")
    )
    in_care = set(others.filter(in_care_q(today)).values_list("pk", flat=True))
    others = list(others)
    waiting = next((v for v in others if v.pk in in_care), None)
    closed = next((v for v in others if v.pk not in in_care), None)
    handed = [v for v in others[1::3] if v not in (waiting, closed)]
    for victim in handed:
        _assign(victim, second, supervisor, "Caseloads shared out when the second worker joined the unit.")
    if handed:
        _assign(
            handed[0], worker, supervisor, "The second worker is on leave for a month: urgent court date."
        )
    if waiting:
        closure_request(
            victim=waiting,
            by=worker,
            data={
                "reason": ClosureReason.REINTEGRATED,
                "closed_on": today - 2 * DAY,
                "note": "Back with her family, working; the last two visits found no concern.",
            },
        )
    if closed:
        closure = closure_request(
            victim=closed,
            by=worker,
            data={
                "reason": ClosureReason.TRANSFERRED,
                "closed_on": max(today - 20 * DAY, closed.identification_date),
                "note": "Moved to the NGO's long-term programme in Cayo.",
            },
        )
        closure_decide(
            closure=closure, by=supervisor, approve=True, note="", expected_version=closure.version
        )
    _return(victims, worker, today)


def _assign(victim, to, by, reason) -> None:
    victim.refresh_from_db()
    victim_assign(victim=victim, worker=to, by=by, reason=reason, expected_version=victim.version)


def _return(victims, worker, today) -> Victim | None:
    """A person from abroad, home three months and five days ago: assessed before the return,
    seen a month after it, and her 3-month follow-up now due."""
    returned = add_months(today, -3) - 5 * DAY
    person = (
        Victim.objects.filter(
            pk__in=[v.pk for v in victims],
            identification_status=IdentificationStatus.IDENTIFIED,
            identification_date__lte=returned - 30 * DAY,
            repatriations__isnull=True,
        )
        .exclude(nationality__in=[HOME_COUNTRY, ""])
        .order_by("reference")
        .first()
    )
    if person is None:
        return None
    repatriation = repatriation_save(
        repatriation=Repatriation(victim=person),
        by=worker,
        data={
            "destination_country": person.nationality,
            "status": RepatriationStatus.COMPLETED,
            "return_date": returned,
            "assisted_by": "IOM",
        },
        close_open_stays=True,
    )
    return_assessment_save(
        repatriation=repatriation,
        by=worker,
        data={
            "assessed_on": returned - 14 * DAY,
            "risk": "low",
            "best_interests": "Wishes to go home; her mother can care for her and the school takes her back.",
            "receiver": Receiver.FAMILY,
            "receiver_details": "Her mother, in the capital; reached through the IOM office.",
            "consulate_contact": "Consulate in Belize City; IOM return desk officer.",
            "travel_documents": "Emergency travel document from the consulate; bus ticket.",
        },
    )
    follow_up_record(
        repatriation=repatriation,
        months=1,
        by=worker,
        data={
            "done_on": add_months(returned, 1) + 2 * DAY,
            "outcome": FollowUpOutcome.SETTLED,
            "note": "By phone with IOM's officer: living with her mother, back at school.",
        },
    )
    return person
