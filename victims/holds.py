"""Legal holds on retention: a supervisor keeps a person's identifying data past the retention
schedule (an inquiry, a civil claim, a request of the court), with the reason. Lifted, not
deleted: the row says who held and who lifted it (set and lifted by victims.retention)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from atip.models import written_by


class RetentionHold(models.Model):
    victim = models.ForeignKey(
        "victims.Victim", on_delete=models.PROTECT, related_name="retention_holds", verbose_name=_("victim")
    )
    reason = models.TextField(_("reason for the hold"))
    set_by = written_by(_("held by"))
    set_at = models.DateTimeField(_("held at"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True, editable=False)
    lifted_by = written_by(_("lifted by"))
    lift_reason = models.TextField(_("reason for lifting"), blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("hold on retention")
        verbose_name_plural = _("holds on retention")
        ordering = ["-set_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="retentionhold_has_reason"),
        ]
        indexes = [
            # apply_retention: the holds in force, by person.
            models.Index(
                fields=["victim"], condition=Q(lifted_at__isnull=True), name="retentionhold_live_idx"
            ),
        ]

    def __str__(self):
        return _("Hold on %(victim)s") % {"victim": self.victim_id}
