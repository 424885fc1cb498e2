"""Care plans: goals, and the reviews that set the next review or close the plan."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from atip.codes import choices_q
from atip.dates import PAST, PLANNED
from atip.models import VersionedModel
from casework.models.agencies import AgencyFields
from casework.models.assessments import Assessment, Domain
from victims.models import Victim


class CarePlan(VersionedModel):
    """A person's care plan: goals, reviewed on scheduled dates. At most one is open at a time;
    the review that closes it sets no next date."""

    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="care_plans", verbose_name=_("victim")
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_plans",
        verbose_name=_("assessment"),
        help_text=_("The assessment the plan answers, if any."),
    )
    made_on = models.DateField(_("plan made on"), validators=PAST)
    # The next scheduled review: set when the plan is made, then by each review (the copy kept
    # by casework.services, so that the worklist and the victim list filter on one column).
    next_review_on = models.DateField(_("next review"), null=True, blank=True, validators=PLANNED)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    # A supervisor's approval before the plan starts (issue 20.1; casework.approvals).
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("care plan")
        verbose_name_plural = _("care plans")
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
        return _("Care plan of %(date)s") % {"date": self.made_on}

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def is_approved(self) -> bool:
        return self.approved_at is not None

    def clean(self):
        errors = {}
        if self.made_on and self.next_review_on and self.next_review_on < self.made_on:
            errors["next_review_on"] = _("The review is before the date the plan was made (%(made)s).") % {
                "made": f"{self.made_on:%Y-%m-%d}"
            }
        if self.assessment_id and self.assessment.victim_id != self.victim_id:
            errors["assessment"] = _("This assessment is another person's.")
        if errors:
            raise ValidationError(errors)


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Dropped")


class Goal(AgencyFields, VersionedModel):
    """A goal of a care plan, in a domain, kept by a responsible agency by a target date."""

    plan = models.ForeignKey(
        CarePlan, on_delete=models.PROTECT, related_name="goals", verbose_name=_("care plan")
    )
    domain = models.CharField(_("domain"), max_length=24, choices=Domain.choices)
    description = models.TextField(_("goal"))
    target_on = models.DateField(_("target date"), validators=PLANNED)
    status = models.CharField(_("status"), max_length=8, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    status_note = models.TextField(
        _("note on the status"), blank=True, help_text=_("Required to drop a goal: say why.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
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
            errors["status_note"] = _("Say why the goal is dropped.")
        if errors:
            raise ValidationError(errors)


class Review(VersionedModel):
    """A review of a care plan: when, who took part, what changed, and the next review's date
    (none for the review that closes the plan)."""

    plan = models.ForeignKey(
        CarePlan, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("care plan")
    )
    reviewed_on = models.DateField(_("reviewed on"), validators=PAST)
    participants = models.CharField(_("who took part"), max_length=300)
    changes = models.TextField(_("what changed"))
    next_review_on = models.DateField(_("next review"), null=True, blank=True, validators=PLANNED)
    closes_plan = models.BooleanField(_("this review closes the plan"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(closes_plan=True) & Q(next_review_on__isnull=True))
                | (Q(closes_plan=False) & Q(next_review_on__gt=F("reviewed_on"))),
                name="review_next_date_unless_closing",
            ),
        ]

    def __str__(self):
        return _("Review of %(date)s") % {"date": self.reviewed_on}

    def clean(self):
        errors = {}
        if not self.closes_plan and not self.next_review_on:
            errors["next_review_on"] = _("Set the date of the next review (or close the plan).")
        elif self.closes_plan and self.next_review_on:
            errors["next_review_on"] = _("A review that closes the plan sets no next review.")
        elif self.next_review_on and self.reviewed_on and self.next_review_on <= self.reviewed_on:
            errors["next_review_on"] = _("The next review is not after this one (%(reviewed)s).") % {
                "reviewed": f"{self.reviewed_on:%Y-%m-%d}"
            }
        if self.reviewed_on and self.plan_id and self.reviewed_on < self.plan.made_on:
            errors["reviewed_on"] = _("The plan was made on %(made)s, after this date.") % {
                "made": f"{self.plan.made_on:%Y-%m-%d}"
            }
        if errors:
            raise ValidationError(errors)
