"""Casework pages. Each gets its record through a selector scoped to the user (404 outside the
caseload, 403 for an action the user may not take), writes through casework.services, and audits
the victim's name it shows (atip.reads.audit_shown). Referrals: casework.referral_views."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import form_page
from atip.history import history_with_changes
from atip.paging import page_of
from atip.reads import audit_shown
from atip.roles import Ability
from casework import forms, selectors, services
from casework.models.assessments import Assessment
from casework.models.consent import Consent
from casework.models.plans import CarePlan, Goal, Review
from casework.worklist import WORKLISTS, worklist_items
from victims.selectors import victim_for_user_or_404

GET_POST = require_http_methods(["GET", "POST"])
AGENCY_FORM = "casework/form.html"  # form.html, hiding the agency fields the chosen agency does not use


def about_victim(victim) -> str:
    return f"{victim.full_name} ({victim.reference})"


def victim_shown(request, victim_pk, *, where: str):
    """The caseload's victim named in the URL, audited as shown on this page."""
    victim = victim_for_user_or_404(user=request.user, pk=victim_pk)
    audit_shown([victim], where=where)
    return victim


# --- Consent ---------------------------------------------------------------------------------


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def consent_create(request, victim_pk):
    victim = victim_shown(request, victim_pk, where="new consent page")
    form = forms.ConsentForm(request.POST or None, instance=Consent(victim=victim))
    return form_page(
        request,
        form,
        save=lambda: services.consent_save(
            consent=Consent(victim=victim), by=request.user, data=form.cleaned_data
        ),
        title=_("Record consent — %(victim)s") % {"victim": about_victim(victim)},
        template=AGENCY_FORM,
        back=victim,
        done=_("Consent recorded."),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def consent_edit(request, pk):
    consent = selectors.consent_for_user_or_404(user=request.user, pk=pk)
    audit_shown([consent.victim], where=f"consent {consent.pk} edit page")
    form = forms.ConsentForm(request.POST or None, instance=consent)
    return form_page(
        request,
        form,
        save=lambda: services.consent_save(
            consent=consent,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Correct a consent — %(victim)s") % {"victim": about_victim(consent.victim)},
        template=AGENCY_FORM,
        back=consent.victim,
        done=_("Consent saved."),
        history=history_with_changes(consent.history.all()),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def consent_withdraw(request, pk):
    consent = selectors.consent_for_user_or_404(user=request.user, pk=pk)
    audit_shown([consent.victim], where=f"consent {consent.pk} withdrawal page")
    form = forms.WithdrawForm(request.POST or None, initial={"version": consent.version})
    return form_page(
        request,
        form,
        save=lambda: services.consent_withdraw(
            consent=consent,
            by=request.user,
            on=form.cleaned_data["withdrawn_on"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Withdraw: %(consent)s — %(victim)s")
        % {"consent": consent, "victim": about_victim(consent.victim)},
        back=consent.victim,
        done=_("Consent withdrawn. It is kept, and no longer counts from that day."),
        submit_label=_("Withdraw the consent"),
    )


# --- Assessment, plan, goals, reviews -------------------------------------------------------


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def assessment_create(request, victim_pk):
    victim = victim_shown(request, victim_pk, where="new assessment page")
    form = forms.AssessmentForm(request.POST or None, instance=Assessment(victim=victim))
    return form_page(
        request,
        form,
        save=lambda: services.assessment_save(
            assessment=Assessment(victim=victim), by=request.user, data=form.cleaned_data
        ),
        title=_("Needs and risk assessment — %(victim)s") % {"victim": about_victim(victim)},
        back=victim,
        done=_("Assessment recorded."),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def assessment_edit(request, pk):
    assessment = selectors.assessment_for_user_or_404(user=request.user, pk=pk)
    audit_shown([assessment.victim], where=f"assessment {assessment.pk} edit page")
    form = forms.AssessmentForm(request.POST or None, instance=assessment)
    return form_page(
        request,
        form,
        save=lambda: services.assessment_save(
            assessment=assessment,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Correct an assessment — %(victim)s") % {"victim": about_victim(assessment.victim)},
        back=assessment.victim,
        done=_("Assessment saved."),
        history=history_with_changes(assessment.history.all()),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def plan_create(request, victim_pk):
    victim = victim_shown(request, victim_pk, where="new care plan page")
    form = forms.PlanForm(request.POST or None, instance=CarePlan(victim=victim), victim=victim)
    return form_page(
        request,
        form,
        save=lambda: services.plan_create(victim=victim, by=request.user, data=form.cleaned_data),
        title=_("Start a care plan — %(victim)s") % {"victim": about_victim(victim)},
        back=victim,
        done=_("Care plan started. Add its first goal."),
        then=lambda plan: reverse("casework:goal_create", args=[plan.pk]),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def plan_edit(request, pk):
    plan = selectors.plan_for_user_or_404(user=request.user, pk=pk)
    audit_shown([plan.victim], where=f"care plan {plan.pk} edit page")
    form = forms.PlanForm(request.POST or None, instance=plan, victim=plan.victim)
    return form_page(
        request,
        form,
        save=lambda: services.plan_update(
            plan=plan, by=request.user, data=form.cleaned_data, expected_version=form.cleaned_data["version"]
        ),
        title=_("Correct a care plan — %(victim)s") % {"victim": about_victim(plan.victim)},
        back=plan.victim,
        done=_("Care plan saved."),
        history=history_with_changes(plan.history.all()),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def goal_create(request, pk):
    plan = selectors.plan_for_user_or_404(user=request.user, pk=pk)
    audit_shown([plan.victim], where=f"care plan {plan.pk} new goal page")
    form = forms.GoalForm(request.POST or None, instance=Goal(plan=plan))
    return form_page(
        request,
        form,
        save=lambda: services.goal_save(goal=Goal(plan=plan), by=request.user, data=form.cleaned_data),
        title=_("Add a goal — %(victim)s") % {"victim": about_victim(plan.victim)},
        template=AGENCY_FORM,
        back=plan.victim,
        done=_("Goal added."),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def goal_edit(request, pk):
    goal = selectors.goal_for_user_or_404(user=request.user, pk=pk)
    victim = goal.plan.victim
    audit_shown([victim], where=f"goal {goal.pk} edit page")
    form = forms.GoalForm(request.POST or None, instance=goal)
    return form_page(
        request,
        form,
        save=lambda: services.goal_save(
            goal=goal, by=request.user, data=form.cleaned_data, expected_version=form.cleaned_data["version"]
        ),
        title=_("Update a goal — %(victim)s") % {"victim": about_victim(victim)},
        template=AGENCY_FORM,
        back=victim,
        done=_("Goal saved."),
        history=history_with_changes(goal.history.all()),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def review_create(request, pk):
    plan = selectors.plan_for_user_or_404(user=request.user, pk=pk)
    audit_shown([plan.victim], where=f"care plan {plan.pk} review page")
    form = forms.ReviewForm(request.POST or None, instance=Review(plan=plan))

    def save():
        data = {k: v for k, v in form.cleaned_data.items() if k != "closes_plan"}
        return services.review_add(
            plan=plan, by=request.user, data=data, closes_plan=form.cleaned_data["closes_plan"]
        )

    return form_page(
        request,
        form,
        save=save,
        title=_("Review the care plan — %(victim)s") % {"victim": about_victim(plan.victim)},
        back=plan.victim,
        done=lambda review: (
            _("Review recorded; the plan is closed.") if review.closes_plan else _("Review recorded.")
        ),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def review_edit(request, pk):
    review = selectors.review_for_user_or_404(user=request.user, pk=pk)
    victim = review.plan.victim
    audit_shown([victim], where=f"review {review.pk} edit page")
    form = forms.ReviewForm(request.POST or None, instance=review)
    return form_page(
        request,
        form,
        save=lambda: services.review_update(
            review=review,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Correct a review — %(victim)s") % {"victim": about_victim(victim)},
        back=victim,
        done=_("Review saved."),
        history=history_with_changes(review.history.all()),
    )


# --- The worklist and the case summary ---------------------------------------------------------


@require_GET
@requires(Ability.MANAGE_CASEWORK)
def worklist(request, kind):
    if kind not in WORKLISTS:
        raise Http404
    today = timezone.localdate()
    rows = WORKLISTS[kind].rows(request.user, today)
    page = page_of(request, rows)
    items = worklist_items(kind, rows=page, today=today)
    audit_shown({item.victim.pk: item.victim for item in items}.values(), where=f"worklist {kind}")
    return render(
        request,
        "casework/worklist.html",
        {
            "title": WORKLISTS[kind].title,
            "items": items,
            "page": page,
            "waiting": WORKLISTS[kind].waiting,
        },
    )


@require_GET
@requires(Ability.MANAGE_CASEWORK)
def case_summary(request, victim_pk):
    """The printable case summary. Opening it is printing it: an EXPORT in the audit log, and
    the name on it a VIEW."""
    victim = victim_shown(request, victim_pk, where="case summary")
    audit(action=Action.EXPORT, user=request.user, obj=victim, detail="case summary (print)")
    context = selectors.case_summary(user=request.user, victim=victim)
    return render(
        request,
        "casework/summary.html",
        {**context, "victim": victim, "printed_at": timezone.localtime(), "printed_by": request.user},
    )
