from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from atip.codes import HOME_COUNTRY, choices_q
from atip.dates import PAST, PLANNED
from atip.models import VersionedModel
from victims.models import Victim


class ServiceType(models.TextChoices):
    SHELTER = "shelter", "Shelter"
    INDEPENDENT_LIVING = "independent_living", "Independent living"
    FOSTER_CARE = "foster_care", "Foster care"
    MEDICAL = "medical", "Medical"
    PSYCHOLOGICAL = "psychological", "Psychological"
    LEGAL = "legal", "Legal"
    EDUCATION = "education", "Education"
    VOCATIONAL_TRAINING = "vocational_training", "Vocational training"
    FINANCIAL = "financial", "Financial"
    MATERIAL = "material", "Material (food, clothing, hygiene)"
    IMMIGRATION = "immigration", "Immigration (documents, permits)"
    INTERPRETATION = "interpretation", "Interpretation"
    FAMILY_REUNIFICATION = "family_reunification", "Family reunification"
    OTHER = "other", "Other"


ACCOMMODATION_TYPES = (
    ServiceType.SHELTER,
    ServiceType.INDEPENDENT_LIVING,
    ServiceType.FOSTER_CARE,
)


class ServiceEpisode(VersionedModel):
    """A service a victim receives from `start_date` to `end_date` (blank: ongoing)."""

    victim = models.ForeignKey(Victim, on_delete=models.PROTECT, related_name="services")
    service_type = models.CharField(max_length=24, choices=ServiceType.choices)
    provider = models.CharField(max_length=200, blank=True)
    start_date = models.DateField(validators=PAST)
    end_date = models.DateField(
        null=True, blank=True, help_text="Leave blank while ongoing.", validators=PAST
    )
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=choices_q("service_type", ServiceType), name="service_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="service_end_after_start",
            ),
        ]
        indexes = [
            # Statistics: services overlapping a year (start_date <= 31 Dec, end open or >= 1 Jan).
            models.Index(fields=["start_date", "end_date"], name="service_period_idx"),
        ]

    def __str__(self):
        return f"{self.get_service_type_display()} from {self.start_date}"

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date is before the start date."})

    @property
    def is_ongoing(self) -> bool:
        return self.end_date is None

    @property
    def is_accommodation(self) -> bool:
        return self.service_type in ACCOMMODATION_TYPES

    @property
    def described(self) -> str:
        """For messages: "shelter stay from 2020-03-02 to 2020-05-01 (Haven)", or "shelter stay
        from 2020-03-02 (Haven), still open"."""
        kind = self.get_service_type_display().lower()
        until = f" to {self.end_date:%Y-%m-%d}" if self.end_date else ""
        provider = f" ({self.provider})" if self.provider else ""
        still = "" if self.end_date else ", still open"
        return f"{kind} stay from {self.start_date:%Y-%m-%d}{until}{provider}{still}"


class RepatriationStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class Repatriation(VersionedModel):
    """The return of a foreign victim from Belize to another country."""

    victim = models.ForeignKey(Victim, on_delete=models.PROTECT, related_name="repatriations")
    destination_country = CountryField()
    status = models.CharField(
        max_length=16, choices=RepatriationStatus.choices, default=RepatriationStatus.PLANNED
    )
    return_date = models.DateField(
        null=True, blank=True, help_text="Required once completed.", validators=PLANNED
    )
    assisted_by = models.CharField("assisting organisation", max_length=200, blank=True)
    notes = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-return_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=choices_q("status", RepatriationStatus), name="repatriation_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(destination_country=HOME_COUNTRY), name="repatriation_not_home"
            ),
            models.CheckConstraint(
                condition=~Q(status=RepatriationStatus.COMPLETED) | Q(return_date__isnull=False),
                name="repatriation_completed_has_date",
            ),
        ]

    def clean(self):
        errors = {}
        if self.destination_country == HOME_COUNTRY:
            errors["destination_country"] = (
                "A repatriation returns a foreign victim from Belize: the destination cannot be Belize."
            )
        if self.status == RepatriationStatus.COMPLETED and not self.return_date:
            errors["return_date"] = "A completed repatriation needs its return date."
        if self.return_date and self.return_date > timezone.localdate():
            if self.status == RepatriationStatus.COMPLETED:
                errors["return_date"] = "A completed return cannot be in the future."
        nationality = self.victim.nationality if self.victim_id else ""
        if (
            nationality
            and self.destination_country
            and self.destination_country != nationality
            and not self.notes.strip()
        ):
            errors["notes"] = (
                f"The destination is not the person's nationality ({nationality.name}): "
                "say in the notes why they return there."
            )
        if errors:
            raise ValidationError(errors)

    def __str__(self):
        return f"Repatriation to {self.destination_country.name} ({self.get_status_display()})"
