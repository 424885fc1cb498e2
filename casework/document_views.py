"""Documents' pages (issue 20.3): add one to a person, download it, share it with a case, end a
share, archive it. Each gets the document or the person through a selector scoped to the user:
another role's account, or a document it may not read, gets 404. A document is served only by
document_download — never from a static or media URL."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from atip.audit import Action, audit
from atip.decorators import requires
from atip.forms import form_page
from atip.roles import Ability
from casework import document_services as services
from casework.document_access import document_for_user_or_404, share_for_user_or_404, shareable_cases
from casework.document_types import EXTENSION, MIME
from casework.documents import DocumentUnreadable
from casework.models.documents import ATTACHMENTS, Document, DocumentKind
from casework.notes_forms import ArchiveForm, DocumentForm, ShareForm
from victims.access import VictimAccess
from victims.selectors import victim_for_user_or_404

GET_POST = require_http_methods(["GET", "POST"])
log = logging.getLogger(__name__)


def _documents_url(victim) -> str:
    return f"{victim.get_absolute_url()}#documents"


@GET_POST
@requires(Ability.ADD_DOCUMENTS)
def document_create(request, victim_pk):
    """?to=consent-12 starts the form attached to that record (the consent's signed form)."""
    person = victim_for_user_or_404(user=request.user, pk=victim_pk, where="new document page")
    victim = person.victim
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        instance=Document(victim=victim),
        victim=victim,
        user=request.user,
    )
    to = request.GET.get("to", "")
    if to in form.records:
        form.initial["attached_to"] = to
        if to.startswith("consent-"):
            form.initial["kind"] = DocumentKind.CONSENT_FORM
    return form_page(
        request,
        form,
        save=lambda: services.document_add(
            victim=victim,
            by=request.user,
            content=form.cleaned_data["file"],
            data={name: form.cleaned_data[name] for name in ("kind", "description", *ATTACHMENTS)},
        ),
        title=_("Add a document — %(victim)s") % {"victim": person.heading},
        back=_documents_url(victim),
        done=lambda document: _("Document kept: %(kind)s.") % {"kind": document.get_kind_display()},
        submit_label=_("Keep the document"),
    )


@require_GET
@login_required
def document_download(request, pk):
    """The file, as an attachment that no cache keeps; audited as an export."""
    document = document_for_user_or_404(user=request.user, pk=pk).record
    try:
        content = services.document_download(document=document, by=request.user)
    except DocumentUnreadable as error:
        log.error("document %s cannot be read: %s", document.pk, error)
        audit(
            action=Action.ERROR,
            user=request.user,
            obj=document,
            detail=f"document {document.pk}: {error}"[:300],
        )
        return render(request, "casework/document_unreadable.html", {"document": document}, status=500)
    response = HttpResponse(content, content_type=MIME[document.file_type])
    name = f"{document.victim.reference}-{document.kind}-{document.pk}.{EXTENSION[document.file_type]}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store, private"
    # Were a browser to show it rather than save it: nothing runs, nothing loads.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@GET_POST
@login_required
def document_share(request, pk):
    access = document_for_user_or_404(user=request.user, pk=pk, to=Ability.SHARE_DOCUMENTS)
    document = access.record
    person = VictimAccess(document.victim, user=request.user, where=f"document {document.pk} share page")
    form = ShareForm(request.POST or None, cases=shareable_cases(user=request.user, document=document))
    return form_page(
        request,
        form,
        save=lambda: services.document_share(
            document=document,
            case=form.cleaned_data["case"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        ),
        title=_("Share a document with a case — %(victim)s") % {"victim": person.heading},
        back=_documents_url(document.victim),
        done=lambda share: (
            _("Shared with %(case)s: its police officers and prosecutors read this document.")
            % {"case": share.case.reference}
        ),
        template="casework/document_action.html",
        submit_label=_("Share"),
        document=document,
    )


@require_POST
@login_required
def document_unshare(request, pk):
    share = share_for_user_or_404(user=request.user, pk=pk)
    services.document_unshare(share=share, by=request.user)
    messages.success(request, _("No longer shared with %(case)s.") % {"case": share.case.reference})
    return redirect(_documents_url(share.document.victim))


@GET_POST
@login_required
def document_archive(request, pk):
    access = document_for_user_or_404(user=request.user, pk=pk, to=Ability.ADD_DOCUMENTS)
    document = access.record
    person = VictimAccess(document.victim, user=request.user, where=f"document {document.pk} archive page")
    form = ArchiveForm(request.POST or None, initial={"version": document.version})
    return form_page(
        request,
        form,
        save=lambda: services.document_archive(
            document=document,
            by=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Archive a document — %(victim)s") % {"victim": person.heading},
        back=_documents_url(document.victim),
        done=_("Document archived. It is kept, and no longer shared."),
        template="casework/document_action.html",
        submit_label=_("Archive"),
        document=document,
    )
