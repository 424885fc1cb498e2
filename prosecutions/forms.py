from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.forms import DATE
from atip.references import normalise
from atip.versioning import VersionedForm
from prosecutions.models import MAX_SENTENCE_MONTHS, Charge, Hearing, Prosecution
from prosecutions.services import CHARGE_FIELDS, PROSECUTION_FIELDS


class ProsecutionForm(VersionedForm):
    class Meta:
        model = Prosecution
        fields = PROSECUTION_FIELDS
        widgets = {"filed_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"reference": _("The court case number, as the court registry gave it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["filed_on"].initial = timezone.localdate()

    def clean_reference(self):
        return normalise(self.cleaned_data["reference"])


class HearingForm(VersionedForm):
    class Meta:
        model = Hearing
        fields = ["date", "note"]
        widgets = {"date": DATE}


class ChargeForm(VersionedForm):
    """A charge against a suspect of the prosecution's case; also records the verdict, and the
    sentence as the court gives it: a prison term in years and months, a fine, or both."""

    sentence_years = forms.IntegerField(
        label=_("Prison term: years"), min_value=0, max_value=MAX_SENTENCE_MONTHS // 12, required=False
    )
    sentence_extra_months = forms.IntegerField(
        label=_("and months"),
        min_value=0,
        max_value=11,
        required=False,
        help_text=_("Only for a conviction."),
    )
    field_order = [
        *(f for f in CHARGE_FIELDS if f not in ("sentence_months", "fine_amount", "notes")),
        "sentence_years",
        "sentence_extra_months",
        "fine_amount",
        "notes",
    ]

    class Meta:
        model = Charge
        fields = [f for f in CHARGE_FIELDS if f != "sentence_months"]
        widgets = {"verdict_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"fine_amount": _("Fine (BZD)")}
        help_texts = {
            "verdict_date": _("Required unless the charge is pending."),
            "fine_amount": _("Only for a conviction; with or without a prison term."),
        }

    def clean(self):
        cleaned = super().clean()
        years, months = cleaned.get("sentence_years"), cleaned.get("sentence_extra_months")
        total = None if years is None and months is None else (years or 0) * 12 + (months or 0)
        cleaned["sentence_months"] = self.instance.sentence_months = total
        return cleaned

    def _update_errors(self, errors):
        # The record's rules name its one field, sentence_months: shown by the years.
        if hasattr(errors, "error_dict") and "sentence_months" in errors.error_dict:
            errors.error_dict.setdefault("sentence_years", []).extend(
                errors.error_dict.pop("sentence_months")
            )
        super()._update_errors(errors)

    def __init__(self, *args, prosecution, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.prosecution = prosecution
        if self.instance.sentence_months is not None and not self.is_bound:
            self.initial["sentence_years"], self.initial["sentence_extra_months"] = divmod(
                self.instance.sentence_months, 12
            )
        # Only suspects of the prosecution's own case can be chosen (and the service checks it).
        self.fields["suspect"].queryset = prosecution.case.suspects.all()
        self.fields["suspect"].label_from_instance = lambda s: f"{s.full_name} ({s.reference})"
        self.fields["suspect"].error_messages["invalid_choice"] = _(
            "This person is not a suspect of the case this prosecution comes from."
        )
