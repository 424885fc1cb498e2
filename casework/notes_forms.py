"""The forms of contact notes and documents (issue 20)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.forms import DATE, ModelForm
from atip.versioning import VersionedForm
from cases.models import Case
from casework.document_services import too_large
from casework.document_types import ACCEPT, detect
from casework.models.documents import ATTACHMENTS, Document
from casework.models.notes import ContactNote
from casework.notes import NOTE_FIELDS, may_read

NOTE_TEXT = forms.Textarea(attrs={"rows": 6})
REASON = forms.Textarea(attrs={"rows": 2})


class NoteForm(VersionedForm):
    class Meta:
        model = ContactNote
        fields = NOTE_FIELDS
        widgets = {"happened_on": DATE, "text": NOTE_TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["happened_on"] = timezone.localdate()


class NoteCorrectionForm(NoteForm):
    """A correction says why: the reason is kept with the new version."""

    correction_reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=REASON,
        help_text=_("The earlier version is kept, and shown with this reason."),
    )


class DocumentForm(ModelForm):
    file = forms.FileField(
        label=_("File"),
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=_(
            "A PDF, a JPEG or PNG image, or a Word (DOCX) document. On a phone you may take a photo. "
            "A photo’s location and camera details are removed; the file is stored encrypted."
        ),
    )
    attached_to = forms.ChoiceField(
        label=_("Attached to"),
        required=False,
        help_text=_("The record the document belongs to, if any: the signed form of a consent, for example."),
    )

    field_order = ["file", "kind", "attached_to", "description"]  # on a phone: the photo first

    class Meta:
        model = Document
        fields = ("kind", "description")

    def __init__(self, *args, victim, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = {}  # "consent-12" -> the record
        groups = []
        for name, label, records in (
            ("consent", _("Consents"), victim.consents.all()),
            ("assessment", _("Assessments"), victim.assessments.all()),
            ("referral", _("Referrals"), victim.referrals.all()),
            ("note", _("Contact notes"), [n for n in victim.contact_notes.all() if may_read(user, n)]),
        ):
            options = []
            for record in records:
                self.records[f"{name}-{record.pk}"] = (name, record)
                options.append((f"{name}-{record.pk}", str(record)))
            if options:
                groups.append((label, options))
        self.fields["attached_to"].choices = [("", _("No record: the person only")), *groups]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if getattr(upload, "too_large", False) or upload.size > 0 and too_large(upload.size):
            raise forms.ValidationError(too_large(upload.size))
        content = upload.read()
        if not content:
            raise forms.ValidationError(_("This file is empty."))
        detect(content)  # the type, from the first bytes (the rest is checked when it is kept)
        return content

    def clean(self):
        cleaned = super().clean()
        chosen = self.records.get(cleaned.get("attached_to") or "")
        for name in ATTACHMENTS:
            cleaned[name] = chosen[1] if chosen and chosen[0] == name else None
        return cleaned


class ShareForm(forms.Form):
    case = forms.ModelChoiceField(
        label=_("Case"),
        queryset=Case.objects.none(),  # the cases listing the person: set per form
        help_text=_(
            "A case that lists the person. Its police officers and prosecutors will read this document."
        ),
    )
    reason = forms.CharField(label=_("Why it is shared"), widget=REASON)

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases
        self.fields["case"].label_from_instance = lambda case: (
            f"{case.reference} ({case.get_status_display()})"
        )


class ArchiveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why it is archived"), widget=REASON)
