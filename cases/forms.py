from django import forms
from django.utils import timezone

from atip.dates import not_before_1900
from atip.forms import DATE
from atip.models import ExploitationForm
from atip.versioning import VersionedForm
from cases.models import Case, CaseStatus, Suspect
from victims.models import Victim


def _exploitation_field():
    return forms.ModelMultipleChoiceField(
        queryset=ExploitationForm.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Forms of exploitation",
    )


class CaseForm(VersionedForm):
    exploitation_forms = _exploitation_field()

    class Meta:
        model = Case
        fields = ["reference", "reported_on", "source", "district", "summary", "exploitation_forms"]
        widgets = {"reported_on": DATE, "summary": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"reference": "Leave blank to have one given (e.g. C-2026-001)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].required = False
        if self.instance.pk:
            del self.fields["reference"]
        else:
            self.fields["reported_on"].initial = timezone.localdate()


class CaseStatusForm(forms.Form):
    status = forms.ChoiceField(choices=CaseStatus.choices, label="New status")
    changed_on = forms.DateField(widget=DATE, label="Date of the change", validators=[not_before_1900])
    closing_reason = forms.CharField(max_length=200, required=False, help_text="Required to close the case.")
    note = forms.CharField(
        max_length=200, required=False, help_text="Required when going back to an earlier status."
    )

    def __init__(self, *args, current_status=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["changed_on"].initial = timezone.localdate()
        if current_status is not None:
            self.fields["status"].choices = [(v, lbl) for v, lbl in CaseStatus.choices if v != current_status]


class SuspectForm(VersionedForm):
    class Meta:
        model = Suspect
        fields = ["reference", "given_name", "family_name", "sex", "nationality", "date_of_birth", "notes"]
        widgets = {"date_of_birth": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"reference": "Leave blank to have one given (e.g. S-2026-0001)."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"].required = False
        if self.instance.pk:
            del self.fields["reference"]


class PresumedVictimForm(forms.ModelForm):
    """What police know of a person they refer: Human Services completes the rest."""

    exploitation_forms = _exploitation_field()

    class Meta:
        model = Victim
        fields = [
            "given_name",
            "family_name",
            "sex",
            "date_of_birth",
            "age_estimate",
            "nationality",
            "registered_on",
            "exploitation_forms",
        ]
        widgets = {"date_of_birth": DATE, "registered_on": DATE}
        labels = {"registered_on": "Date of the referral"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registered_on"].initial = timezone.localdate()

    def _post_clean(self):
        # Validation of the record is the service's (victims.services.victim_register), which the
        # view calls with these fields; the form only checks each field.
        pass


class VictimReferenceForm(forms.Form):
    reference = forms.CharField(
        max_length=32,
        label="Victim reference",
        help_text="Exactly as Human Services gave it, e.g. V-2026-0001.",
    )


class CaseReferenceForm(forms.Form):
    reference = forms.CharField(
        max_length=32, label="Case reference", help_text="Exactly as the police gave it, e.g. C-2026-001."
    )
