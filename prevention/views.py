from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from atip.access import ensure_can
from atip.decorators import requires
from atip.forms import form_page
from atip.history import history_with_changes
from atip.paging import page_of
from atip.roles import Ability
from prevention import services
from prevention.filters import ActivityFilter
from prevention.forms import ActivityForm
from prevention.selectors import activity_for_user_or_404, activity_list


@require_GET
@requires(Ability.VIEW_PREVENTION)
def activity_list_view(request):
    activities = ActivityFilter(request.GET, queryset=activity_list(user=request.user))
    return render(
        request,
        "prevention/list.html",
        {
            "filter": activities,
            "page": page_of(request, activities.qs),
        },
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
            "history": history_with_changes(activity.history.all()),
        },
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_PREVENTION)
def activity_create(request):
    ensure_can(request.user, Ability.MANAGE_PREVENTION)
    form = ActivityForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: services.activity_create(by=request.user, data=form.cleaned_data),
        title=_("Record an activity"),
        back="prevention:list",
        done=lambda activity: _("Activity %(reference)s recorded.") % {"reference": activity.reference},
        then=lambda activity: activity,
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_PREVENTION)
def activity_edit(request, pk):
    activity = activity_for_user_or_404(user=request.user, pk=pk, to=Ability.MANAGE_PREVENTION)
    form = ActivityForm(request.POST or None, instance=activity)
    return form_page(
        request,
        form,
        save=lambda: services.activity_update(
            activity=activity,
            by=request.user,
            data=form.cleaned_data,
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Edit %(reference)s") % {"reference": activity.reference},
        back=activity,
        done=_("Saved."),
    )
