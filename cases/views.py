from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import record_fields, submit
from atip.history import history_with_changes
from atip.roles import Ability, Role, can, role_of
from cases import services
from cases.filters import CaseFilter, LimitedCaseFilter
from cases.forms import (
    CaseForm,
    CaseReferenceForm,
    CaseStatusForm,
    PresumedVictimForm,
    SuspectForm,
    VictimReferenceForm,
)
from cases.models import Suspect
from cases.selectors import (
    case_by_reference,
    case_for_user_or_404,
    case_list,
    case_victims,
    sees_case_details,
    suspect_for_user_or_404,
    victim_by_reference,
)
from prosecutions.models import Charge
from victims.selectors import victim_for_user_or_404

PAGE_SIZE = 25


def _case_to_manage(request, pk):
    """A case the user can see and manage: 404 if not visible, 403 if visible but read-only."""
    case = case_for_user_or_404(user=request.user, pk=pk)
    if not can(request.user, Ability.MANAGE_CASES):
        raise PermissionDenied
    return case


@require_GET
@requires(Ability.VIEW_CASES)
def case_list_view(request):
    full = sees_case_details(request.user)
    cases = (CaseFilter if full else LimitedCaseFilter)(request.GET, queryset=case_list(user=request.user))
    page = Paginator(cases.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/list.html",
        {
            "filter": cases,
            "page": page,
            "full": full,
            "manage": can(request.user, Ability.MANAGE_CASES),
        },
    )


@require_GET
@login_required
def case_detail(request, pk):
    user = request.user
    case = case_for_user_or_404(user=user, pk=pk)
    audit(action=Action.VIEW, request=request, obj=case)
    full = sees_case_details(user)
    context = {
        "case": case,
        "full": full,
        "manage": can(user, Ability.MANAGE_CASES),
        "prosecute": can(user, Ability.MANAGE_PROSECUTIONS),
        "status_changes": case.status_changes.select_related("changed_by") if full else None,
        "prosecutions": case.prosecutions.prefetch_related(
            Prefetch("charges", queryset=Charge.objects.select_related("suspect"))
        ),
    }
    if full:
        context.update(
            forms=case.exploitation_forms.all(),
            suspects=case.suspects.all(),
            victims=case_victims(user=user, case=case),
            victim_count=case.victim_links.count(),
            history=history_with_changes(case.history.all()),
        )
    if role_of(user) == Role.SOCIAL_WORKER:
        context["victims"] = case.victims.order_by("reference")
    return render(request, "cases/detail.html", context)


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_CASES)
def case_create(request):
    if not can(request.user, Ability.MANAGE_CASES):
        raise PermissionDenied
    form = CaseForm(request.POST or None)
    case = submit(
        request,
        form,
        lambda: services.case_create(
            by=request.user,
            fields=record_fields(form, "exploitation_forms"),
            exploitation_forms=form.cleaned_data["exploitation_forms"],
            request=request,
        ),
    )
    if case:
        messages.success(request, f"Case {case.reference} recorded.")
        return redirect(case)
    return render(request, "cases/form.html", {"form": form, "title": "Report a case"})


@require_http_methods(["GET", "POST"])
@login_required
def case_edit(request, pk):
    case = _case_to_manage(request, pk)
    form = CaseForm(request.POST or None, instance=case)
    if submit(
        request,
        form,
        lambda: services.case_update(
            case=case,
            by=request.user,
            fields=record_fields(form, "exploitation_forms"),
            expected_version=form.cleaned_data["version"],
            exploitation_forms=form.cleaned_data["exploitation_forms"],
            request=request,
        ),
    ):
        messages.success(request, "Saved.")
        return redirect(case)
    return render(request, "cases/form.html", {"form": form, "case": case, "title": f"Edit {case.reference}"})


