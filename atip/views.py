from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.views.decorators.http import require_GET

from atip.decorators import requires
from atip.filters import AuditEventFilter
from atip.models import AuditEvent
from atip.roles import Ability, Role, role_of

# Each role's home page: its template and the selector (in the app that owns the work) that
# gives its figures, scoped to the user.
HOME_PAGES = {
    Role.SOCIAL_WORKER: "victims.selectors.social_worker_home",
    Role.POLICE: "cases.selectors.police_home",
    Role.PROSECUTOR: "prosecutions.selectors.prosecutor_home",
    Role.SECRETARY: "prevention.selectors.secretary_home",
    Role.ADMINISTRATOR: "atip.selectors.administrator_home",
}


@require_GET
@login_required
def home(request):
    role = role_of(request.user)
    if role is None:
        return render(request, "home/no_role.html", status=403)
    context = import_string(HOME_PAGES[role])(user=request.user)
    return render(request, f"home/{role}.html", context)


@require_GET
@requires(Ability.VIEW_AUDIT)
def audit_log(request):
    events = AuditEventFilter(request.GET, queryset=AuditEvent.objects.all())
    page = Paginator(events.qs, 50).get_page(request.GET.get("page"))
    return render(request, "atip/audit_log.html", {"filter": events, "page": page})
