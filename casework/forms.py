from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.codes import Agency, District
from atip.dates import PAST
from atip.forms import DATE, ModelForm
from atip.versioning import VersionedForm
from casework.models.agencies import OUTSIDE_AGENCIES
from casework.models.assessments import NEED_FIELDS, Assessment
from casework.models.consent import Consent
from casework.models.plans import CarePlan, Goal, Review
from casework.models.referrals import Referral, ReferralStatus
from casework.referrals import ACCEPT_JOIN, ACCEPT_NEW, DECLINE, NEXT_STATUS, REFERRAL_FIELDS
from casework.services import (
    ASSESSMENT_FIELDS,
    CONSENT_FIELDS,
    GOAL_FIELDS,
    PLAN_FIELDS,
    REVIEW_FIELDS,
    agency_data,
    consent_data,
)
from victims.models import IdentifiedBy

TEXT = forms.Textarea(attrs={"rows": 3})
SHORT_TEXT = forms.Textarea(attrs={"rows": 2})
BLANK = [("", "---------")]
# A new record's form starts from the record (its person or plan), whose empty fields would
# hide a field's own initial value: the defaults of a new record go into form.initial.


class AgencyInput:
    """Drops what the chosen agency is not known by (a name left typed when IOM was chosen),
    as the services do, before the record is validated."""

    def clean(self):
        cleaned = super().clean()
        if "agency" in cleaned:
            cleaned.update(agency_data(cleaned))
        return cleaned


def _outside_agencies(form) -> None:
    form.fields["agency"].choices = BLANK + [(a.value, a.label) for a in OUTSIDE_AGENCIES]


