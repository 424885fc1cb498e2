from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from atip.access import ensure_can
from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import form_page
from atip.history import history_with_changes
from atip.paging import page_of
from atip.panels import panels_for
from atip.roles import Ability, can
from cases import services
from cases.filters import CaseFilter, LimitedCaseFilter
from cases.forms import CaseForm, CaseReferenceForm, CaseStatusForm, SuspectForm, VictimReferenceForm
from cases.models import Suspect
from cases.selectors import (
    case_by_reference,
    case_for_user_or_404,
    case_list,
    case_victims,
    suspect_for_user_or_404,
    victim_by_reference,
)
from victims.forms import PresumedVictimForm
from victims.selectors import victim_for_user_or_404


def _linked(link) -> None:
    """A refused link is a message next to the reference typed."""
    try:
        link()
    except ValidationError as error:
        raise ValidationError({"reference": error.messages}) from error


@require_GET
@requires(Ability.VIEW_CASES)
def case_list_view(request):
    full = can(request.user, Ability.VIEW_CASE_DETAILS)
    cases = (CaseFilter if full else LimitedCaseFilter)(request.GET, queryset=case_list(user=request.user))
    return render(
        request,
        "cases/list.html",
        {
            "filter": cases,
            "page": page_of(request, cases.qs),
            "full": full,
            "manage": can(request.user, Ability.MANAGE_CASES),
        },
    )


@require_GET
@login_required
def case_detail(request, pk):
    user = request.user
    case = case_for_user_or_404(user=user, pk=pk)
    audit(action=Action.VIEW, obj=case)
    full = can(user, Ability.VIEW_CASE_DETAILS)
    context = {
        "case": case,
        "full": full,
        "manage": can(user, Ability.MANAGE_CASES),
        "victims": case_victims(user=user, case=case),
        "panels": panels_for("case", user=user, case=case),
    }
    if full:
        context.update(
            forms=case.exploitation_forms.all(),
            suspects=case.suspects.all(),
            victim_count=case.victim_links.count(),
            status_changes=case.status_changes.select_related("changed_by"),
            history=history_with_changes(case.history.all()),
        )
    return render(request, "cases/detail.html", context)


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_CASES)
def case_create(request):
    ensure_can(request.user, Ability.MANAGE_CASES)
    form = CaseForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.case_create(by=request.user, data=form.cleaned_data),
        title="Report a case",
        back="cases:list",
        done=lambda case: f"Case {case.reference} recorded.",
        then=lambda case: case,
    )


@require_http_methods(["GET", "POST"])
@login_required
def case_edit(request, pk):
    case = case_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_CASES)
    form = CaseForm(request.POST or None, instance=case)
    return form_page(
        request,
        form,
        save=lambda: services.case_update(
            case=case, by=request.user, data=form.cleaned_data, expected_version=form.cleaned_data["version"]
        ),
        title=f"Edit {case.reference}",
        back=case,
        done="Saved.",
    )


@require_http_methods(["GET", "POST"])
@login_required
def case_status(request, pk):
    case = case_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_CASES)
    form = CaseStatusForm(request.POST or None, current_status=case.status)
    return form_page(
        request,
        form,
        save=lambda: services.case_set_status(case=case, by=request.user, **form.cleaned_data),
        title=f"Change the status of {case.reference}",
        back=case,
        done="Status changed.",
        submit_label="Change",
    )


@require_http_methods(["GET", "POST"])
@login_required
def suspect_create(request, pk):
    case = case_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_CASES)
    form = SuspectForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.suspect_create(case=case, by=request.user, data=form.cleaned_data),
        title=f"Add a suspect to {case.reference}",
        back=case,
        done=lambda suspect: f"Suspect {suspect.reference} added.",
    )


@require_http_methods(["GET", "POST"])
@login_required
def suspect_edit(request, pk):
    suspect: Suspect = suspect_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_CASES)
    form = SuspectForm(request.POST or None, instance=suspect)
    return form_page(
        request,
        form,
        save=lambda: services.suspect_update(
            suspect=suspect,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=f"Edit suspect {suspect.reference}",
        back=suspect.case,
        done="Saved.",
    )


@require_http_methods(["GET", "POST"])
@login_required
def case_link_victim(request, pk):
    """Police link a victim Human Services told them about, by its exact reference only."""
    case = case_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_CASES)
    form = VictimReferenceForm(request.POST or None)

    def link():
        victim = victim_by_reference(reference=form.cleaned_data["reference"])
        if victim is None:
            raise ValidationError({"reference": "No victim with this reference."})
        _linked(lambda: services.case_link_victim(case=case, victim=victim, by=request.user))
        return victim

    return form_page(
        request,
        form,
        save=link,
        title=f"Link a victim to {case.reference}",
        back=case,
        done=lambda victim: f"{victim.reference} linked to this case.",
        submit_label="Link",
    )


@require_http_methods(["GET", "POST"])
@login_required
def case_register_victim(request, pk):
    """Police register a presumed victim from the case: a new referral for Human Services."""
    case = case_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_CASES)
    ensure_can(request.user, Ability.REFER_PRESUMED_VICTIM)
    form = PresumedVictimForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.case_register_presumed_victim(
            case=case, by=request.user, data=form.cleaned_data
        ),
        title=f"Register a presumed victim in {case.reference}",
        back=case,
        done=lambda victim: f"Presumed victim {victim.reference} registered and referred to Human Services.",
    )


@require_POST
@login_required
def case_unlink_victim(request, pk, victim_pk):
    case = case_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_CASES)
    victim = victim_for_user_or_404(user=request.user, pk=victim_pk)
    try:
        services.case_unlink_victim(case=case, victim=victim, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{victim.reference} unlinked from this case.")
    return redirect(case)


@require_http_methods(["GET", "POST"])
@login_required
def victim_link_case(request, victim_pk):
    """Social workers link one of their victims to a case by the case's exact reference."""
    victim = victim_for_user_or_404(user=request.user, pk=victim_pk, to=Ability.MANAGE_VICTIMS)
    form = CaseReferenceForm(request.POST or None)

    def link():
        case = case_by_reference(reference=form.cleaned_data["reference"])
        if case is None:
            raise ValidationError({"reference": "No case with this reference."})
        _linked(lambda: services.case_link_victim(case=case, victim=victim, by=request.user))
        return case

    return form_page(
        request,
        form,
        save=link,
        title=f"Link {victim.reference} to a case",
        back=victim,
        done=lambda case: f"Linked to case {case.reference}.",
        submit_label="Link",
        template="cases/link_case.html",
    )
