"""Referrals of a person to outside agencies, and their answers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from atip.codes import Agency, choices_q
from atip.dates import PAST
from atip.models import VersionedModel
from casework.models.agencies import OUTSIDE_AGENCIES, AgencyFields
from casework.models.consent import Consent
from victims.models import Victim


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")


class Referral(AgencyFields, VersionedModel):
    """A referral of a person to an outside agency: what for, what was shared, on which consent
    (or why without one), and the agency's answer. A referral to the ATIPs Police Unit is answered
    by the police in the application, accepting it into a case."""

    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("victim")
    )
    referred_on = models.DateField(_("referred on"), validators=PAST)
    reason = models.TextField(_("reason for the referral"))
    shared = models.TextField(_("what was shared"))
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        editable=False,
        verbose_name=_("consent"),
    )
    override_reason = models.TextField(_("reason for referring without consent"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    answered_on = models.DateField(_("accepted or declined on"), null=True, blank=True, validators=PAST)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True, validators=PAST)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("case"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
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
        return _("Referral to %(agency)s on %(date)s") % {
            "agency": self.agency_label,
            "date": self.referred_on,
        }

    @property
    def to_police(self) -> bool:
        return self.agency == Agency.ATIPS_POLICE

    @property
    def without_consent(self) -> bool:
        return self.consent_id is None

    def clean(self):
        errors = self.agency_errors(required=True, outside=True)
        if self.answered_on and self.referred_on and self.answered_on < self.referred_on:
            errors["answered_on"] = _("The referral was sent on %(sent)s, after this date.") % {
                "sent": f"{self.referred_on:%Y-%m-%d}"
            }
        if self.completed_on and self.answered_on and self.completed_on < self.answered_on:
            errors["completed_on"] = _("The referral was accepted on %(accepted)s, after this date.") % {
                "accepted": f"{self.answered_on:%Y-%m-%d}"
            }
        if errors:
            raise ValidationError(errors)