class ConsentForm(VersionedForm):
    def clean(self):
        cleaned = super().clean()
        if "purpose" in cleaned and "agency" in cleaned:
            cleaned.update(consent_data(cleaned))
        return cleaned

    class Meta:
        model = Consent
        fields = CONSENT_FIELDS
        widgets = {
            "decided_on": DATE,
            "expires_on": DATE,
            "answer": forms.RadioSelect,
            "note": SHORT_TEXT,
        }
        labels = {"agency": _("Agency (for sharing)")}
        help_texts = {"expires_on": _("Leave blank if it does not expire.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _outside_agencies(self)
        if not self.instance.pk:
            self.initial["decided_on"] = timezone.localdate()


class WithdrawForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    withdrawn_on = forms.DateField(
        widget=DATE, initial=timezone.localdate, label=_("Withdrawn on"), validators=PAST
    )
    note = forms.CharField(
        label=_("Note"),
        widget=SHORT_TEXT,
        max_length=1000,
        required=False,
        help_text=_("How it was withdrawn."),
    )


class AssessmentForm(VersionedForm):
    class Meta:
        model = Assessment
        fields = ASSESSMENT_FIELDS
        widgets = {
            "assessed_on": DATE,
            "risk_basis": TEXT,
            **{name: SHORT_TEXT for name in NEED_FIELDS.values()},
        }
        help_texts = {NEED_FIELDS["safety"]: _("Needs found in each domain; leave blank where none.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["assessed_on"] = timezone.localdate()


class PlanForm(VersionedForm):
    class Meta:
        model = CarePlan
        fields = PLAN_FIELDS
        widgets = {"made_on": DATE, "next_review_on": DATE}

    def __init__(self, *args, victim, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = victim.assessments.all()
        if not self.instance.pk:
            self.initial["made_on"] = timezone.localdate()
            self.fields["next_review_on"].label = _("First review on")
            latest = victim.assessments.first()
            self.initial["assessment"] = latest.pk if latest else None
        if self.instance.pk is None or self.instance.is_open:
            self.fields["next_review_on"].required = True
        else:
            del self.fields["next_review_on"]


class GoalForm(AgencyInput, VersionedForm):
    class Meta:
        model = Goal
        fields = GOAL_FIELDS
        widgets = {"description": SHORT_TEXT, "target_on": DATE, "status_note": SHORT_TEXT}
        labels = {"agency": _("Responsible agency")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].required = True
        self.fields["agency"].choices = BLANK + [(a.value, a.label) for a in Agency if a != Agency.SELF]
        if not self.instance.pk:
            self.initial["agency"] = Agency.HUMAN_SERVICES
            del self.fields["status"], self.fields["status_note"]


class ReviewForm(VersionedForm):
    class Meta:
        model = Review
        fields = [*REVIEW_FIELDS, "closes_plan"]  # closes_plan: an argument of review_add
        widgets = {"reviewed_on": DATE, "next_review_on": DATE, "changes": TEXT}
        help_texts = {
            "participants": _("E.g. the person, the social worker, the shelter's manager."),
            "closes_plan": _("Then set no next review."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["closes_plan"]  # a plan is closed by a new review, not by an edit
        else:
            self.initial["reviewed_on"] = timezone.localdate()


# The referral form's second button: keep the draft, record the missing consent, come back.
RECORD_CONSENT = "record_consent"


class ReferralForm(AgencyInput, ModelForm):
    class Meta:
        model = Referral
        fields = REFERRAL_FIELDS
        widgets = {"referred_on": DATE, "reason": TEXT, "shared": TEXT, "override_reason": TEXT}
        labels = {"agency": _("Referred to")}
        help_texts = {
            "reason": _(
                "The agency reads it. To the police unit: write no name, it reads this before "
                "the person is linked to a case."
            ),
            "shared": _("Which documents or facts were passed on."),
            "override_reason": _(
                "Only when there is no current consent to share with this agency: why the referral "
                "must go without it. It is recorded in the audit log and shown on the person's page."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _outside_agencies(self)
        self.fields["agency"].required = True
        self.initial.setdefault("referred_on", None)
        self.initial["referred_on"] = self.initial["referred_on"] or timezone.localdate()

    @property
    def extra_buttons(self) -> list[tuple[str, str]]:
        """Refused for want of consent: a way forward that keeps what was typed (the view keeps
        the draft, records the consent, and comes back here)."""
        if self.is_bound and "override_reason" in self.errors and self.data.get("agency"):
            return [(RECORD_CONSENT, _("Record consent for this agency"))]
        return []


class ReferralStatusForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("New status"))
    on = forms.DateField(widget=DATE, initial=timezone.localdate, label=_("On"), validators=PAST)
    note = forms.CharField(
        label=_("Note"),
        widget=SHORT_TEXT,
        max_length=1000,
        required=False,
        help_text=_("Required when the agency declined: why."),
    )

    def __init__(self, *args, referral: Referral, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = NEXT_STATUS[ReferralStatus(referral.status)]
        if referral.to_police:
            allowed = allowed - {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED}
        self.fields["status"].choices = [(s.value, s.label) for s in ReferralStatus if s in allowed]


class PoliceDecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ACCEPT_NEW, _("Accept: open a new case")),
            (ACCEPT_JOIN, _("Accept: into an existing case")),
            (DECLINE, _("Decline")),
        ],
        widget=forms.RadioSelect,
    )
    case_reference = forms.CharField(
        label=_("Case reference"),
        max_length=64,
        required=False,
        help_text=_("For an existing case, e.g. C-2026-001."),
    )
    district = forms.ChoiceField(
        label=_("District"), choices=BLANK + District.choices, required=False, help_text=_("For a new case.")
    )
    note = forms.CharField(
        label=_("Note"),
        widget=SHORT_TEXT,
        max_length=1000,
        required=False,
        help_text=_("Required to decline: Human Services reads it."),
    )


class PresumedDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("Accept: identify the person as a victim")),
            ("decline", _("Decline: screen the person out")),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(
        widget=DATE, initial=timezone.localdate, label=_("Date of the decision"), validators=PAST
    )
    identified_by = forms.ChoiceField(
        choices=BLANK + IdentifiedBy.choices,
        required=False,
        initial=IdentifiedBy.HUMAN_SERVICES,
        label=_("Institution"),
        help_text=_("The institution that identified the person."),
    )
    note = forms.CharField(
        label=_("Note"),
        widget=SHORT_TEXT,
        max_length=1000,
        required=False,
        help_text=_("Required to decline: why."),
    )
