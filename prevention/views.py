from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from atip.decorators import requires
from atip.forms import record_fields, submit
from atip.history import history_with_changes
from atip.roles import Ability, can
from prevention import services
from prevention.filters import ActivityFilter
from prevention.forms import ActivityForm
from prevention.selectors import activity_for_user_or_404, activity_list

PAGE_SIZE = 25


def _may_manage(request) -> None:
    """Case roles read activities but do not write them: 403 (roles.md)."""
    if not can(request.user, Ability.MANAGE_PREVENTION):
        raise PermissionDenied


@require_GET
@requires(Ability.VIEW_PREVENTION)
def activity_list_view(request):
    activities = ActivityFilter(request.GET, queryset=activity_list(user=request.user))
    page = Paginator(activities.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "prevention/list.html",
        {"filter": activities, "page": page, "manage": can(request.user, Ability.MANAGE_PREVENTION)},
    )


@require_GET
@requires(Ability.VIEW_PREVENTION)
def activity_detail(request, pk):
    activity = activity_for_user_or_404(user=request.user, pk=pk)
    return render(
        request,
        "prevention/detail.html",
        {
            "activity": activity,
            "manage": can(request.user, Ability.MANAGE_PREVENTION),
            "history": history_with_changes(activity.history.all()),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_PREVENTION)
def activity_create(request):
    _may_manage(request)
    form = ActivityForm(request.POST or None)
    activity = submit(
        request,
        form,
        lambda: services.activity_create(by=request.user, fields=record_fields(form), request=request),
    )
    if activity:
        messages.success(request, f"Activity {activity.reference} recorded.")
        return redirect("prevention:detail", pk=activity.pk)
    return render(request, "prevention/form.html", {"form": form, "title": "Record an activity"})


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_PREVENTION)
def activity_edit(request, pk):
    activity = activity_for_user_or_404(user=request.user, pk=pk)
    _may_manage(request)
    form = ActivityForm(request.POST or None, instance=activity)
    if submit(
        request,
        form,
        lambda: services.activity_update(
            activity=activity,
            by=request.user,
            fields=record_fields(form),
            expected_version=form.cleaned_data["version"],
            request=request,
        ),
    ):
        messages.success(request, "Saved.")
        return redirect("prevention:detail", pk=activity.pk)
    return render(
        request,
        "prevention/form.html",
        {"form": form, "activity": activity, "title": f"Edit {activity.reference}"},
    )
