"""The panels of caseloads (issue 20.1, 20.4): on a victim's page, who holds the case and whether
it is closed; on a supervisor's home, what waits for her approval."""

from django.utils.translation import gettext as _

from atip.paging import RECENT
from atip.panels import panel
from atip.roles import Ability, can
from casework.approvals import closures_waiting, current_closure, plans_waiting
from casework.models.closures import ClosureStatus
from victims.access import VictimAccess, victims_shown


@panel("victim", "casework/_victim_caseload.html", order=5)
def caseload_panel(*, user, victim: VictimAccess) -> dict | None:
    """The responsible worker, the closure waiting or in force, and the open plan's approval."""
    if not victim.casework:
        return None
    record = victim.victim
    closure = current_closure(victim=record)
    plan = record.care_plans.filter(closed_on__isnull=True).first()
    badge = None
    if closure and closure.status == ClosureStatus.CLOSED:
        badge = (_("Case closed %(date)s") % {"date": f"{closure.closed_on:%Y-%m-%d}"}, "text-bg-dark")
    elif closure:
        badge = (_("Closure waiting for approval"), "text-bg-warning")
    return {
        "worker": record.responsible_worker,
        "may_assign": can(user, Ability.REASSIGN_CASES) or record.responsible_worker_id is None,
        "closure": closure,
        "may_decide": closure is not None
        and closure.status == ClosureStatus.WAITING
        and can(user, Ability.APPROVE_CASEWORK)
        and closure.created_by_id != user.pk,
        "plan": plan,
        "may_approve": plan is not None
        and not plan.is_approved
        and can(user, Ability.APPROVE_CASEWORK)
        and plan.created_by_id != user.pk,
        "badge": badge,
        "returns": list(
            record.repatriations.select_related("return_assessment").prefetch_related("follow_ups")
        ),
    }


@panel("home", "casework/_approvals.html", order=10)
def approvals_panel(*, user) -> dict | None:
    """On a supervisor's home: care plans and closures waiting for her approval, oldest first."""
    if not can(user, Ability.APPROVE_CASEWORK):
        return None
    plans, closures = plans_waiting(user=user), closures_waiting(user=user)
    plan_rows = list(plans[:RECENT])
    closure_rows = list(closures[:RECENT])
    people = victims_shown(
        [p.victim for p in plan_rows] + [c.victim for c in closure_rows], user=user, where="home page"
    )
    return {
        "plans": list(zip(plan_rows, people[: len(plan_rows)], strict=True)),
        "closures": list(zip(closure_rows, people[len(plan_rows) :], strict=True)),
        "plan_count": plans.count(),
        "closure_count": closures.count(),
    }
