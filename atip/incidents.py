"""The register of security incidents (administrators; docs/data-protection.md, "Breaches"):
recorded, then completed with who was told when. Every write is audited."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import DATE, ModelForm, form_page
from atip.models import SecurityIncident
from atip.roles import Ability

FIELDS = ["happened_on", "discovered_on", "what", "records_affected", "who_was_told", "told_on"]


class IncidentForm(ModelForm):
    class Meta:
        model = SecurityIncident
        fields = FIELDS
        widgets = {"happened_on": DATE, "discovered_on": DATE, "told_on": DATE}


@transaction.atomic
def incident_save(*, incident: SecurityIncident, data: dict, by) -> SecurityIncident:
    """Record an incident, or complete it; audited (the record by id: its text is not copied)."""
    creating = incident.pk is None
    for name in FIELDS:
        setattr(incident, name, data[name])
    if creating:
        incident.recorded_by = by
    incident.full_clean()
    incident.save()
    audit(
        action=Action.CREATE if creating else Action.CHANGE, user=by, obj=incident, detail="security incident"
    )
    return incident


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_AUDIT)
def incidents(request):
    """The register, and the form to record a new incident."""
    form = IncidentForm(request.POST or None)
    return form_page(
        request,
        form,
        save=lambda: incident_save(incident=SecurityIncident(), data=form.cleaned_data, by=request.user),
        title=_("Security incidents"),
        back=reverse("incidents"),
        done=_("The incident is recorded."),
        template="atip/incidents.html",
        incidents=SecurityIncident.objects.select_related("recorded_by"),
        submit_label=_("Record the incident"),
    )


@require_http_methods(["GET", "POST"])
@requires(Ability.VIEW_AUDIT)
def incident_edit(request, pk):
    incident = get_object_or_404(SecurityIncident, pk=pk)
    form = IncidentForm(request.POST or None, instance=incident)
    return form_page(
        request,
        form,
        save=lambda: incident_save(incident=incident, data=form.cleaned_data, by=request.user),
        title=_("Security incident"),
        back=reverse("incidents"),
        done=_("The incident is updated."),
    )
