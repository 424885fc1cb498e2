from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.codes import Exploitation, Language, in_list_order
from atip.dates import FIRST_YEAR, LAST_YEAR
from atip.forms import DATE
from atip.models import ExploitationForm
from atip.versioning import VersionedForm
from victims.models import IdentificationDecision, IdentificationStatus, SpokenLanguage, Victim


def exploitation_field() -> forms.ModelMultipleChoiceField:
    """The forms of exploitation of a victim or a case, as checkboxes."""
    return forms.ModelMultipleChoiceField(
        queryset=ExploitationForm.objects.order_by(in_list_order(Exploitation)),  # "Other" last
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Forms of exploitation"),
    )


class VictimForm(VersionedForm):
    """The whole record, for social workers. The reference is given by the system."""

    exploitation_forms = exploitation_field()

    class Meta:
        model = Victim
        fields = [
            "given_name",
            "family_name",
            "date_of_birth",
            "age_estimate",
            "sex",
            "nationality",
            "registered_on",
            "district",
            "exploitation_forms",
            "contact",
            "languages",
            "interpreter_needed",
            "guardian_name",
            "guardian_relationship",
            "guardian_contact",
            "referred_by",
            "referred_by_name",
            "current_location",
            "notes",
        ]
        widgets = {
            "date_of_birth": DATE,
            "registered_on": DATE,
            "notes": forms.Textarea(attrs={"rows": 4}),
            "languages": forms.CheckboxSelectMultiple,
        }
        help_texts = {"guardian_name": _("For a minor: the parent or guardian who is responsible for them.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["registered_on"].initial = timezone.localdate()
        # In the code list's order (the country's languages first, "Other" last), not by code.
        self.fields["languages"].queryset = SpokenLanguage.objects.order_by(in_list_order(Language))


class DecisionForm(forms.ModelForm):
    class Meta:
        model = IdentificationDecision
        fields = ["status", "decided_on", "identified_by", "note"]
        widgets = {"decided_on": DATE, "note": forms.Textarea(attrs={"rows": 3})}
        labels = {"status": _("Decision"), "decided_on": _("Date of the decision")}
        help_texts = {
            "identified_by": _("Required for an identification."),
            "note": _("Required when reversing an earlier decision."),
        }

    def __init__(self, *args, current_status=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()
        if current_status is not None:
            self.fields["status"].choices = [
                (value, label) for value, label in IdentificationStatus.choices if value != current_status
            ]


class DuplicatesForm(forms.Form):
    """The possible duplicates page: the year the newer record of a pair was registered in, and
    the page. Out-of-range values are a message next to the field, never a 500."""

    year = forms.IntegerField(
        required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR, label=_("Newer record registered in")
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000, widget=forms.HiddenInput)
