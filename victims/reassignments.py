"""A victim given to another responsible worker (victims.caseload). A model of this app,
imported by victims.models."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Reassignment(models.Model):
    """A victim given to another responsible worker: who, why, by whom; kept, never changed but
    for `told_at`, the moment the new worker was shown it (at her next login)."""

    victim = models.ForeignKey(
        "victims.Victim", on_delete=models.PROTECT, related_name="reassignments", verbose_name=_("victim")
    )
    from_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous worker"),
    )
    to_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("new worker")
    )
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("reassigned by")
    )
    at = models.DateTimeField(_("reassigned at"), auto_now_add=True)
    told_at = models.DateTimeField(_("new worker told at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reassignment")
        verbose_name_plural = _("reassignments")
        ordering = ["-at", "-id"]
        constraints = [models.CheckConstraint(condition=~Q(reason=""), name="reassignment_has_reason")]
        indexes = [
            # The new worker's home page: what she has not been told yet.
            models.Index(fields=["to_worker", "told_at"], name="reassignment_told_idx"),
        ]

    def __str__(self):
        return f"{self.victim_id}: {self.from_worker_id} → {self.to_worker_id}"
