from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from atip.decorators import requires
from atip.forms import form_page
from atip.history import history_with_changes
from atip.paging import RECENT, page_of
from atip.panels import panels_for
from atip.roles import Ability, can
from atip.versioning import posted_version
from casework.filters import CaseloadFilter
from services.selectors import current_stay
from victims import services
from victims.access import victims_shown
from victims.caseload import caseload_scope, department_workers, victim_assign, worker_caseloads
from victims.duplicates import TooManyToCompare, possible_duplicates
from victims.forms import (
    AssignForm,
    DecisionForm,
    DuplicatesForm,
    RegistrationForm,
    RetentionHoldForm,
    VictimForm,
)
from victims.registration import registration_page
from victims.retention import hold_in_force, hold_lift, hold_set
from victims.selectors import mark_in_care, same_person, victim_for_user_or_404, victim_list, victim_viewers


@require_GET
@requires(Ability.LIST_VICTIMS)
def victim_list_view(request):
    archived = request.GET.get("archived") == "1"
    scope = caseload_scope(user=request.user, asked=request.GET.get("caseload"))
    victims = CaseloadFilter(
        request.GET, queryset=scope.of(victim_list(user=request.user, archived=archived))
    )
    page = page_of(request, victims.qs)
    page.object_list = victims_shown(page.object_list, user=request.user, where="victim list")
    mark_in_care(page.object_list)
    context = {"filter": victims, "page": page, "archived": archived, "scope": scope}
    if can(request.user, Ability.SUPERVISE_CASELOADS):
        context["workers"] = worker_caseloads()
    return render(request, "victims/list.html", context)


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_VICTIMS)
def victim_create(request):
    form = RegistrationForm(request.POST or None, user=request.user)
    return registration_page(
        request,
        form,
        register=lambda: services.victim_register(by=request.user, data=form.cleaned_data),
        where="registration",
        title=_("Register a victim"),
        back="victims:list",
        done=_registered,
        then=lambda victim: victim,
    )


def _registered(victim) -> str:
    message = _("Registered %(reference)s as a presumed victim.") % {"reference": victim.reference}
    if victim.needs_guardian:
        message += " " + _("This person is a minor: record their parent or guardian.")
    return message


