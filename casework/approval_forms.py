"""Forms of closing, approving and reopening a case, and of returns (casework.approval_views)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.forms import DATE, ModelForm
from atip.versioning import VersionedForm
from casework.models.closures import Closure
from casework.models.returns import FollowUp, ReturnAssessment
from casework.returns import ASSESSMENT_FIELDS, FOLLOW_UP_FIELDS


class ClosureForm(ModelForm):
    class Meta:
        model = Closure
        fields = ["reason", "closed_on", "note"]
        widgets = {"closed_on": DATE, "note": forms.Textarea(attrs={"rows": 3}), "reason": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].initial = timezone.localdate()


class ClosureDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve: close the case")),
            ("refuse", _("Do not approve: the case stays open")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, closure: Closure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = closure.version


class ReopenForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReturnAssessmentForm(VersionedForm):
    class Meta:
        model = ReturnAssessment
        fields = ASSESSMENT_FIELDS  # what the service saves (casework.returns)
        widgets = {
            "assessed_on": DATE,
            "best_interests": forms.Textarea(attrs={"rows": 3}),
            "receiver_details": forms.Textarea(attrs={"rows": 2}),
        }


class FollowUpForm(ModelForm):
    class Meta:
        model = FollowUp
        fields = FOLLOW_UP_FIELDS
        widgets = {"done_on": DATE, "note": forms.Textarea(attrs={"rows": 3}), "outcome": forms.RadioSelect}
