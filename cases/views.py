from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from atip.access import ensure_can
from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import form_page
from atip.paging import page_of
from atip.panels import panels_for
from atip.roles import Ability, can
from cases import links, services
from cases.filters import case_filter_for
from cases.forms import (
    CaseForm,
    CaseStatusForm,
    LinkDecisionForm,
    LinkRequestForm,
    PresumedVictimForm,
    SuspectForm,
)
from cases.models import LinkStatus, Suspect
from cases.selectors import (
    DECIDER,
    case_for_user_or_404,
    case_list,
    case_page,
    link_request_for_user_or_404,
    suspect_for_user_or_404,
)
from victims.registration import registration_page
from victims.selectors import victim_for_user_or_404

SENT_MESSAGE = gettext_lazy("Request sent. It grants nothing until the other side accepts it.")


@require_GET
@requires(Ability.VIEW_CASES)
def case_list_view(request):
    cases = case_filter_for(request.user)(request.GET, queryset=case_list(user=request.user))
    return render(request, "cases/list.html", {"filter": cases, "page": page_of(request, cases.qs)})


@require_GET
@login_required
def case_detail(request, pk):
    case = case_for_user_or_404(user=request.user, pk=pk)
    audit(action=Action.VIEW, obj=case)
    context = {
        "case": case,
        **case_page(user=request.user, case=case),
        "panels": panels_for("case", user=request.user, case=case),
    }
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
        title=_("Report a case"),
        back="cases:list",
        done=lambda case: _("Case %(reference)s recorded.") % {"reference": case.reference},
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
        title=_("Edit %(reference)s") % {"reference": case.reference},
        back=case,
        done=_("Saved."),
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
        title=_("Change the status of %(reference)s") % {"reference": case.reference},
        back=case,
        done=_("Status changed."),
        submit_label=_("Change"),
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
        title=_("Add a suspect to %(reference)s") % {"reference": case.reference},
        back=case,
        done=lambda suspect: _("Suspect %(reference)s added.") % {"reference": suspect.reference},
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
        title=_("Edit suspect %(reference)s") % {"reference": suspect.reference},
        back=suspect.case,
        done=_("Saved."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def request_victim(request, pk):
    """Police (or a prosecutor) ask Human Services to list a victim in the case, by reference."""
    case = case_for_user_or_404(user=request.user, pk=pk, to=Ability.REQUEST_VICTIM_LINK)
    form = LinkRequestForm(request.POST or None, label=_("Victim reference"), example=links.VICTIM_EXAMPLE)
    return form_page(
        request,
        form,
        save=lambda: links.link_request_victim(case=case, by=request.user, **_request_fields(form)),
        title=_("Ask to link a victim to %(reference)s") % {"reference": case.reference},
        back=case,
        done=SENT_MESSAGE,
        submit_label=_("Send the request"),
        template="cases/link_request.html",
        decided_by=_("Human Services"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def case_register_victim(request, pk):
    """Police register a presumed victim from the case: a new referral for Human Services."""
    case = case_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_CASES)
    ensure_can(request.user, Ability.REFER_PRESUMED_VICTIM)
    form = PresumedVictimForm(request.POST or None)
    # Registered at once, whatever records look like the same person: police do not see them,
    # and Human Services review the likely matches (victims.registration).
    return registration_page(
        request,
        form,
        register=lambda: services.case_register_presumed_victim(
            case=case, by=request.user, data=form.cleaned_data
        ),
        where=f"registration from case {case.reference}",
        title=_("Register a presumed victim in %(reference)s") % {"reference": case.reference},
        back=case,
        done=lambda victim: (
            _("Presumed victim %(reference)s registered and referred to Human Services.")
            % {"reference": victim.reference}
        ),
    )


@require_POST
@login_required
def case_unlink_victim(request, pk, victim_pk):
    case = case_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_CASES)
    victim = victim_for_user_or_404(user=request.user, pk=victim_pk).victim
    try:
        links.unlink_victim(case=case, victim=victim, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(reference)s unlinked from this case.") % {"reference": victim.reference}
        )
    return redirect(case)


@require_http_methods(["GET", "POST"])
@login_required
def request_case(request, victim_pk):
    """A social worker asks the police unit to list their victim in a case, by its reference."""
    person = victim_for_user_or_404(
        user=request.user, pk=victim_pk, to=Ability.REQUEST_CASE_LINK, where="link request page"
    )
    victim = person.victim
    form = LinkRequestForm(request.POST or None, label=_("Case reference"), example=links.CASE_EXAMPLE)
    return form_page(
        request,
        form,
        save=lambda: links.link_request_case(victim=victim, by=request.user, **_request_fields(form)),
        title=_("Ask to link %(victim)s to a case") % {"victim": person.heading},
        back=victim,
        done=SENT_MESSAGE,
        submit_label=_("Send the request"),
        template="cases/link_request.html",
        decided_by=_("the ATIPs Police Unit"),
    )


def _request_fields(form) -> dict:
    return {"typed_reference": form.cleaned_data["reference"], "reason": form.cleaned_data["reason"]}


@require_http_methods(["GET", "POST"])
@login_required
def decide_request(request, pk):
    """The other side accepts (the victim is listed in the case) or declines a link request."""
    link_request = link_request_for_user_or_404(user=request.user, pk=pk)
    decider = DECIDER[link_request.direction]
    if request.method == "POST":
        ensure_can(request.user, decider)  # the requester reads their request, never decides it
    form = LinkDecisionForm(request.POST or None) if can(request.user, decider) else None
    return form_page(
        request,
        form,
        save=lambda: links.link_request_decide(
            request=link_request,
            by=request.user,
            accept=form.cleaned_data["decision"] == "accept",
            note=form.cleaned_data["note"],
        ),
        title=_("Link request: %(reference)s") % {"reference": link_request.typed_reference},
        back="home",
        done=lambda decided: (
            _("Request accepted.") if decided.status == LinkStatus.ACCEPTED else _("Request declined.")
        ),
        submit_label=_("Record the decision"),
        template="cases/link_decide.html",
        link_request=link_request,
        # Whether the reference names a record is for the deciding side alone (roles.md).
        decides=form is not None,
    )
