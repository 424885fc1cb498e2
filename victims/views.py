from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import record_fields, submit
from atip.history import history_with_changes
from atip.roles import Ability, can
from atip.versioning import STALE_MESSAGE
from cases.selectors import victim_case_panel
from services.selectors import repatriations_for_victim, service_panel
from victims import services
from victims.filters import VictimFilter
from victims.forms import DecisionForm, VictimForm
from victims.selectors import victim_for_user_or_404, victim_list, victim_viewers

PAGE_SIZE = 25


@require_GET
@requires(Ability.LIST_VICTIMS)
def victim_list_view(request):
    archived = request.GET.get("archived") == "1"
    victims = VictimFilter(request.GET, queryset=victim_list(user=request.user, archived=archived))
    page = Paginator(victims.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "victims/list.html", {"filter": victims, "page": page, "archived": archived})


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_VICTIMS)
def victim_create(request):
    form = VictimForm(request.POST or None)
    victim = submit(
        request,
        form,
        lambda: services.victim_register(
            by=request.user,
            fields=record_fields(form, "exploitation_forms"),
            exploitation_forms=form.cleaned_data["exploitation_forms"],
            request=request,
        ),
    )
    if victim:
        messages.success(request, f"Registered {victim.reference} as a presumed victim.")
        return redirect(victim)
    return render(request, "victims/form.html", {"form": form, "title": "Register a victim"})


@require_GET
@login_required
def victim_detail(request, pk):
    victim = victim_for_user_or_404(user=request.user, pk=pk)
    audit(action=Action.VIEW, request=request, obj=victim)
    user = request.user
    context = {
        "victim": victim,
        "decisions": victim.decisions.select_related("recorded_by"),
        "forms": victim.exploitation_forms.all(),
        "manage": can(user, Ability.MANAGE_VICTIMS),
        "assistance": can(user, Ability.MANAGE_ASSISTANCE),
        **victim_case_panel(user=user, victim=victim),
    }
    if can(user, Ability.VIEW_REPATRIATION):
        context["repatriations"] = repatriations_for_victim(user=user, victim=victim)
    if context["assistance"]:
        context.update(service_panel(victim=victim))
    if context["manage"]:
        context["history"] = history_with_changes(victim.history.all())
        context["viewers"] = victim_viewers(victim=victim)[:20]
    return render(request, "victims/detail.html", context)


def _victim_to_manage(request, pk):
    """A victim the user can see and manage: 404 if not visible, 403 if visible but read-only."""
    victim = victim_for_user_or_404(user=request.user, pk=pk)
    if not can(request.user, Ability.MANAGE_VICTIMS):
        raise PermissionDenied
    return victim


@require_http_methods(["GET", "POST"])
@login_required
def victim_edit(request, pk):
    victim = _victim_to_manage(request, pk)
    form = VictimForm(request.POST or None, instance=victim)
    if submit(
        request,
        form,
        lambda: services.victim_update(
            victim=victim,
            by=request.user,
            fields=record_fields(form, "exploitation_forms"),
            expected_version=form.cleaned_data["version"],
            exploitation_forms=form.cleaned_data["exploitation_forms"],
            request=request,
        ),
    ):
        messages.success(request, "Saved.")
        return redirect(victim)
    return render(
        request, "victims/form.html", {"form": form, "victim": victim, "title": f"Edit {victim.reference}"}
    )


@require_http_methods(["GET", "POST"])
@login_required
def victim_decide(request, pk):
    victim = _victim_to_manage(request, pk)
    form = DecisionForm(request.POST or None, current_status=victim.identification_status)
    if submit(
        request,
        form,
        lambda: services.victim_decide(victim=victim, by=request.user, request=request, **form.cleaned_data),
    ):
        messages.success(request, "Decision recorded.")
        return redirect(victim)
    return render(request, "victims/decide.html", {"form": form, "victim": victim})


@require_POST
@login_required
def victim_archive(request, pk):
    victim = _victim_to_manage(request, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.victim_archive(victim=victim, by=request.user, expected_version=version, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages) or STALE_MESSAGE)
    else:
        messages.success(request, f"{victim.reference} archived. It stays in the records and statistics.")
    return redirect(victim)
