"""Documents attached to a person (and optionally to one of their consents, assessments,
referrals or notes), and the shares of one document with one case.

The file itself is never in the database: it is encrypted (casework.documents) and stored under
a random name through Django's storage API; the row holds its type (detected from the content),
size, SHA-256 and which key encrypted it.
"""

from itertools import combinations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from atip.codes import choices_q
from atip.models import VersionedModel, written_by
from victims.models import Victim


class DocumentKind(models.TextChoices):
    IDENTITY = "identity_document", _("Identity document")
    CONSENT_FORM = "consent_form", _("Consent form")
    MEDICAL = "medical_report", _("Medical report")
    COURT = "court_document", _("Court document")
    PHOTO = "photo", _("Photo")
    OTHER = "other", pgettext_lazy("kind of document", "Other")


class FileType(models.TextChoices):
    """The types a document may be, recognised from its first bytes (casework.document_types)."""

    PDF = "pdf", _("PDF document")
    JPEG = "jpeg", _("JPEG image")
    PNG = "png", _("PNG image")
    DOCX = "docx", _("Word document (DOCX)")


# What a document may be attached to besides its person: at most one of them.
ATTACHMENTS = ("consent", "assessment", "referral", "note")


def _attachment(model: str, label):
    return models.ForeignKey(
        model,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=label,
    )


class Document(VersionedModel):
    """A file about a person: its kind, what it is, and where its encrypted bytes are.

    Never deleted: archived (with the reason). Retention (a later issue) will erase the stored
    bytes and set `erased_at`, keeping the row and its SHA-256.
    """

    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="documents", verbose_name=_("victim")
    )
    kind = models.CharField(_("kind of document"), max_length=24, choices=DocumentKind.choices)
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("What it is, e.g. “Passport, pages 1–2”. Not the person’s name: the document is theirs."),
    )
    consent = _attachment("casework.Consent", _("consent"))
    assessment = _attachment("casework.Assessment", _("assessment"))
    referral = _attachment("casework.Referral", _("referral"))
    note = _attachment("casework.ContactNote", _("contact note"))
    file_type = models.CharField(_("type of file"), max_length=8, choices=FileType.choices, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    # Where the encrypted bytes are in the documents' storage, and the fingerprint of the key that
    # encrypted them (casework.documents.key_id): never the key.
    storage_name = models.CharField(max_length=200, blank=True, editable=False)
    key_id = models.CharField(max_length=16, blank=True, editable=False)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    archived_by = written_by(_("archived by"))
    archive_reason = models.TextField(_("reason for archiving"), blank=True, editable=False)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)

    # The storage name and key change when the key is rotated: not a version of the document.
    history = HistoricalRecords(excluded_fields=["storage_name", "key_id"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=choices_q("kind", DocumentKind), name="document_kind_valid"),
            models.CheckConstraint(
                condition=choices_q("file_type", FileType), name="document_file_type_valid"
            ),
            models.CheckConstraint(condition=Exact(Length("sha256"), 64), name="document_sha256_length"),
            # Attached to one record of the person at most.
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{a}__isnull": True}) | Q(**{f"{b}__isnull": True}),
                    name=f"document_not_{a}_and_{b}",
                )
                for a, b in combinations(ATTACHMENTS, 2)
            ],
            # Stored bytes and their key, until retention erases them.
            models.CheckConstraint(
                condition=(Q(erased_at__isnull=True) & ~Q(storage_name="") & ~Q(key_id=""))
                | (Q(erased_at__isnull=False) & Q(storage_name="")),
                name="document_stored_unless_erased",
            ),
            models.CheckConstraint(
                condition=Q(archived_at__isnull=True) | ~Q(archive_reason=""),
                name="document_archived_has_reason",
            ),
        ]
        indexes = [
            # rotate_document_key: the documents not yet under the current key.
            models.Index(fields=["key_id"], name="document_key_idx"),
        ]

    def __str__(self):
        return _("%(kind)s of %(date)s") % {
            "kind": self.get_kind_display(),
            "date": f"{self.created_at:%Y-%m-%d}",
        }

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def attached_to(self):
        """The consent, assessment, referral or note it is attached to, or None."""
        return next((getattr(self, name) for name in ATTACHMENTS if getattr(self, f"{name}_id")), None)

    def clean(self):
        attached = [name for name in ATTACHMENTS if getattr(self, f"{name}_id")]
        if len(attached) > 1:
            raise ValidationError(_("A document is attached to one record at most."))
        if attached and self.attached_to.victim_id != self.victim_id:
            raise ValidationError({attached[0]: _("That record is another person's.")})


class DocumentShare(models.Model):
    """One document shared with one case (roles.md): the police and prosecutors who see the case
    read that document, and nothing else of the person's. Unsharing ends the share and keeps it,
    with who and when."""

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="shares", verbose_name=_("document")
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="shared_documents", verbose_name=_("case")
    )
    reason = models.TextField(_("why it is shared"))
    shared_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("shared by"),
    )
    unshared_at = models.DateTimeField(_("unshared at"), null=True, blank=True)
    unshared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unshared by"),
    )

    class Meta:
        verbose_name = _("shared document")
        verbose_name_plural = _("shared documents")
        ordering = ["-shared_at", "-id"]
        constraints = [
            # One share in force per document and case; ended ones are kept.
            models.UniqueConstraint(
                fields=["document", "case"],
                condition=Q(unshared_at__isnull=True),
                name="documentshare_one_in_force",
            ),
            models.CheckConstraint(
                condition=Q(unshared_at__isnull=True) | Q(unshared_at__gte=F("shared_at")),
                name="documentshare_unshared_after",
            ),
            models.CheckConstraint(
                condition=Q(unshared_at__isnull=True) | Q(unshared_by__isnull=False),
                name="documentshare_unshared_by_someone",
            ),
        ]
        indexes = [
            # The case page's shared documents, and the police's access to one (shares in force).
            models.Index(
                fields=["case", "document"],
                condition=Q(unshared_at__isnull=True),
                name="documentshare_case_idx",
            ),
        ]

    def __str__(self):
        return f"{self.document_id} → {self.case_id}"

    @property
    def in_force(self) -> bool:
        return self.unshared_at is None
