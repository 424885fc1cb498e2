from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from atip.codes import choices_q
from atip.dates import PAST
from atip.models import VersionedModel
from atip.references import reference_field, reference_stored_normalised

MAX_PARTICIPANTS = 1_000_000  # a national campaign's audience at most


class ActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    CAMPAIGN = "campaign", _("Campaign")
    OTHER = "other", pgettext_lazy("kind of activity", "Other")


class Audience(models.TextChoices):
    POLICE = "police", _("Police")
    SOCIAL_WORKERS = "social_workers", _("Social workers")
    TOURISM = "tourism", _("Tourism staff")
    IMMIGRATION = "immigration", _("Immigration officers")
    LABOUR_INSPECTORS = "labour_inspectors", _("Labour inspectors")
    JUDICIARY = "judiciary", _("Judiciary")
    EDUCATORS = "educators", _("Educators")
    STUDENTS = "students", _("Students")
    COMMUNITY = "community", _("Community")
    GENERAL_PUBLIC = "general_public", _("General public")
    OTHER = "other", pgettext_lazy("audience", "Other")


class Activity(VersionedModel):
    """A prevention activity: a training, a campaign, or indirect work (research, policy…)."""

    reference = reference_field()
    date = models.DateField(_("date"), validators=PAST)
    kind = models.CharField(_("kind"), max_length=16, choices=ActivityKind.choices)
    direct = models.BooleanField(
        _("direct"),
        default=True,
        help_text=_("Aimed at people (trainings, campaigns); untick for research, policy, coordination."),
    )
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=24, choices=Audience.choices, blank=True)
    participants = models.PositiveIntegerField(
        _("participants"), null=True, blank=True, validators=[MaxValueValidator(MAX_PARTICIPANTS)]
    )
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "reference"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            reference_stored_normalised("activity"),
            models.CheckConstraint(condition=choices_q("kind", ActivityKind), name="activity_kind_valid"),
            models.CheckConstraint(
                condition=Q(audience="") | choices_q("audience", Audience), name="activity_audience_valid"
            ),
        ]
        indexes = [models.Index(fields=["kind", "date"], name="activity_kind_date_idx")]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("prevention:detail", args=[self.pk])
