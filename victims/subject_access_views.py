"""A person's own copy (victims.subject_access): the request's reference and date, the language
and the format; produced, recorded and audited on submit. Those who manage victims only."""

from django.contrib.auth.decorators import login_required
from django.core.validators import RegexValidator
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from atip.audit import Action, audit
from atip.forms import DATE, ModelForm, form_page
from atip.roles import Ability
from victims.selectors import victim_for_user_or_404
from victims.subject_access import SubjectAccessRequest
from victims.subject_access_copy import copy_json, copy_pdf

REFERENCE = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 /._-]{2,63}$",
    gettext_lazy("Give the request's reference: 3 to 64 letters, digits, spaces, / . _ or -."),
)


class SubjectAccessForm(ModelForm):
    class Meta:
        model = SubjectAccessRequest
        fields = ["reference", "received_on", "language", "format"]
        widgets = {"received_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].validators.append(REFERENCE)


@transaction.atomic
def subject_access_produce(*, victim, by, data: dict) -> SubjectAccessRequest:
    """Record the request and audit the copy (by the person's reference, never a name)."""
    request = SubjectAccessRequest(victim=victim, produced_by=by, **data)
    request.full_clean()
    request.save()
    audit(
        action=Action.EXPORT,
        user=by,
        obj=victim,
        detail=f"subject access copy, request {request.reference}, {request.format}, {request.language}",
    )
    return request


def _file(victim, request: SubjectAccessRequest) -> HttpResponse:
    if request.format == "pdf":
        response = HttpResponse(copy_pdf(victim, request), content_type="application/pdf")
    else:
        response = HttpResponse(copy_json(victim, request), content_type="application/json; charset=utf-8")
    name = f"{victim.reference}-{request.received_on:%Y-%m-%d}.{request.format}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def subject_access(request, pk):
    access = victim_for_user_or_404(
        user=request.user, pk=pk, to=Ability.MANAGE_VICTIMS, where="subject access"
    )
    victim = access.victim
    language = "es" if victim.languages.filter(code="es").exists() else "en"
    form = SubjectAccessForm(request.POST or None, initial={"language": language, "format": "pdf"})
    if request.method == "POST" and form.is_valid():
        produced = subject_access_produce(victim=victim, by=request.user, data=form.cleaned_data)
        return _file(victim, produced)
    return form_page(
        request,
        form,
        save=lambda: None,
        title=_("The person's own copy of their data"),
        back=reverse("victims:detail", args=[victim.pk]),
        done="",
        submit_label=_("Produce the copy"),
        template="victims/subject_access.html",
        requests=victim.access_requests.all()[:20],
    )
