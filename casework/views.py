"""Casework pages. Each gets its record through a selector scoped to the user (404 outside the
caseload, 403 for an action the user may not take), writes through casework.services, and shows
the victim through victims.access, which audits the name. Referrals: casework.referral_views."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import DigestPreference
from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import form_page
from atip.history import history_with_changes
from atip.paging import page_of
from atip.roles import Ability
from casework import forms, notes, selectors, services
from casework.digests import digest_set
from casework.document_access import person_documents
from casework.models.assessments import Assessment
from casework.models.consent import Consent
from casework.models.plans import CarePlan, Goal, Review
from casework.worklist import WORKLISTS, worklist_items, worklist_panel
from victims.access import VictimAccess
from victims.caseload import caseload_scope
from victims.selectors import victim_for_user_or_404

GET_POST = require_http_methods(["GET", "POST"])
AGENCY_FORM = "casework/form.html"  # form.html, hiding the agency fields the chosen agency does not use
CONSENT_PREFILLED = ("purpose", "agency", "agency_name", "agency_country")  # from the address


def victim_shown(request, victim_pk, *, where: str) -> VictimAccess:
    """The caseload's victim named in the URL, as this page (`where`) shows it."""
    return victim_for_user_or_404(user=request.user, pk=victim_pk, where=where)


def person_of(request, record, *, where: str) -> VictimAccess:
    """The victim a casework record (already scoped to the user) belongs to, as this page shows it."""
    return VictimAccess(record.victim, user=request.user, where=where)


# --- Consent ---------------------------------------------------------------------------------


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def consent_create(request, victim_pk):
    person = victim_shown(request, victim_pk, where="new consent page")
    victim = person.victim
    form = forms.ConsentForm(
        request.POST or None, instance=Consent(victim=victim), initial=_consent_initial(request, person)
    )
    # From a referral refused for want of this consent: back to it, its text kept.
    from_referral = request.GET.get("then") == "referral"
    back = reverse("casework:referral_create", args=[victim.pk]) if from_referral else victim
    return form_page(
        request,
        form,
        save=lambda: services.consent_save(
            consent=Consent(victim=victim), by=request.user, data=form.cleaned_data
        ),
        title=_("Record consent — %(victim)s") % {"victim": person.heading},
        template=AGENCY_FORM,
        back=back,
        section="" if from_referral else "consents",
        done=_("Consent recorded."),
    )


def _consent_initial(request, person: VictimAccess) -> dict:
    """A new consent starts from the purpose and agency named in the address (a referral's), and
    the parent or guardian already on the person's record."""
    if request.method != "GET":
        return {}
    initial = {name: request.GET[name] for name in CONSENT_PREFILLED if request.GET.get(name)}
    guardian = person.identity
    if guardian and guardian.guardian_name:
        relationship = guardian.guardian_relationship
        initial["guardian_name"] = (
            f"{guardian.guardian_name} ({relationship})" if relationship else guardian.guardian_name
        )
    return initial


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def consent_edit(request, pk):
    consent = selectors.consent_for_user_or_404(user=request.user, pk=pk)
    person = person_of(request, consent, where=f"consent {consent.pk} edit page")
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
        title=_("Correct a consent — %(victim)s") % {"victim": person.heading},
        template=AGENCY_FORM,
        back=consent.victim,
        section="consents",
        done=_("Consent saved."),
        history=history_with_changes(consent.history.all()),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def consent_withdraw(request, pk):
    consent = selectors.consent_for_user_or_404(user=request.user, pk=pk)
    person = person_of(request, consent, where=f"consent {consent.pk} withdrawal page")
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
        title=_("Withdraw: %(consent)s — %(victim)s") % {"consent": consent, "victim": person.heading},
        back=consent.victim,
        section="consents",
        done=_("Consent withdrawn. It is kept, and no longer counts from that day."),
        submit_label=_("Withdraw the consent"),
    )


