from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from atip.codes import choices_q
from atip.dates import PAST
from atip.models import VersionedModel
from atip.references import reference_field, reference_stored_normalised

MAX_PARTICIPANTS = 1_000_000  # a national campaign's audience at most


class ActivityKind(models.TextChoices):
    TRAINING = "training", "Training"
    CAMPAIGN = "campaign", "Campaign"
    OTHER = "other", "Other"


class Audience(models.TextChoices):
    POLICE = "police", "Police"
    SOCIAL_WORKERS = "social_workers", "Social workers"
    TOURISM = "tourism", "Tourism staff"
    IMMIGRATION = "immigration", "Immigration officers"
    LABOUR_INSPECTORS = "labour_inspectors", "Labour inspectors"
    JUDICIARY = "judiciary", "Judiciary"
    EDUCATORS = "educators", "Educators"
    STUDENTS = "students", "Students"
    COMMUNITY = "community", "Community"
    GENERAL_PUBLIC = "general_public", "General public"
    OTHER = "other", "Other"


class Activity(VersionedModel):
    """A prevention activity: a training, a campaign, or indirect work (research, policy…)."""

    reference = reference_field()
    date = models.DateField(validators=PAST)
    kind = models.CharField(max_length=16, choices=ActivityKind.choices)
    direct = models.BooleanField(
        default=True,
        help_text="Aimed at people (trainings, campaigns); untick for research, policy, coordination.",
    )
    title = models.CharField(max_length=200)
    audience = models.CharField(max_length=24, choices=Audience.choices, blank=True)
    participants = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(MAX_PARTICIPANTS)]
    )
    organiser = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "reference"]
        verbose_name_plural = "activities"
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
