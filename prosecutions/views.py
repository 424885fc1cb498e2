from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import form_page
from atip.history import history_with_changes
from atip.paging import page_of
from atip.roles import Ability
from prosecutions import services
from prosecutions.filters import ProsecutionFilter
from prosecutions.forms import ChargeForm, HearingForm, ProsecutionForm
from prosecutions.models import Charge, Hearing
from prosecutions.selectors import (
    case_to_prosecute_or_404,
    charge_for_user_or_404,
    hearing_for_user_or_404,
    prosecution_for_user_or_404,
    prosecution_list,
    prosecution_page,
)


@require_GET
@requires(Ability.VIEW_PROSECUTIONS)
def prosecution_list_view(request):
    prosecutions = ProsecutionFilter(request.GET, queryset=prosecution_list(user=request.user))
    return render(
        request, "prosecutions/list.html", {"filter": prosecutions, "page": page_of(request, prosecutions.qs)}
    )


@require_GET
@requires(Ability.VIEW_PROSECUTIONS)
def prosecution_detail(request, pk):
    prosecution = prosecution_for_user_or_404(user=request.user, pk=pk)
    audit(action=Action.VIEW, obj=prosecution)
    context = {"prosecution": prosecution, **prosecution_page(user=request.user, prosecution=prosecution)}
    return render(request, "prosecutions/detail.html", context)


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_CASES)
def prosecution_create(request, case_pk):
    """File a prosecution on a case the police referred for prosecution (already "in
    prosecution": the case's status is theirs to set)."""
    case = case_to_prosecute_or_404(user=request.user, pk=case_pk)
    form = ProsecutionForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.prosecution_create(case=case, by=request.user, data=form.cleaned_data),
        title=_("File a prosecution from case %(reference)s") % {"reference": case.reference},
        back=case,
        done=lambda prosecution: _("Prosecution %(reference)s filed.") % {"reference": prosecution.reference},
        then=lambda prosecution: prosecution,
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_PROSECUTIONS)
def prosecution_edit(request, pk):
    prosecution = prosecution_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_PROSECUTIONS)
    form = ProsecutionForm(request.POST or None, instance=prosecution)
    return form_page(
        request,
        form,
        save=lambda: services.prosecution_update(
            prosecution=prosecution,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Edit prosecution %(reference)s") % {"reference": prosecution.reference},
        back=prosecution,
        done=_("Saved."),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_PROSECUTIONS)
def hearing_create(request, pk):
    prosecution = prosecution_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_PROSECUTIONS)
    form = HearingForm(request.POST or None, instance=None)
    form.instance.prosecution = prosecution
    return form_page(
        request,
        form,
        save=lambda: services.hearing_save(
            hearing=Hearing(prosecution=prosecution), by=request.user, data=form.cleaned_data
        ),
        title=_("Add a hearing to %(reference)s") % {"reference": prosecution.reference},
        back=prosecution,
        done=_("Hearing recorded."),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_PROSECUTIONS)
def hearing_edit(request, pk):
    """Correct a hearing: moved to another day, or its note; versioned like the charges."""
    hearing = hearing_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_PROSECUTIONS)
    form = HearingForm(request.POST or None, instance=hearing)
    return form_page(
        request,
        form,
        save=lambda: services.hearing_save(
            hearing=hearing,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Hearing of %(reference)s") % {"reference": hearing.prosecution.reference},
        back=hearing.prosecution,
        done=_("Hearing saved."),
        history=history_with_changes(hearing.history.all()),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_PROSECUTIONS)
def charge_create(request, pk):
    prosecution = prosecution_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_PROSECUTIONS)
    form = ChargeForm(request.POST or None, prosecution=prosecution)
    return form_page(
        request,
        form,
        save=lambda: services.charge_save(
            charge=Charge(prosecution=prosecution), by=request.user, data=form.cleaned_data
        ),
        title=_("Add a charge to %(reference)s") % {"reference": prosecution.reference},
        back=prosecution,
        done=_("Charge added."),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_PROSECUTIONS)
def charge_edit(request, pk):
    """Change a charge; this is where a verdict (outcome, date, sentence) is recorded."""
    charge = charge_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_PROSECUTIONS)
    form = ChargeForm(request.POST or None, instance=charge, prosecution=charge.prosecution)
    return form_page(
        request,
        form,
        save=lambda: services.charge_save(
            charge=charge,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Charge against %(name)s") % {"name": charge.suspect.full_name},
        back=charge.prosecution,
        done=_("Charge saved."),
        history=history_with_changes(charge.history.all()),
    )
