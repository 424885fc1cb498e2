from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.dates import PAST
from atip.forms import DATE, ModelForm
from atip.versioning import VersionedForm
from cases.models import Case, CaseStatus, Suspect
from cases.services import CASE_FIELDS, CASE_SETS, PRESUMED_VICTIM_FIELDS, SUSPECT_FIELDS
from victims.forms import exploitation_field
from victims.models import Victim


class CaseForm(VersionedForm):
    exploitation_forms = exploitation_field()

    class Meta:
        model = Case
        fields = [*CASE_FIELDS, *CASE_SETS]
        widgets = {"reported_on": DATE, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["reported_on"].initial = timezone.localdate()


class CaseStatusForm(forms.Form):
    status = forms.ChoiceField(choices=CaseStatus.choices, label=_("New status"))
    changed_on = forms.DateField(widget=DATE, label=_("Date of the change"), validators=PAST)
    closing_reason = forms.CharField(
        label=_("Closing reason"), max_length=200, required=False, help_text=_("Required to close the case.")
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("Required when going back to an earlier status."),
    )

    def __init__(self, *args, current_status=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["changed_on"].initial = timezone.localdate()
        if current_status is not None:
            self.fields["status"].choices = [(v, lbl) for v, lbl in CaseStatus.choices if v != current_status]


class SuspectForm(VersionedForm):
    class Meta:
        model = Suspect
        fields = SUSPECT_FIELDS
        widgets = {"date_of_birth": DATE, "notes": forms.Textarea(attrs={"rows": 3})}


class LinkRequestForm(forms.Form):
    """Ask the other side to list a victim in a case, by the reference they gave."""

    reference = forms.CharField(label=_("Reference"), max_length=64)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Why the person belongs to this case: the other side reads it before deciding."),
    )

    def __init__(self, *args, label: str, example: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].label = label
        self.fields["reference"].help_text = _("Exactly as it was given to you, e.g. %(example)s.") % {
            "example": example
        }


class LinkDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: list the person in the case")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
        help_text=_("Required to decline: the requester reads it."),
    )


class PresumedVictimForm(ModelForm):
    """What police know of a person they refer from a case: Human Services completes the rest."""

    exploitation_forms = exploitation_field()

    class Meta:
        model = Victim
        fields = [*PRESUMED_VICTIM_FIELDS, "exploitation_forms"]
        widgets = {"date_of_birth": DATE, "registered_on": DATE}
        labels = {"registered_on": _("Date of the referral")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registered_on"].initial = timezone.localdate()
