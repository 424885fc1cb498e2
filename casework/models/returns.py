"""Return and reintegration (issue 20.5): before a repatriation, a return assessment (risk and,
for a minor, best interests), who receives the person, the consulate or IOM contact, the travel
documents; after the return, follow-ups due 1, 3, 6 and 12 months later, each with its outcome."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from atip.codes import choices_q
from atip.dates import PAST
from atip.models import VersionedModel
from casework.models.assessments import RiskLevel
from services.models import Repatriation

FOLLOW_UP_MONTHS = (1, 3, 6, 12)


class Receiver(models.TextChoices):
    FAMILY = "family", _("Family")
    CAREGIVER = "caregiver", _("Other caregiver")
    AGENCY = "agency", _("Agency")


class ReturnAssessment(VersionedModel):
    repatriation = models.OneToOneField(
        Repatriation,
        on_delete=models.PROTECT,
        related_name="return_assessment",
        verbose_name=_("repatriation"),
    )
    assessed_on = models.DateField(_("assessed on"), validators=PAST)
    risk = models.CharField(_("risk on return"), max_length=8, choices=RiskLevel.choices)
    best_interests = models.TextField(
        _("best interests of the child"), blank=True, help_text=_("Required for a minor.")
    )
    receiver = models.CharField(_("received by"), max_length=16, choices=Receiver.choices)
    receiver_details = models.TextField(_("who receives the person, and how to reach them"))
    consulate_contact = models.CharField(_("consulate or IOM contact"), max_length=300)
    travel_documents = models.CharField(
        _("travel documents"), max_length=300, help_text=_("Passport, emergency travel document, ticket…")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("return assessment")
        verbose_name_plural = _("return assessments")
        constraints = [
            models.CheckConstraint(
                condition=choices_q("risk", RiskLevel), name="returnassessment_risk_valid"
            ),
            models.CheckConstraint(
                condition=choices_q("receiver", Receiver), name="returnassessment_receiver_valid"
            ),
        ]

    def __str__(self):
        return _("Return assessment of %(date)s") % {"date": self.assessed_on}

    def clean(self):
        victim = self.repatriation.victim if self.repatriation_id else None
        if (
            victim
            and self.assessed_on
            and victim.is_minor_on(self.assessed_on)
            and not self.best_interests.strip()
        ):
            raise ValidationError(
                {"best_interests": _("The person is a minor: record the best-interests assessment.")}
            )


class FollowUpOutcome(models.TextChoices):
    SETTLED = "settled", _("Settled, no concern")
    CONCERNS = "concerns", _("Concerns: support arranged")
    AT_RISK = "at_risk", _("At risk: referred for protection")
    NOT_REACHED = "not_reached", _("Could not be reached")


class FollowUp(VersionedModel):
    """A follow-up after a return, `months` after it."""

    repatriation = models.ForeignKey(
        Repatriation, on_delete=models.PROTECT, related_name="follow_ups", verbose_name=_("repatriation")
    )
    months = models.PositiveSmallIntegerField(
        _("months after the return"),
        choices=[(1, _("1 month")), (3, _("3 months")), (6, _("6 months")), (12, _("12 months"))],
    )
    done_on = models.DateField(_("done on"), validators=PAST)
    outcome = models.CharField(_("outcome"), max_length=16, choices=FollowUpOutcome.choices)
    note = models.TextField(_("what was found"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["months"]
        constraints = [
            models.UniqueConstraint(fields=["repatriation", "months"], name="followup_once_per_month"),
            models.CheckConstraint(condition=Q(months__in=FOLLOW_UP_MONTHS), name="followup_months_valid"),
            models.CheckConstraint(
                condition=choices_q("outcome", FollowUpOutcome), name="followup_outcome_valid"
            ),
        ]

    def __str__(self):
        return _("%(months)s-month follow-up") % {"months": self.months}
