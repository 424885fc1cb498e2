"""The pseudonymous person-level file under a data-sharing agreement (reports.sharing)."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from atip.access import ensure_can
from atip.audit import Action, audit
from atip.decorators import requires
from atip.roles import Ability
from reports.forms import AgreementForm
from reports.sharing import htcds_archive, take_archive
from reports.views import person_level_page


@never_cache
@require_POST
@requires(Ability.VIEW_STATISTICS)
def person_level_archive(request):
    """Make the encrypted HTCDS archive for the agreement named, and show its password once.
    Secretary only (403 for others); audited with the agreement's reference."""
    ensure_can(request.user, Ability.EXPORT_PERSON_LEVEL)
    form = AgreementForm(request.POST)
    if not form.is_valid():
        return person_level_page(request, agreement_form=form)
    agreement = form.cleaned_data["agreement"]
    archive = htcds_archive()
    audit(
        action=Action.EXPORT,
        request=request,
        object_type="person_level",
        object_ref="htcds",
        detail=(
            f"htcds 2.0, {archive.records} records in {archive.rows} rows, agreement {agreement}, "
            f"AES-256 zip sha256 {archive.sha256}"
        ),
    )
    return render(request, "reports/person_level_archive.html", {"archive": archive, "agreement": agreement})


@never_cache
@require_GET
@requires(Ability.VIEW_STATISTICS)
def person_level_archive_file(request, token: str):
    """The archive, once; then (or after ARCHIVE_SECONDS) 404."""
    ensure_can(request.user, Ability.EXPORT_PERSON_LEVEL)
    content = take_archive(token)
    if content is None:
        raise Http404
    audit(
        action=Action.EXPORT,
        request=request,
        object_type="person_level",
        object_ref="htcds",
        detail="archive downloaded",
    )
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, "htcds-victims.zip")
    return response
