"""Writes on documents (issue 20.3): add one to a person, archive it, share it with a case and
end the share. Each takes the acting user as `by` and writes its audit row; the document's
bytes are cleaned (casework.document_types), encrypted and stored (casework.documents) before
its row is saved, and removed again if the row is refused."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from atip.audit import Action, audit
from atip.versioning import save_versioned
from cases.models import Case, CaseVictim
from casework import document_types, documents
from casework.models.documents import Document, DocumentShare
from casework.notes import may_read
from casework.services import casework_save
from victims.models import Victim

DOCUMENT_FIELDS = ("kind", "description", "consent", "assessment", "referral", "note")


def too_large(size: int) -> str | None:
    """Why a file of `size` bytes is refused, or None."""
    if size <= settings.DOCUMENT_MAX_BYTES:
        return None
    return _("This file is %(size)s: the largest a document may be is %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(settings.DOCUMENT_MAX_BYTES),
    }


def _audit_document(action, *, document: Document, by, detail: str) -> None:
    """One row naming the document, and its person by reference (never by name)."""
    audit(
        action=action,
        user=by,
        obj=document,
        object_ref=document.victim.reference,
        detail=f"{detail} ({document.kind}, victim {document.victim_id})",
    )


@transaction.atomic
def document_add(*, victim: Victim, by, content: bytes, data: dict) -> Document:
    """Keep a file about `victim`: refused (a ValidationError on `file`) unless its bytes are of
    an allowed type and size; a photo without its metadata; stored encrypted."""
    if message := too_large(len(content)):
        raise ValidationError({"file": message})
    try:
        cleaned = document_types.clean(content)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    note = data.get("note")
    if note is not None and not may_read(by, note):
        raise ValidationError({"note": _("That note is restricted to its author.")})
    sha256 = hashlib.sha256(cleaned.content).hexdigest()
    key_id, stored = documents.encrypt(cleaned.content, sha256=sha256)
    name = documents.write(stored)
    document = Document(
        victim=victim,
        file_type=cleaned.file_type,
        size=len(cleaned.content),
        sha256=sha256,
        storage_name=name,
        key_id=key_id,
    )
    try:
        return casework_save(
            document,
            fields=DOCUMENT_FIELDS,
            data=data,
            by=by,
            detail=lambda d: f"document {d.pk}: {d.kind}, {d.file_type}, {d.size} bytes",
        )
    except Exception:
        documents.remove(name)
        raise


@transaction.atomic
def document_archive(*, document: Document, by, reason: str, expected_version: int | None) -> Document:
    """Archive a document (never deleted): it leaves the person's list, and every share of it
    ends."""
    if document.is_archived:
        raise ValidationError(_("This document is already archived."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the document is archived.")})
    for share in document.shares.filter(unshared_at__isnull=True).select_related("case"):
        document_unshare(share=share, by=by)
    document.archived_at, document.archived_by, document.archive_reason = timezone.now(), by, reason.strip()
    save_versioned(document, expected_version=expected_version)
    _audit_document(Action.ARCHIVE, document=document, by=by, detail=f"document {document.pk} archived")
    return document


@transaction.atomic
def document_share(*, document: Document, case: Case, by, reason: str) -> DocumentShare:
    """Share one document with one case that lists its person: the police and prosecutors who
    see the case then read it."""
    if document.is_archived:
        raise ValidationError(_("An archived document cannot be shared."))
    if not CaseVictim.objects.filter(case=case, victim_id=document.victim_id).exists():
        raise ValidationError({"case": _("This case does not list the person: share with one that does.")})
    if document.shares.filter(case=case, unshared_at__isnull=True).exists():
        raise ValidationError(
            {"case": _("This document is already shared with %(case)s.") % {"case": case.reference}}
        )
    share = DocumentShare(document=document, case=case, shared_by=by, reason=(reason or "").strip())
    share.full_clean()
    share.save()
    _audit_document(
        Action.LINK,
        document=document,
        by=by,
        detail=f"document {document.pk} shared with case {case.reference}",
    )
    return share


@transaction.atomic
def document_unshare(*, share: DocumentShare, by) -> DocumentShare:
    """End a share: the case's police and prosecutors no longer read the document. Kept."""
    share = (
        DocumentShare.objects.select_for_update().select_related("document__victim", "case").get(pk=share.pk)
    )
    if share.unshared_at is not None:
        raise ValidationError(_("This document is no longer shared with that case."))
    share.unshared_at, share.unshared_by = timezone.now(), by
    share.full_clean()
    share.save(update_fields=["unshared_at", "unshared_by"])
    _audit_document(
        Action.UNLINK,
        document=share.document,
        by=by,
        detail=f"document {share.document_id} unshared from case {share.case.reference}",
    )
    return share


def document_download(*, document: Document, by) -> bytes:
    """A document's bytes, for `by` (already allowed to read it): decrypted, checked, audited as
    an export naming the document and its person's reference."""
    content = documents.load(document)
    _audit_document(Action.EXPORT, document=document, by=by, detail=f"document {document.pk} downloaded")
    return content