@require_http_methods(["GET", "POST"])
@login_required
def case_status(request, pk):
    case = _case_to_manage(request, pk)
    form = CaseStatusForm(request.POST or None, current_status=case.status)
    if submit(
        request,
        form,
        lambda: services.case_set_status(case=case, by=request.user, request=request, **form.cleaned_data),
    ):
        messages.success(request, "Status changed.")
        return redirect(case)
    return render(
        request,
        "cases/form.html",
        {
            "form": form,
            "case": case,
            "title": f"Change the status of {case.reference}",
            "submit_label": "Change",
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def suspect_create(request, pk):
    case = _case_to_manage(request, pk)
    form = SuspectForm(request.POST or None)
    suspect = submit(
        request,
        form,
        lambda: services.suspect_create(
            case=case, by=request.user, fields=record_fields(form, "exploitation_forms"), request=request
        ),
    )
    if suspect:
        messages.success(request, f"Suspect {suspect.reference} added.")
        return redirect(case)
    return render(
        request,
        "cases/form.html",
        {"form": form, "case": case, "title": f"Add a suspect to {case.reference}"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def suspect_edit(request, pk):
    suspect: Suspect = suspect_for_user_or_404(user=request.user, pk=pk)
    if not can(request.user, Ability.MANAGE_CASES):
        raise PermissionDenied
    case = suspect.case
    form = SuspectForm(request.POST or None, instance=suspect)
    if submit(
        request,
        form,
        lambda: services.suspect_update(
            suspect=suspect,
            by=request.user,
            fields=record_fields(form, "exploitation_forms"),
            expected_version=form.cleaned_data["version"],
            request=request,
        ),
    ):
        messages.success(request, "Saved.")
        return redirect(case)
    return render(
        request, "cases/form.html", {"form": form, "case": case, "title": f"Edit suspect {suspect.reference}"}
    )


@require_http_methods(["GET", "POST"])
@login_required
def case_link_victim(request, pk):
    """Police link a victim Human Services told them about, by its exact reference only."""
    case = _case_to_manage(request, pk)
    form = VictimReferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        victim = victim_by_reference(reference=form.cleaned_data["reference"])
        if victim is None:
            form.add_error("reference", "No victim with this reference.")
        else:
            try:
                services.case_link_victim(case=case, victim=victim, by=request.user, request=request)
            except ValidationError as error:
                form.add_error("reference", error.messages)
            else:
                messages.success(request, f"{victim.reference} linked to this case.")
                return redirect(case)
    return render(
        request,
        "cases/form.html",
        {"form": form, "case": case, "title": f"Link a victim to {case.reference}", "submit_label": "Link"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def case_register_victim(request, pk):
    """Police register a presumed victim from the case: a new referral for Human Services."""
    case = _case_to_manage(request, pk)
    if not can(request.user, Ability.REFER_PRESUMED_VICTIM):
        raise PermissionDenied
    form = PresumedVictimForm(request.POST or None)
    victim = submit(
        request,
        form,
        lambda: services.case_register_presumed_victim(
            case=case,
            by=request.user,
            fields=record_fields(form, "exploitation_forms"),
            exploitation_forms=form.cleaned_data["exploitation_forms"],
            request=request,
        ),
    )
    if victim:
        messages.success(
            request, f"Presumed victim {victim.reference} registered and referred to Human Services."
        )
        return redirect(case)
    return render(
        request,
        "cases/form.html",
        {"form": form, "case": case, "title": f"Register a presumed victim in {case.reference}"},
    )


@require_POST
@login_required
def case_unlink_victim(request, pk, victim_pk):
    case = _case_to_manage(request, pk)
    victim = victim_for_user_or_404(user=request.user, pk=victim_pk)
    try:
        services.case_unlink_victim(case=case, victim=victim, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{victim.reference} unlinked from this case.")
    return redirect(case)


@require_http_methods(["GET", "POST"])
@login_required
def victim_link_case(request, victim_pk):
    """Social workers link one of their victims to a case by the case's exact reference."""
    victim = victim_for_user_or_404(user=request.user, pk=victim_pk)
    if not can(request.user, Ability.MANAGE_VICTIMS):
        raise PermissionDenied
    form = CaseReferenceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = case_by_reference(reference=form.cleaned_data["reference"])
        if case is None:
            form.add_error("reference", "No case with this reference.")
        else:
            try:
                services.case_link_victim(case=case, victim=victim, by=request.user, request=request)
            except ValidationError as error:
                form.add_error("reference", error.messages)
            else:
                messages.success(request, f"Linked to case {case.reference}.")
                return redirect(victim)
    return render(
        request,
        "cases/link_case.html",
        {"form": form, "victim": victim, "title": f"Link {victim.reference} to a case"},
    )
