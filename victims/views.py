from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
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
from victims.duplicates import TooManyToCompare, possible_duplicates
from victims.filters import VictimFilter
from victims.forms import DecisionForm, DuplicatesForm, VictimForm
from victims.registration import registration_page
from victims.selectors import mark_in_care, same_person, victim_for_user_or_404, victim_list, victim_viewers


@require_GET
@requires(Ability.LIST_VICTIMS)
def victim_list_view(request):
    archived = request.GET.get("archived") == "1"
    victims = VictimFilter(request.GET, queryset=victim_list(user=request.user, archived=archived))
    page = page_of(request, victims.qs)
    mark_in_care(page.object_list)
    audit_shown(page, where="victim list")
    return render(request, "victims/list.html", {"filter": victims, "page": page, "archived": archived})


@require_http_methods(["GET", "POST"])
@requires(Ability.MANAGE_VICTIMS)
def victim_create(request):
    form = VictimForm(request.POST or None)
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
        context["same_person"] = same_person(victim=victim)
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
        title=_("Edit %(reference)s") % {"reference": victim.reference},
        back=victim,
        done=_("Saved."),
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
        title=_("Identification decision — %(reference)s") % {"reference": victim.reference},
        back=victim,
        done=_("Decision recorded."),
        template="victims/decide.html",
        submit_label=_("Record decision"),
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
    audit_shown([v for pair in pairs for v in (pair.older, pair.newer)], where="possible duplicates")
    return render(
        request,
        "victims/duplicates.html",
        {"form": form, "pairs": pairs, "more": more, "page": page or 1, "too_many": too_many, "year": year},
    )


@require_POST
@requires(Ability.MANAGE_VICTIMS)
def victim_mark_duplicate(request, pk, kept_pk):
    victim = victim_for_user_or_404(user=request.user, pk=pk)
    kept = victim_for_user_or_404(user=request.user, pk=kept_pk)
    try:
        services.victim_mark_duplicate(
            victim=victim, kept=kept, by=request.user, expected_version=posted_version(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(reference)s is marked as a duplicate of %(kept)s and archived.")
            % {"reference": victim.reference, "kept": kept.reference},
        )
    return redirect(_back_to_duplicates(request))


@require_POST
@requires(Ability.MANAGE_VICTIMS)
def victim_distinct(request, pk, other_pk):
    first = victim_for_user_or_404(user=request.user, pk=pk)
    second = victim_for_user_or_404(user=request.user, pk=other_pk)
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


def _back_to_duplicates(request) -> str:
    """The page of possible duplicates the button was on (its year), never another site."""
    form = DuplicatesForm(request.POST)
    url = reverse("victims:duplicates")
    if form.is_valid() and form.cleaned_data.get("year"):
        url += f"?year={form.cleaned_data['year']}"
    return url