# --- Assessment, plan, goals, reviews -------------------------------------------------------


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def assessment_create(request, victim_pk):
    person = victim_shown(request, victim_pk, where="new assessment page")
    victim = person.victim
    form = forms.AssessmentForm(request.POST or None, instance=Assessment(victim=victim))
    return form_page(
        request,
        form,
        save=lambda: services.assessment_save(
            assessment=Assessment(victim=victim), by=request.user, data=form.cleaned_data
        ),
        title=_("Needs and risk assessment — %(victim)s") % {"victim": person.heading},
        back=victim,
        section="assessment",
        done=_("Assessment recorded."),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def assessment_edit(request, pk):
    assessment = selectors.assessment_for_user_or_404(user=request.user, pk=pk)
    person = person_of(request, assessment, where=f"assessment {assessment.pk} edit page")
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
        title=_("Correct an assessment — %(victim)s") % {"victim": person.heading},
        back=assessment.victim,
        section="assessment",
        done=_("Assessment saved."),
        history=history_with_changes(assessment.history.all()),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def plan_create(request, victim_pk):
    person = victim_shown(request, victim_pk, where="new care plan page")
    victim = person.victim
    form = forms.PlanForm(request.POST or None, instance=CarePlan(victim=victim), victim=victim)
    return form_page(
        request,
        form,
        save=lambda: services.plan_create(victim=victim, by=request.user, data=form.cleaned_data),
        title=_("Start a care plan — %(victim)s") % {"victim": person.heading},
        back=victim,
        section="care-plan",
        done=_("Care plan started. Add its first goal."),
        then=lambda plan: reverse("casework:goal_create", args=[plan.pk]),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def plan_edit(request, pk):
    plan = selectors.plan_for_user_or_404(user=request.user, pk=pk)
    person = person_of(request, plan, where=f"care plan {plan.pk} edit page")
    form = forms.PlanForm(request.POST or None, instance=plan, victim=plan.victim)
    return form_page(
        request,
        form,
        save=lambda: services.plan_update(
            plan=plan, by=request.user, data=form.cleaned_data, expected_version=form.cleaned_data["version"]
        ),
        title=_("Correct a care plan — %(victim)s") % {"victim": person.heading},
        back=plan.victim,
        section="care-plan",
        done=_("Care plan saved."),
        history=history_with_changes(plan.history.all()),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def goal_create(request, pk):
    plan = selectors.plan_for_user_or_404(user=request.user, pk=pk)
    person = person_of(request, plan, where=f"care plan {plan.pk} new goal page")
    form = forms.GoalForm(request.POST or None, instance=Goal(plan=plan))
    return form_page(
        request,
        form,
        save=lambda: services.goal_save(goal=Goal(plan=plan), by=request.user, data=form.cleaned_data),
        title=_("Add a goal — %(victim)s") % {"victim": person.heading},
        template=AGENCY_FORM,
        back=plan.victim,
        section="care-plan",
        done=_("Goal added."),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def goal_edit(request, pk):
    goal = selectors.goal_for_user_or_404(user=request.user, pk=pk)
    person = person_of(request, goal.plan, where=f"goal {goal.pk} edit page")
    victim = person.victim
    form = forms.GoalForm(request.POST or None, instance=goal)
    return form_page(
        request,
        form,
        save=lambda: services.goal_save(
            goal=goal, by=request.user, data=form.cleaned_data, expected_version=form.cleaned_data["version"]
        ),
        title=_("Update a goal — %(victim)s") % {"victim": person.heading},
        template=AGENCY_FORM,
        back=victim,
        section="care-plan",
        done=_("Goal saved."),
        history=history_with_changes(goal.history.all()),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def review_create(request, pk):
    plan = selectors.plan_for_user_or_404(user=request.user, pk=pk)
    person = person_of(request, plan, where=f"care plan {plan.pk} review page")
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
        title=_("Review the care plan — %(victim)s") % {"victim": person.heading},
        back=plan.victim,
        section="care-plan",
        done=lambda review: (
            _("Review recorded; the plan is closed.") if review.closes_plan else _("Review recorded.")
        ),
    )


@GET_POST
@requires(Ability.MANAGE_CASEWORK)
def review_edit(request, pk):
    review = selectors.review_for_user_or_404(user=request.user, pk=pk)
    person = person_of(request, review.plan, where=f"review {review.pk} edit page")
    victim = person.victim
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
        title=_("Correct a review — %(victim)s") % {"victim": person.heading},
        back=victim,
        section="care-plan",
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
    scope = caseload_scope(user=request.user, asked=request.GET.get("caseload"))
    rows = WORKLISTS[kind].scoped(request.user, today, scope)
    page = page_of(request, rows)
    items = worklist_items(kind, rows=page, today=today, user=request.user, where=f"worklist {kind}")
    return render(
        request,
        "casework/worklist.html",
        {
            "title": WORKLISTS[kind].title,
            "items": items,
            "page": page,
            "waiting": WORKLISTS[kind].waiting,
            "scope": scope,
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_CASEWORK)
def worklists(request):
    """The whole worklist of one caseload (`?caseload=`: hers, the Department's or, for a
    supervisor, a worker's), as on the home page; and her daily e-mail turned on or off."""
    if request.method == "POST":
        digest_set(user=request.user, on=request.POST.get("digest") == "on")
        messages.success(request, _("Saved."))
        return redirect(f"{reverse('casework:worklists')}?caseload=mine")
    scope = caseload_scope(user=request.user, asked=request.GET.get("caseload"))
    opted_out = DigestPreference.objects.filter(user=request.user, opted_out=True).exists()
    context = {"panel": worklist_panel(user=request.user, scope=scope), "digest_on": not opted_out}
    return render(request, "casework/worklists.html", context)


@require_GET
@requires(Ability.MANAGE_CASEWORK)
def case_summary(request, victim_pk):
    """The printable case summary. Opening it is printing it: an EXPORT in the audit log, and
    the name on it a VIEW."""
    person = victim_shown(request, victim_pk, where="case summary")
    victim = person.victim
    audit(action=Action.EXPORT, user=request.user, obj=victim, detail="case summary (print)")
    context = selectors.case_summary(user=request.user, victim=victim)
    # Contact notes as this user may read them (restricted ones: that they exist), and documents.
    context["notes"] = notes.notes_shown(
        notes.person_notes(user=request.user, person=person), user=request.user, person=person
    )
    context["documents"] = [
        d for d in person_documents(user=request.user, victim=victim) if not d.is_archived
    ]
    return render(
        request,
        "casework/summary.html",
        {**context, "victim": person, "printed_at": timezone.localtime(), "printed_by": request.user},
    )
