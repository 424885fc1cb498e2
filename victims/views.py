from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from atip.decorators import requires
from atip.forms import form_page
from atip.history import history_with_changes
from atip.paging import RECENT, page_of
from atip.panels import panels_for
from atip.reads import audit_shown
from atip.roles import Ability, can
from atip.versioning import posted_version
from victims import services
from victims.filters import VictimFilter
from victims.forms import DecisionForm, VictimForm
from victims.selectors import victim_for_user_or_404, victim_list, victim_viewers


@require_GET
@requires(Ability.LIST_VICTIMS)
def victim_list_view(request):
    archived = request.GET.get("archived") == "1"
    victims = VictimFilter(request.GET, queryset=victim_list(user=request.user, archived=archived))
    page = page_of(request, victims.qs)
    audit_shown(page, where="victim list")
    return render(request, "victims/list.html", {"filter": victims, "page": page, "archived": archived})


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_VICTIMS)
def victim_create(request):
    form = VictimForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.victim_register(by=request.user, data=form.cleaned_data),
        title="Register a victim",
        back="victims:list",
        done=_registered,
        then=lambda victim: victim,
    )


def _registered(victim) -> str:
    message = f"Registered {victim.reference} as a presumed victim."
    if victim.needs_guardian:
        message += " This person is a minor: record their parent or guardian."
    return message


@require_GET
@login_required
def victim_detail(request, pk):
    user = request.user
    victim = victim_for_user_or_404(user=user, pk=pk)
    audit_shown([victim], where="")
    manage = can(user, Ability.MANAGE_VICTIMS)
    context = {
        "victim": victim,
        "decisions": victim.decisions.select_related("recorded_by"),
        "forms": victim.exploitation_forms.all(),
        "languages": victim.languages.all(),
        "manage": manage,
        "assistance": can(user, Ability.MANAGE_ASSISTANCE),
        "panels": panels_for("victim", user=user, victim=victim),
    }
    if manage:
        context["history"] = history_with_changes(victim.history.all())
        context["viewers"] = victim_viewers(victim=victim)[:RECENT]
    return render(request, "victims/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def victim_edit(request, pk):
    victim = victim_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_VICTIMS)
    audit_shown([victim], where="edit page")
    form = VictimForm(request.POST or None, instance=victim)
    return form_page(
        request,
        form,
        save=lambda: services.victim_update(
            victim=victim,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=f"Edit {victim.reference}",
        back=victim,
        done="Saved.",
    )


@require_http_methods(["GET", "POST"])
@login_required
def victim_decide(request, pk):
    victim = victim_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_VICTIMS)
    audit_shown([victim], where="decision page")
    form = DecisionForm(request.POST or None, current_status=victim.identification_status)
    return form_page(
        request,
        form,
        save=lambda: services.victim_decide(victim=victim, by=request.user, **form.cleaned_data),
        title=f"Identification decision — {victim.reference}",
        back=victim,
        done="Decision recorded.",
        template="victims/decide.html",
        submit_label="Record decision",
        victim=victim,
    )


@require_POST
@login_required
def victim_archive(request, pk):
    victim = victim_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_VICTIMS)
    try:
        services.victim_archive(victim=victim, by=request.user, expected_version=posted_version(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{victim.reference} archived. It stays in the records and statistics.")
    return redirect(victim)
