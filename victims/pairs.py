"""Two records confirmed to be different people (victims.duplicates). A model of this app,
imported by victims.models."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class DistinctPair(models.Model):
    """Two records that a social worker (or the officer registering the second one) confirmed
    are different people: the duplicate check no longer offers them as one person. Kept, never
    changed; `first` is the older record (the lower id)."""

    first = models.ForeignKey(
        "victims.Victim", on_delete=models.PROTECT, related_name="+", verbose_name=_("first record")
    )
    second = models.ForeignKey(
        "victims.Victim", on_delete=models.PROTECT, related_name="+", verbose_name=_("second record")
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)
    at_registration = models.BooleanField(
        _("at registration"), default=False, help_text=_("Confirmed when the second record was registered.")
    )

    class Meta:
        verbose_name = _("pair of different people")
        verbose_name_plural = _("pairs of different people")
        ordering = ["-confirmed_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="distinctpair_unique"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name="distinctpair_ordered"),
        ]

    def __str__(self):
        return f"{self.first_id} ≠ {self.second_id}"


# Holds on retention (victims.holds), a model of this app kept in its own module.
from victims.holds import RetentionHold  # noqa: E402, F401
from victims.subject_access import SubjectAccessRequest  # noqa: E402, F401
