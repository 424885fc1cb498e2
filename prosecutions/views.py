from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import record_fields, submit
from atip.history import history_with_changes
from atip.roles import Ability, can
from cases.selectors import case_for_user_or_404, sees_case_details
from prosecutions import services
from prosecutions.filters import ProsecutionFilter
from prosecutions.forms import ChargeForm, HearingForm, ProsecutionForm
from prosecutions.models import Charge
from prosecutions.selectors import (
    charge_for_user_or_404,
    prosecution_charges,
    prosecution_for_user_or_404,
    prosecution_list,
)

PAGE_SIZE = 25


def _prosecution_to_manage(request, pk):
    """A prosecution the user can see and manage: 404 if not visible, 403 if read-only."""
    prosecution = prosecution_for_user_or_404(user=request.user, pk=pk)
    if not can(request.user, Ability.MANAGE_PROSECUTIONS):
        raise PermissionDenied
    return prosecution


@require_GET
@requires(Ability.VIEW_PROSECUTIONS)
def prosecution_list_view(request):
    prosecutions = ProsecutionFilter(request.GET, queryset=prosecution_list(user=request.user))
    page = Paginator(prosecutions.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "prosecutions/list.html", {"filter": prosecutions, "page": page})


@require_GET
@login_required
def prosecution_detail(request, pk):
    user = request.user
    prosecution = prosecution_for_user_or_404(user=user, pk=pk)
    audit(action=Action.VIEW, request=request, obj=prosecution)
    full = sees_case_details(user)
    manage = can(user, Ability.MANAGE_PROSECUTIONS)
    context = {
        "prosecution": prosecution,
        "case": prosecution.case,
        "full": full,
        "manage": manage,
        "charges": prosecution_charges(prosecution=prosecution),
    }
    if full:
        context.update(
            hearings=prosecution.hearings.all(),
            history=history_with_changes(prosecution.history.all()),
        )
    return render(request, "prosecutions/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def prosecution_create(request, case_pk):
    case = case_for_user_or_404(user=request.user, pk=case_pk)
    if not can(request.user, Ability.MANAGE_PROSECUTIONS):
        raise PermissionDenied
    form = ProsecutionForm(request.POST or None)
    prosecution = submit(
        request,
        form,
        lambda: services.prosecution_create(
            case=case,
            by=request.user,
            fields=record_fields(form, "move_case"),
            move_case=form.cleaned_data["move_case"],
            request=request,
        ),
    )
    if prosecution:
        messages.success(request, f"Prosecution {prosecution.reference} filed.")
        return redirect(prosecution)
    return render(
        request,
        "prosecutions/form.html",
        {"form": form, "case": case, "title": f"File a prosecution from case {case.reference}"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def prosecution_edit(request, pk):
    prosecution = _prosecution_to_manage(request, pk)
    form = ProsecutionForm(request.POST or None, instance=prosecution)
    if submit(
        request,
        form,
        lambda: services.prosecution_update(
            prosecution=prosecution,
            by=request.user,
            fields=record_fields(form),
            expected_version=form.cleaned_data["version"],
            request=request,
        ),
    ):
        messages.success(request, "Saved.")
        return redirect(prosecution)
    return render(
        request,
        "prosecutions/form.html",
        {"form": form, "prosecution": prosecution, "title": f"Edit prosecution {prosecution.reference}"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def hearing_create(request, pk):
    prosecution = _prosecution_to_manage(request, pk)
    form = HearingForm(request.POST or None)
    if submit(
        request,
        form,
        lambda: services.hearing_add(
            prosecution=prosecution, by=request.user, request=request, **form.cleaned_data
        ),
    ):
        messages.success(request, "Hearing recorded.")
        return redirect(prosecution)
    return render(
        request,
        "prosecutions/form.html",
        {"form": form, "prosecution": prosecution, "title": f"Add a hearing to {prosecution.reference}"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def charge_create(request, pk):
    prosecution = _prosecution_to_manage(request, pk)
    form = ChargeForm(request.POST or None, prosecution=prosecution)
    if submit(
        request,
        form,
        lambda: services.charge_save(
            charge=Charge(prosecution=prosecution),
            by=request.user,
            fields=record_fields(form),
            request=request,
        ),
    ):
        messages.success(request, "Charge added.")
        return redirect(prosecution)
    return render(
        request,
        "prosecutions/form.html",
        {"form": form, "prosecution": prosecution, "title": f"Add a charge to {prosecution.reference}"},
    )


@require_http_methods(["GET", "POST"])
@login_required
def charge_edit(request, pk):
    """Change a charge; this is where a verdict (outcome, date, sentence) is recorded."""
    charge = charge_for_user_or_404(user=request.user, pk=pk)
    if not can(request.user, Ability.MANAGE_PROSECUTIONS):
        raise PermissionDenied
    prosecution = charge.prosecution
    form = ChargeForm(request.POST or None, instance=charge, prosecution=prosecution)
    if submit(
        request,
        form,
        lambda: services.charge_save(
            charge=charge,
            by=request.user,
            fields=record_fields(form),
            expected_version=form.cleaned_data["version"],
            request=request,
        ),
    ):
        messages.success(request, "Charge saved.")
        return redirect(prosecution)
    return render(
        request,
        "prosecutions/form.html",
        {
            "form": form,
            "prosecution": prosecution,
            "title": f"Charge against {charge.suspect.full_name}",
            "history": history_with_changes(charge.history.all()),
        },
    )
