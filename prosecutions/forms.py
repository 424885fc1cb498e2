from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.forms import DATE
from atip.references import normalise
from atip.versioning import VersionedForm
from prosecutions.models import Charge, Hearing, Prosecution
from prosecutions.services import CHARGE_FIELDS, PROSECUTION_FIELDS


class ProsecutionForm(VersionedForm):
    move_case = forms.BooleanField(
        required=False,
        initial=True,
        label=_("Move the case to “in prosecution”"),
        help_text=_("Recorded in the case's status history, on the filing date."),
    )

    class Meta:
        model = Prosecution
        fields = PROSECUTION_FIELDS
        widgets = {"filed_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"reference": _("The court case number, as the court registry gave it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["move_case"]
        else:
            self.fields["filed_on"].initial = timezone.localdate()

    def clean_reference(self):
        return normalise(self.cleaned_data["reference"])


class HearingForm(forms.ModelForm):
    class Meta:
        model = Hearing
        fields = ["date", "note"]
        widgets = {"date": DATE}


class ChargeForm(VersionedForm):
    """A charge against a suspect of the prosecution's case; also records the verdict."""

    class Meta:
        model = Charge
        fields = CHARGE_FIELDS
        widgets = {"verdict_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"sentence_months": _("Sentence (months)")}
        help_texts = {
            "verdict_date": _("Required unless the charge is pending."),
            "sentence_months": _("Only for a conviction."),
        }

    def __init__(self, *args, prosecution, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.prosecution = prosecution
        # Only suspects of the prosecution's own case can be chosen (and the service checks it).
        self.fields["suspect"].queryset = prosecution.case.suspects.all()
        self.fields["suspect"].label_from_instance = lambda s: f"{s.full_name} ({s.reference})"
        self.fields["suspect"].error_messages["invalid_choice"] = _(
            "This person is not a suspect of the case this prosecution comes from."
        )
