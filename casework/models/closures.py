"""Closing a case (issue 20.4): with a reason, after the supervisor's approval, and reopening it
with a reason. Nothing is deleted; statistics do not read closures."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from atip.codes import choices_q
from atip.dates import PAST
from atip.models import VersionedModel
from victims.models import Victim


class ClosureReason(models.TextChoices):
    REINTEGRATED = "reintegrated", _("Reintegrated")
    REPATRIATED = "repatriated", _("Repatriated and followed up")
    TRANSFERRED = "transferred", _("Transferred to another agency")
    LOST_CONTACT = "lost_contact", _("Lost contact")
    DECLINED = "declined", _("Declined further services")
    DECEASED = "deceased", _("Deceased")
    OTHER = "other", _("Other (say why in the note)")


class ClosureStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for the supervisor's approval")
    CLOSED = "closed", _("Closed")
    REFUSED = "refused", _("Not approved")
    REOPENED = "reopened", _("Reopened")


class Closure(VersionedModel):
    """One closing of a person's case: asked for by a worker (`created_by`), approved or refused
    by a supervisor, and perhaps reopened later; the person's `closed_on` is its copy."""

    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="closures", verbose_name=_("victim")
    )
    reason = models.CharField(_("reason for closing"), max_length=16, choices=ClosureReason.choices)
    note = models.TextField(_("note"), blank=True, help_text=_("Required for “Other”."))
    closed_on = models.DateField(_("closed on"), validators=PAST)
    status = models.CharField(_("status"), max_length=16, choices=ClosureStatus.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("supervisor's note"), blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reopened by"),
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["-closed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=choices_q("reason", ClosureReason), name="closure_reason_valid"),
            models.CheckConstraint(condition=choices_q("status", ClosureStatus), name="closure_status_valid"),
            models.CheckConstraint(
                condition=~Q(reason=ClosureReason.OTHER) | ~Q(note=""), name="closure_other_has_note"
            ),
            models.CheckConstraint(
                condition=~Q(status=ClosureStatus.REOPENED) | ~Q(reopen_reason=""),
                name="closure_reopened_has_reason",
            ),
            # A person has at most one closure waiting or in force.
            models.UniqueConstraint(
                fields=["victim"],
                condition=Q(status__in=[ClosureStatus.WAITING, ClosureStatus.CLOSED]),
                name="closure_one_current_per_victim",
            ),
        ]
        indexes = [
            # The supervisor's home: closures waiting for approval, oldest first.
            models.Index(fields=["status", "closed_on"], name="closure_status_idx"),
        ]

    def __str__(self):
        return _("Closure of %(date)s") % {"date": self.closed_on}

    def clean(self):
        if self.reason == ClosureReason.OTHER and not self.note.strip():
            raise ValidationError({"note": _("Say why the case is closed.")})
