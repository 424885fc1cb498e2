from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from atip.audit_log import page_of_lines
from atip.decorators import requires
from atip.filters import AuditEventFilter, record_types
from atip.homes import home_page_of
from atip.models import AuditEvent
from atip.paging import AUDIT_PAGE_SIZE
from atip.panels import panels_for
from atip.roles import Ability, role_of


@require_GET
@login_required
def home(request):
    """The home page of the user's role (registered by the app that keeps that work)."""
    role = role_of(request.user)
    if role is None:
        return render(request, "home/no_role.html", status=403)
    page = home_page_of(role)
    context = {**page.context(user=request.user), "panels": panels_for("home", user=request.user)}
    return render(request, page.template, context)


@require_GET
@requires(Ability.VIEW_AUDIT)
def audit_log(request):
    """The audit log as people read it (atip.audit_log): one line per page view, details in words."""
    events = AuditEventFilter(request.GET, queryset=AuditEvent.objects.all())
    page = page_of_lines(request, events.qs, size=AUDIT_PAGE_SIZE)
    types = dict(record_types())
    for line in page.object_list:
        line.record_type = types.get(line.event.object_type, line.event.object_type)
    return render(request, "atip/audit_log.html", {"filter": events, "page": page})


@require_POST
@login_required
def keep_alive(request):
    """The "stay signed in" button: any request renews the 30-minute idle session."""
    return HttpResponse(status=204)
