"""Consent: one answer of a person (or of a minor's parent or guardian) for one purpose."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from atip.codes import choices_q
from atip.dates import PAST, PLANNED
from atip.models import VersionedModel, written_by
from casework.models.agencies import AgencyFields, minor_on
from victims.models import Victim


class ConsentPurpose(models.TextChoices):
    SERVICES = "services", _("Receiving services")
    SHARING = "sharing", _("Sharing information with a named agency")
    STATISTICS = "statistics", _("Being counted in non-identifiable statistics")
    FOLLOW_UP = "follow_up", _("Being contacted for follow-up")


class ConsentAnswer(models.TextChoices):
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Signed form")
    VERBAL = "verbal", _("Verbal, with a witness")


class Consent(AgencyFields, VersionedModel):
    """One answer of a person (or of a minor's parent or guardian) for one purpose.

    The latest answer for a purpose (and agency) is the one that counts; a given consent stops
    counting after its expiry date or from the day it is withdrawn. A withdrawal is written on
    the consent itself (withdrawn_on), never by deleting or overwriting it: the consent stays,
    with the dates between which it held, and its earlier version stays in the history.
    """

    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="consents", verbose_name=_("victim")
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=ConsentPurpose.choices)
    answer = models.CharField(
        _("answer"), max_length=8, choices=ConsentAnswer.choices, default=ConsentAnswer.GIVEN
    )
    decided_on = models.DateField(_("date"), validators=PAST)
    method = models.CharField(_("how"), max_length=16, choices=ConsentMethod.choices)
    witness_name = models.CharField(
        _("witness"), max_length=200, blank=True, help_text=_("Required for a verbal consent.")
    )
    guardian_name = models.CharField(
        _("parent or guardian who answered"),
        max_length=200,
        blank=True,
        help_text=_("Name and relationship. Required when the person is a minor on that date."),
    )
    expires_on = models.DateField(_("expires on"), null=True, blank=True, validators=PLANNED)
    note = models.TextField(_("note"), blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True, editable=False)
    withdrawal_note = models.TextField(_("note on the withdrawal"), blank=True, editable=False)
    withdrawn_by = written_by(_("withdrawn by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
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
        return _("%(purpose)s: %(answer)s on %(date)s") % {
            "purpose": self.get_purpose_display(),
            "answer": self.get_answer_display().lower(),
            "date": self.decided_on,
        }

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    def clean(self):
        errors = self.agency_errors(required=self.purpose == ConsentPurpose.SHARING, outside=True)
        if self.purpose and self.purpose != ConsentPurpose.SHARING and self.agency:
            errors["agency"] = _("Only a consent to share names an agency.")
        if self.method == ConsentMethod.VERBAL and not self.witness_name.strip():
            errors["witness_name"] = _("A verbal consent needs the name of its witness.")
        if self.expires_on and self.decided_on and self.expires_on < self.decided_on:
            errors["expires_on"] = _("The expiry date is before the date of the consent (%(date)s).") % {
                "date": f"{self.decided_on:%Y-%m-%d}"
            }
        if self.withdrawn_on and self.answer != ConsentAnswer.GIVEN:
            errors["answer"] = _(
                "This consent was withdrawn: it stays a given one. Record a new answer instead."
            )
        if self.withdrawn_on and self.decided_on and self.decided_on > self.withdrawn_on:
            errors["decided_on"] = _("The consent was withdrawn on %(withdrawn)s, before this date.") % {
                "withdrawn": f"{self.withdrawn_on:%Y-%m-%d}"
            }
        if self.decided_on and self.victim_id and minor_on(self.victim, self.decided_on):
            if not self.guardian_name.strip():
                errors["guardian_name"] = _(
                    "The person was a minor on this date: name the parent or guardian who answered."
                )
        if errors:
            raise ValidationError(errors)
