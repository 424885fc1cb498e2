from django.shortcuts import render
from django.views.decorators.http import require_GET

from atip.decorators import requires
from atip.roles import Ability
from reports.kpi import measures


@require_GET
@requires(Ability.VIEW_PERFORMANCE)
def performance(request):
    """How well the unit works (reports.kpi): aggregates only, for the Council and supervisors."""
    return render(request, "reports/performance.html", {"measures": measures()})
