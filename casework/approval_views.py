"""Closing and reopening a case, and a supervisor's approvals (casework.approvals)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from atip.access import object_for_user
from atip.decorators import requires
from atip.forms import form_page
from atip.roles import Ability, can
from atip.versioning import posted_version
from casework import approvals, returns
from casework.approval_forms import (
    ClosureDecisionForm,
    ClosureForm,
    FollowUpForm,
    ReopenForm,
    ReturnAssessmentForm,
)
from casework.models.closures import Closure
from casework.models.returns import FOLLOW_UP_MONTHS, FollowUp, ReturnAssessment
from casework.selectors import of_caseload, plan_for_user_or_404
from victims.access import VictimAccess
from victims.selectors import victim_for_user_or_404

GET_POST = require_http_methods(["GET", "POST"])


def closure_for_user_or_404(*, user, pk) -> Closure:
    return object_for_user(of_caseload(Closure, user).select_related("victim", "created_by"), pk, user=user)


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def closure_create(request, victim_pk):
    person = victim_for_user_or_404(user=request.user, pk=victim_pk, where="closure page")
    form = ClosureForm(request.POST or None)
    waiting = approvals.approvals_required()
    return form_page(
        request,
        form,
        save=lambda: approvals.closure_request(victim=person.victim, by=request.user, data=form.cleaned_data),
        title=_("Close the case — %(victim)s") % {"victim": person.heading},
        back=person.victim,
        done=_("The closure is waiting for the supervisor's approval.") if waiting else _("Case closed."),
        submit_label=_("Ask to close the case") if waiting else _("Close the case"),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def closure_decide(request, pk):
    closure = closure_for_user_or_404(user=request.user, pk=pk)
    if not can(request.user, Ability.APPROVE_CASEWORK):
        raise PermissionDenied  # a worker sees the closure on the person's page, but a supervisor decides
    person = VictimAccess(closure.victim, user=request.user, where=f"closure {closure.pk} decision page")
    form = ClosureDecisionForm(request.POST or None, closure=closure)
    return form_page(
        request,
        form,
        save=lambda: approvals.closure_decide(
            closure=closure,
            by=request.user,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Closure of %(victim)s") % {"victim": person.heading},
        back=closure.victim,
        done=_("Decision recorded."),
        template="casework/closure_decide.html",
        closure=closure,
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def closure_reopen(request, pk):
    closure = closure_for_user_or_404(user=request.user, pk=pk)
    person = VictimAccess(closure.victim, user=request.user, where=f"closure {closure.pk} reopen page")
    form = ReopenForm(request.POST or None, initial={"version": closure.version})
    return form_page(
        request,
        form,
        save=lambda: approvals.case_reopen(
            closure=closure,
            by=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Reopen the case — %(victim)s") % {"victim": person.heading},
        back=closure.victim,
        done=_("Case reopened."),
    )


@require_POST
@requires(Ability.MANAGE_CASEWORK)
def plan_approve(request, pk):
    plan = plan_for_user_or_404(user=request.user, pk=pk)
    try:
        approvals.plan_approve(plan=plan, by=request.user, expected_version=posted_version(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Care plan approved."))
    return redirect(plan.victim)


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def return_assessment(request, pk):
    """The return assessment of a repatriation (issue 20.5): made, or corrected."""
    repatriation = returns.repatriation_for_user_or_404(user=request.user, pk=pk)
    person = VictimAccess(
        repatriation.victim, user=request.user, where=f"repatriation {pk} return assessment"
    )
    current = getattr(repatriation, "return_assessment", None)
    form = ReturnAssessmentForm(
        request.POST or None, instance=current or ReturnAssessment(repatriation=repatriation)
    )
    return form_page(
        request,
        form,
        save=lambda: returns.return_assessment_save(
            repatriation=repatriation,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data.get("version"),
        ),
        title=_("Return assessment — %(victim)s") % {"victim": person.heading},
        back=repatriation.victim,
        done=_("Return assessment saved."),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def follow_up_create(request, pk, months):
    repatriation = returns.repatriation_for_user_or_404(user=request.user, pk=pk)
    if months not in FOLLOW_UP_MONTHS or repatriation.return_date is None:
        raise Http404
    if FollowUp.objects.filter(repatriation=repatriation, months=months).exists():
        messages.info(request, _("This follow-up is already recorded."))
        return redirect(repatriation.victim)
    person = VictimAccess(repatriation.victim, user=request.user, where=f"repatriation {pk} follow-up")
    form = FollowUpForm(request.POST or None, instance=FollowUp(repatriation=repatriation, months=months))
    return form_page(
        request,
        form,
        save=lambda: returns.follow_up_record(
            repatriation=repatriation, months=months, by=request.user, data=form.cleaned_data
        ),
        title=_("%(months)s-month follow-up — %(victim)s") % {"months": months, "victim": person.heading},
        back=repatriation.victim,
        done=_("Follow-up recorded."),
    )