@require_GET
@login_required
def victim_detail(request, pk):
    access = victim_for_user_or_404(user=request.user, pk=pk)
    victim = access.victim
    context = {
        "victim": access,
        "decisions": victim.decisions.select_related("recorded_by"),
        "forms": victim.exploitation_forms.all(),
        "languages": victim.languages.all(),
        "panels": panels_for("victim", user=request.user, victim=access),
    }
    if access.assistance:
        context["stay"] = current_stay(victim=victim)
    if access.hold_retention:
        context["retention_hold"] = hold_in_force(victim)
    if access.manage:
        context["history"] = history_with_changes(victim.history.all())
        context["viewers"] = victim_viewers(victim=victim)[:RECENT]
        context["same_person"] = same_person(victim=victim)
    return render(request, "victims/detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def victim_edit(request, pk):
    access = victim_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_VICTIMS, where="edit page")
    victim = access.victim
    form = VictimForm(request.POST or None, instance=access.identity)
    return form_page(
        request,
        form,
        save=lambda: services.victim_update(
            victim=victim,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Edit %(reference)s") % {"reference": victim.reference},
        back=victim,
        done=_("Saved."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def victim_decide(request, pk):
    access = victim_for_user_or_404(
        user=request.user, pk=pk, to=Ability.MANAGE_VICTIMS, where="decision page"
    )
    victim = access.victim
    form = DecisionForm(request.POST or None, current_status=victim.identification_status)
    return form_page(
        request,
        form,
        save=lambda: services.victim_decide(victim=victim, by=request.user, **form.cleaned_data),
        title=_("Identification decision — %(victim)s") % {"victim": access.heading},
        back=victim,
        done=_("Decision recorded."),
        template="victims/decide.html",
        submit_label=_("Record decision"),
        victim=access,
    )


@require_POST
@login_required
def victim_archive(request, pk):
    victim = victim_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_VICTIMS).victim
    try:
        services.victim_archive(victim=victim, by=request.user, expected_version=posted_version(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(reference)s archived. It stays in the records and statistics.")
            % {"reference": victim.reference},
        )
    return redirect(victim)


@require_GET
@requires(Ability.MANAGE_VICTIMS)
def victim_duplicates(request):
    """Pairs of records that look like one person, to mark one as the other's duplicate or to
    confirm that they are different people."""
    form = DuplicatesForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    page = form.cleaned_data.get("page") if form.is_valid() else None
    pairs, more, too_many = [], False, False
    try:
        pairs, more = possible_duplicates(user=request.user, year=year, page=page or 1)
    except TooManyToCompare:
        too_many = True
    return render(
        request,
        "victims/duplicates.html",
        {"form": form, "pairs": pairs, "more": more, "page": page or 1, "too_many": too_many, "year": year},
    )


@require_POST
@requires(Ability.MANAGE_VICTIMS)
def victim_mark_duplicate(request, pk, original_pk):
    victim = victim_for_user_or_404(user=request.user, pk=pk).victim
    original = victim_for_user_or_404(user=request.user, pk=original_pk).victim
    try:
        services.victim_mark_duplicate(
            victim=victim, original=original, by=request.user, expected_version=posted_version(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(reference)s is marked as a duplicate of %(kept)s and archived.")
            % {"reference": victim.reference, "kept": original.reference},
        )
    return redirect(_back_to_duplicates(request))


@require_POST
@requires(Ability.MANAGE_VICTIMS)
def victim_distinct(request, pk, other_pk):
    first = victim_for_user_or_404(user=request.user, pk=pk).victim
    second = victim_for_user_or_404(user=request.user, pk=other_pk).victim
    try:
        services.victims_confirm_distinct(first=first, second=second, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(first)s and %(second)s: recorded as different people.")
            % {"first": first.reference, "second": second.reference},
        )
    return redirect(_back_to_duplicates(request))


@require_http_methods(["GET", "POST"])
@login_required
def victim_assign_view(request, pk):
    """Reassign a case (a supervisor), or take one that nobody holds (a worker)."""
    access = victim_for_user_or_404(user=request.user, pk=pk, to=Ability.KEEP_CASELOAD, where="assign page")
    victim = access.victim
    reassigns = can(request.user, Ability.REASSIGN_CASES)
    if victim.responsible_worker_id and not reassigns:
        raise PermissionDenied
    workers = department_workers() if reassigns else department_workers().filter(pk=request.user.pk)
    form = AssignForm(request.POST or None, workers=workers, version=victim.version)
    return form_page(
        request,
        form,
        save=lambda: victim_assign(
            victim=victim,
            worker=form.cleaned_data["worker"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Responsible worker — %(victim)s") % {"victim": victim.reference},
        back=victim,
        done=_("Responsible worker changed."),
    )


@require_http_methods(["GET", "POST"])
@login_required
def victim_retention_hold(request, pk):
    """Hold a person from retention, or lift the hold in force: a supervisor, with a reason."""
    access = victim_for_user_or_404(
        user=request.user, pk=pk, to=Ability.HOLD_FROM_RETENTION, where="retention hold page"
    )
    victim = access.victim
    held = hold_in_force(victim) is not None
    form = RetentionHoldForm(request.POST or None)
    title = _("Lift the hold on retention — %(victim)s") if held else _("Hold from retention — %(victim)s")
    return form_page(
        request,
        form,
        save=lambda: (hold_lift if held else hold_set)(
            victim=victim, by=request.user, reason=form.cleaned_data["reason"]
        ),
        title=title % {"victim": victim.reference},
        back=victim,
        section="retention",
        done=_("Hold lifted: the retention schedule applies again.") if held else _("Held from retention."),
    )


def _back_to_duplicates(request) -> str:
    """The page of possible duplicates the button was on (its year), never another site."""
    form = DuplicatesForm(request.POST)
    url = reverse("victims:duplicates")
    if form.is_valid() and form.cleaned_data.get("year"):
        url += f"?year={form.cleaned_data['year']}"
    return url
