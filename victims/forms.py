from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.codes import Exploitation, Language, in_list_order
from atip.dates import FIRST_YEAR, LAST_YEAR
from atip.forms import DATE, ModelForm
from atip.models import ExploitationForm
from atip.roles import Ability, can
from atip.versioning import VersionedForm
from victims.caseload import department_workers
from victims.models import IdentificationDecision, IdentificationStatus, SpokenLanguage, Victim
from victims.services import VICTIM_RECORD
from victims.trafficking import CODE_LISTS


def exploitation_field() -> forms.ModelMultipleChoiceField:
    """The forms of exploitation of a victim or a case, as checkboxes."""
    return forms.ModelMultipleChoiceField(
        queryset=ExploitationForm.objects.order_by(in_list_order(Exploitation)),  # "Other" last
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Forms of exploitation"),
    )


def codes_field(name: str, label) -> forms.MultipleChoiceField:
    """One of the HTCDS multiselects (victims.trafficking.CODE_LISTS), as checkboxes."""
    return forms.MultipleChoiceField(
        choices=CODE_LISTS[name].choices, widget=forms.CheckboxSelectMultiple, required=False, label=label
    )


class VictimForm(VersionedForm):
    """The whole record, for social workers. The reference is given by the system."""

    exploitation_forms = exploitation_field()
    sex_exploitation_types = codes_field("sex_exploitation_types", _("Types of sexual exploitation"))
    control_methods = codes_field("control_methods", _("Methods of control"))
    recruitment_methods = codes_field("recruitment_methods", _("How the person was recruited"))
    # Data Protection Act, correction: kept in the history row of the change (victim_update).
    correction_request = forms.CharField(
        label=_("Correction requested by the person: the request's reference"),
        required=False,
        max_length=64,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9 /._-]{2,63}$", _("3 to 64 letters, digits, spaces, / . _ or -.")
            )
        ],
        help_text=_("Only when the person asked for this correction."),
    )

    class Meta:
        model = Victim
        fields = VICTIM_RECORD
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
            del self.fields["correction_request"]
        # In the code list's order (the country's languages first, "Other" last), not by code.
        self.fields["languages"].queryset = SpokenLanguage.objects.order_by(in_list_order(Language))


class RegistrationForm(VictimForm):
    """The record, and the worker whose caseload the person joins (the registering worker by
    default)."""

    responsible_worker = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Responsible worker"),
        help_text=_("The social worker whose caseload the person joins."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["responsible_worker"]
        field.queryset = department_workers()
        field.label_from_instance = lambda worker: worker.get_full_name() or worker.username
        if user is not None and can(user, Ability.KEEP_CASELOAD):
            field.initial = user.pk


class DecisionForm(ModelForm):
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


class AssignForm(forms.Form):
    """Give a victim another responsible worker (victims.caseload.victim_assign)."""

    worker = forms.ModelChoiceField(queryset=None, label=_("Responsible worker"))
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), strip=True
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, workers, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        self.fields["worker"].label_from_instance = lambda user: user.get_full_name() or user.username
        self.fields["version"].initial = version


class RetentionHoldForm(forms.Form):
    """A supervisor holds a person from retention, or lifts the hold: always with the reason."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("An inquiry, a civil claim, a request of the court…"),
    )
