"""Casework of Human Services (issue 10): consent, needs and risk assessments, care plans with
goals and reviews, referrals to other agencies.

Every record is versioned (django-simple-history, and VersionedModel's optimistic locking through
atip.services.model_save) and none is ever deleted: a consent is withdrawn, a goal dropped, a plan
closed at its last review, a referral declined.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from atip.codes import HOME_COUNTRY, Agency, choices_q
from atip.dates import PAST, PLANNED
from atip.models import VersionedModel
from victims.models import Victim

# Agencies known by a name (an NGO, "other"), and by a country (a consulate).
NAMED_AGENCIES = (Agency.NGO, Agency.OTHER)
# Neither the Department itself nor the person is an agency information is shared with.
OUTSIDE_AGENCIES = tuple(a for a in Agency if a not in (Agency.HUMAN_SERVICES, Agency.SELF))


def minor_on(victim: Victim, day: datetime.date) -> bool:
    """The person is a minor on `day`: before `adult_on`, the rule of victims.models.age_group_q.
    An unknown age is not a minor (the form says to name a guardian when in doubt)."""
    return victim.adult_on is not None and day < victim.adult_on


class AgencyFields(models.Model):
    """An agency of the code list (atip.codes.Agency), with the name of an NGO (or other agency)
    and the country of a consulate. Two records name the same agency when all three match, the
    name without regard to case (casework.selectors.same_agency_q)."""

    agency = models.CharField(max_length=16, choices=Agency.choices, blank=True)
    agency_name = models.CharField(
        "name of the NGO or agency", max_length=200, blank=True, help_text="For an NGO or another agency."
    )
    agency_country = CountryField("country of the consulate", blank=True, help_text="For a consulate.")

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(agency="") | choices_q("agency", Agency), name="%(class)s_agency_valid"
            ),
            models.CheckConstraint(
                condition=Q(agency__in=NAMED_AGENCIES) | Q(agency_name=""), name="%(class)s_name_if_named"
            ),
            models.CheckConstraint(
                condition=Q(agency=Agency.CONSULATE) | Q(agency_country=""),
                name="%(class)s_country_if_consulate",
            ),
        ]

    def agency_errors(self, *, required: bool, outside: bool) -> dict[str, str]:
        errors = {}
        if not self.agency:
            if required:
                errors["agency"] = "Say which agency."
            return errors
        if outside and self.agency not in OUTSIDE_AGENCIES:
            errors["agency"] = "Choose an agency outside the Department."
        if self.agency in NAMED_AGENCIES and not self.agency_name.strip():
            errors["agency_name"] = f"Give the name of the {self.get_agency_display().split(' (')[0]}."
        if self.agency == Agency.CONSULATE:
            if not self.agency_country:
                errors["agency_country"] = "Say which country's consulate."
            elif self.agency_country == HOME_COUNTRY:
                errors["agency_country"] = "A consulate is another country's."
        return errors

    @property
    def agency_label(self) -> str:
        if self.agency == Agency.NGO:
            return f"{self.agency_name} (NGO)"
        if self.agency == Agency.OTHER:
            return self.agency_name
        if self.agency == Agency.CONSULATE:
            return f"Consulate of {self.agency_country.name}"
        return self.get_agency_display()


# --- Consent ---------------------------------------------------------------------------------


class ConsentPurpose(models.TextChoices):
    SERVICES = "services", "Receiving services"
    SHARING = "sharing", "Sharing information with a named agency"
    STATISTICS = "statistics", "Being counted in non-identifiable statistics"
    FOLLOW_UP = "follow_up", "Being contacted for follow-up"


class ConsentAnswer(models.TextChoices):
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", "Signed form"
    VERBAL = "verbal", "Verbal, with a witness"


class Consent(AgencyFields, VersionedModel):
    """One answer of a person (or of a minor's parent or guardian) for one purpose.

    The latest answer for a purpose (and agency) is the one that counts; a given consent stops
    counting after its expiry date or from the day it is withdrawn. A withdrawal is written on
    the consent itself (withdrawn_on), never by deleting or overwriting it: the consent stays,
    with the dates between which it held, and its earlier version stays in the history.
    """

    victim = models.ForeignKey(Victim, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(max_length=16, choices=ConsentPurpose.choices)
    answer = models.CharField(max_length=8, choices=ConsentAnswer.choices, default=ConsentAnswer.GIVEN)
    decided_on = models.DateField("date", validators=PAST)
    method = models.CharField("how", max_length=16, choices=ConsentMethod.choices)
    witness_name = models.CharField(
        "witness", max_length=200, blank=True, help_text="Required for a verbal consent."
    )
    guardian_name = models.CharField(
        "parent or guardian who answered",
        max_length=200,
        blank=True,
        help_text="Name and relationship. Required when the person is a minor on that date.",
    )
    expires_on = models.DateField("expires on", null=True, blank=True, validators=PLANNED)
    note = models.TextField(blank=True)
    withdrawn_on = models.DateField(null=True, blank=True, editable=False)
    withdrawal_note = models.TextField(blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            *AgencyFields.Meta.constraints,
            models.CheckConstraint(
                condition=choices_q("purpose", ConsentPurpose), name="consent_purpose_valid"
            ),
            models.CheckConstraint(condition=choices_q("answer", ConsentAnswer), name="consent_answer_valid"),
            models.CheckConstraint(condition=choices_q("method", ConsentMethod), name="consent_method_valid"),
            # Sharing names the agency; the other purposes name none.
            models.CheckConstraint(
                condition=(Q(purpose=ConsentPurpose.SHARING) & ~Q(agency=""))
                | (~Q(purpose=ConsentPurpose.SHARING) & Q(agency="")),
                name="consent_agency_iff_sharing",
            ),
            models.CheckConstraint(
                condition=~Q(method=ConsentMethod.VERBAL) | ~Q(witness_name=""), name="consent_verbal_witness"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("decided_on")),
                name="consent_expires_after_date",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True)
                | (Q(answer=ConsentAnswer.GIVEN) & Q(withdrawn_on__gte=F("decided_on"))),
                name="consent_withdrawn_if_given",
            ),
        ]
        indexes = [
            # The worklist's consents expiring within 30 days.
            models.Index(fields=["expires_on"], name="consent_expires_idx"),
        ]

    def __str__(self):
        return f"{self.get_purpose_display()}: {self.get_answer_display().lower()} on {self.decided_on}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    def clean(self):
        errors = self.agency_errors(required=self.purpose == ConsentPurpose.SHARING, outside=True)
        if self.purpose and self.purpose != ConsentPurpose.SHARING and self.agency:
            errors["agency"] = "Only a consent to share names an agency."
        if self.method == ConsentMethod.VERBAL and not self.witness_name.strip():
            errors["witness_name"] = "A verbal consent needs the name of its witness."
        if self.expires_on and self.decided_on and self.expires_on < self.decided_on:
            errors["expires_on"] = "The expiry date is before the date of the consent."
        if self.withdrawn_on and self.answer != ConsentAnswer.GIVEN:
            errors["answer"] = (
                "This consent was withdrawn: it stays a given one. Record a new answer instead."
            )
        if self.withdrawn_on and self.decided_on and self.decided_on > self.withdrawn_on:
            errors["decided_on"] = (
                f"The consent was withdrawn on {self.withdrawn_on:%Y-%m-%d}, before this date."
            )
        if self.decided_on and self.victim_id and minor_on(self.victim, self.decided_on):
            if not self.guardian_name.strip():
                errors["guardian_name"] = (
                    "The person was a minor on this date: name the parent or guardian who answered."
                )
        if errors:
            raise ValidationError(errors)


# --- Needs and risk assessment, care plan, reviews -------------------------------------------


class Domain(models.TextChoices):
    """The domains of needs and of care-plan goals."""

    SAFETY = "safety", "Safety"
    ACCOMMODATION = "accommodation", "Accommodation"
    HEALTH = "health", "Health"
    PSYCHOLOGICAL = "psychological", "Psychological"
    LEGAL = "legal", "Legal"
    DOCUMENTATION = "documentation", "Documentation"
    EDUCATION = "education", "Education"
    LIVELIHOOD = "livelihood", "Livelihood"
    FAMILY_REUNIFICATION = "family_reunification", "Family reunification"
    INTERPRETATION = "interpretation", "Interpretation"


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


def _need(domain: Domain):
    return models.TextField(domain.label, blank=True)


class Assessment(VersionedModel):
    """A needs and risk assessment: the risk level with its basis, and the needs found in each
    domain (blank: none found)."""

    victim = models.ForeignKey(Victim, on_delete=models.PROTECT, related_name="assessments")
    assessed_on = models.DateField(validators=PAST)
    risk = models.CharField("risk level", max_length=8, choices=RiskLevel.choices)
    risk_basis = models.TextField("basis of the risk level")
    need_safety = _need(Domain.SAFETY)
    need_accommodation = _need(Domain.ACCOMMODATION)
    need_health = _need(Domain.HEALTH)
    need_psychological = _need(Domain.PSYCHOLOGICAL)
    need_legal = _need(Domain.LEGAL)
    need_documentation = _need(Domain.DOCUMENTATION)
    need_education = _need(Domain.EDUCATION)
    need_livelihood = _need(Domain.LIVELIHOOD)
    need_family_reunification = _need(Domain.FAMILY_REUNIFICATION)
    need_interpretation = _need(Domain.INTERPRETATION)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=choices_q("risk", RiskLevel), name="assessment_risk_valid"),
        ]

    def __str__(self):
        return f"Assessment of {self.assessed_on} ({self.get_risk_display().lower()} risk)"

    @property
    def needs(self) -> list[tuple[str, str]]:
        """(domain label, need) for each domain with a need."""
        return [(d.label, getattr(self, NEED_FIELDS[d])) for d in Domain if getattr(self, NEED_FIELDS[d])]


NEED_FIELDS = {domain: f"need_{domain.value}" for domain in Domain}


class CarePlan(VersionedModel):
    """A person's care plan: goals, reviewed on scheduled dates. At most one is open at a time;
    the review that closes it sets no next date."""

    victim = models.ForeignKey(Victim, on_delete=models.PROTECT, related_name="care_plans")
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_plans",
        help_text="The assessment the plan answers, if any.",
    )
    made_on = models.DateField("plan made on", validators=PAST)
    # The next scheduled review: set when the plan is made, then by each review (the copy kept
    # by casework.services, so that the worklist and the victim list filter on one column).
    next_review_on = models.DateField("next review", null=True, blank=True, validators=PLANNED)
    closed_on = models.DateField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["victim"], condition=Q(closed_on__isnull=True), name="careplan_one_open_per_victim"
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=False) | Q(next_review_on__isnull=False),
                name="careplan_open_has_review_date",
            ),
            models.CheckConstraint(
                condition=Q(next_review_on__isnull=True) | Q(next_review_on__gte=F("made_on")),
                name="careplan_review_after_made",
            ),
        ]
        indexes = [
            # The worklist: open plans by the date of their next review (due, overdue).
            models.Index(fields=["closed_on", "next_review_on"], name="careplan_review_idx"),
        ]

    def __str__(self):
        return f"Care plan of {self.made_on}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    def clean(self):
        errors = {}
        if self.made_on and self.next_review_on and self.next_review_on < self.made_on:
            errors["next_review_on"] = "The review is before the plan was made."
        if self.assessment_id and self.assessment.victim_id != self.victim_id:
            errors["assessment"] = "This assessment is another person's."
        if errors:
            raise ValidationError(errors)


class GoalStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACHIEVED = "achieved", "Achieved"
    DROPPED = "dropped", "Dropped"


class Goal(AgencyFields, VersionedModel):
    """A goal of a care plan, in a domain, kept by a responsible agency by a target date."""

    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="goals")
    domain = models.CharField(max_length=24, choices=Domain.choices)
    description = models.TextField("goal")
    target_on = models.DateField("target date", validators=PLANNED)
    status = models.CharField(max_length=8, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    status_note = models.TextField(
        "note on the status", blank=True, help_text="Required to drop a goal: say why."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["target_on", "id"]
        constraints = [
            *AgencyFields.Meta.constraints,
            models.CheckConstraint(condition=~Q(agency=""), name="goal_has_agency"),
            models.CheckConstraint(condition=choices_q("domain", Domain), name="goal_domain_valid"),
            models.CheckConstraint(condition=choices_q("status", GoalStatus), name="goal_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=GoalStatus.DROPPED) | ~Q(status_note=""), name="goal_dropped_has_note"
            ),
        ]
        indexes = [
            # The worklist: open goals past their target date.
            models.Index(fields=["status", "target_on"], name="goal_target_idx"),
        ]

    def __str__(self):
        return f"{self.get_domain_display()}: {self.description[:60]}"

    def clean(self):
        errors = self.agency_errors(required=True, outside=False)
        if self.status == GoalStatus.DROPPED and not self.status_note.strip():
            errors["status_note"] = "Say why the goal is dropped."
        if errors:
            raise ValidationError(errors)


class Review(VersionedModel):
    """A review of a care plan: when, who took part, what changed, and the next review's date
    (none for the review that closes the plan)."""

    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField(validators=PAST)
    participants = models.CharField("who took part", max_length=300)
    changes = models.TextField("what changed")
    next_review_on = models.DateField("next review", null=True, blank=True, validators=PLANNED)
    closes_plan = models.BooleanField("this review closes the plan", default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(closes_plan=True) & Q(next_review_on__isnull=True))
                | (Q(closes_plan=False) & Q(next_review_on__gt=F("reviewed_on"))),
                name="review_next_date_unless_closing",
            ),
        ]

    def __str__(self):
        return f"Review of {self.reviewed_on}"

    def clean(self):
        errors = {}
        if not self.closes_plan and not self.next_review_on:
            errors["next_review_on"] = "Set the date of the next review (or close the plan)."
        elif self.closes_plan and self.next_review_on:
            errors["next_review_on"] = "A review that closes the plan sets no next review."
        elif self.next_review_on and self.reviewed_on and self.next_review_on <= self.reviewed_on:
            errors["next_review_on"] = "The next review is not after this one."
        if self.reviewed_on and self.plan_id and self.reviewed_on < self.plan.made_on:
            errors["reviewed_on"] = f"The plan was made on {self.plan.made_on:%Y-%m-%d}, after this date."
        if errors:
            raise ValidationError(errors)


# --- Referrals to other agencies -------------------------------------------------------------


class ReferralStatus(models.TextChoices):
    SENT = "sent", "Sent"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    COMPLETED = "completed", "Completed"


class Referral(AgencyFields, VersionedModel):
    """A referral of a person to an outside agency: what for, what was shared, on which consent
    (or why without one), and the agency's answer. A referral to the ATIPs Police Unit is answered
    by the police in the application, accepting it into a case."""

    victim = models.ForeignKey(Victim, on_delete=models.PROTECT, related_name="referrals")
    referred_on = models.DateField(validators=PAST)
    reason = models.TextField("reason for the referral")
    shared = models.TextField("what was shared")
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals", editable=False
    )
    override_reason = models.TextField("reason for referring without consent", blank=True)
    status = models.CharField(max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    answered_on = models.DateField("accepted or declined on", null=True, blank=True, validators=PAST)
    decline_reason = models.TextField("reason for declining", blank=True)
    completed_on = models.DateField(null=True, blank=True, validators=PAST)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="referrals"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-referred_on", "-id"]
        constraints = [
            *AgencyFields.Meta.constraints,
            models.CheckConstraint(condition=Q(agency__in=OUTSIDE_AGENCIES), name="referral_agency_outside"),
            models.CheckConstraint(
                condition=choices_q("status", ReferralStatus), name="referral_status_valid"
            ),
            # roles.md / issue 10: no referral without consent, unless the override says why.
            models.CheckConstraint(
                condition=Q(consent__isnull=False) | ~Q(override_reason=""),
                name="referral_consent_or_override",
            ),
            models.CheckConstraint(
                condition=Q(status=ReferralStatus.SENT, answered_on__isnull=True)
                | (~Q(status=ReferralStatus.SENT) & Q(answered_on__gte=F("referred_on"))),
                name="referral_answered_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.DECLINED) | ~Q(decline_reason=""),
                name="referral_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=(Q(status=ReferralStatus.COMPLETED) & Q(completed_on__gte=F("answered_on")))
                | (~Q(status=ReferralStatus.COMPLETED) & Q(completed_on__isnull=True)),
                name="referral_completed_has_date",
            ),
        ]
        indexes = [
            # The worklists: referrals waiting for an answer, oldest first (the police unit's too).
            models.Index(fields=["status", "agency", "referred_on"], name="referral_waiting_idx"),
        ]

    def __str__(self):
        return f"Referral to {self.agency_label} on {self.referred_on}"

    @property
    def to_police(self) -> bool:
        return self.agency == Agency.ATIPS_POLICE

    @property
    def without_consent(self) -> bool:
        return self.consent_id is None

    def clean(self):
        errors = self.agency_errors(required=True, outside=True)
        if self.answered_on and self.referred_on and self.answered_on < self.referred_on:
            errors["answered_on"] = f"The referral was sent on {self.referred_on:%Y-%m-%d}, after this date."
        if self.completed_on and self.answered_on and self.completed_on < self.answered_on:
            errors["completed_on"] = (
                f"The referral was accepted on {self.answered_on:%Y-%m-%d}, after this date."
            )
        if errors:
            raise ValidationError(errors)
