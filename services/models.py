from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from atip.codes import HOME_COUNTRY, choices_q
from atip.dates import PAST, PLANNED
from atip.models import VersionedModel
from victims.models import Victim


class ServiceType(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    INDEPENDENT_LIVING = "independent_living", _("Independent living")
    FOSTER_CARE = "foster_care", _("Foster care")
    MEDICAL = "medical", _("Medical")
    PSYCHOLOGICAL = "psychological", _("Psychological")
    LEGAL = "legal", _("Legal")
    EDUCATION = "education", _("Education")
    VOCATIONAL_TRAINING = "vocational_training", _("Vocational training")
    FINANCIAL = "financial", _("Financial")
    MATERIAL = "material", _("Material (food, clothing, hygiene)")
    IMMIGRATION = "immigration", _("Immigration (documents, permits)")
    INTERPRETATION = "interpretation", _("Interpretation")
    FAMILY_REUNIFICATION = "family_reunification", _("Family reunification")
    OTHER = "other", pgettext_lazy("service", "Other")


ACCOMMODATION_TYPES = (
    ServiceType.SHELTER,
    ServiceType.INDEPENDENT_LIVING,
    ServiceType.FOSTER_CARE,
)


class ServiceEpisode(VersionedModel):
    """A service a victim receives from `start_date` to `end_date` (blank: ongoing)."""

    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="services", verbose_name=_("victim")
    )
    service_type = models.CharField(_("service type"), max_length=24, choices=ServiceType.choices)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"), validators=PAST)
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave blank while ongoing."), validators=PAST
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
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
        return _("%(service)s from %(start)s") % {
            "service": self.get_service_type_display(),
            "start": self.start_date,
        }

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": _("The end date is before the start date (%(start)s).")
                    % {"start": f"{self.start_date:%Y-%m-%d}"}
                }
            )

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
        values = {
            "kind": self.get_service_type_display().lower(),
            "start": f"{self.start_date:%Y-%m-%d}",
            "end": f"{self.end_date:%Y-%m-%d}" if self.end_date else "",
        }
        if self.end_date:
            described = _("%(kind)s stay from %(start)s to %(end)s") % values
        else:
            described = _("%(kind)s stay from %(start)s") % values
        if self.provider:
            described += f" ({self.provider})"
        return described if self.end_date else _("%(stay)s, still open") % {"stay": described}


class RepatriationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Repatriation(VersionedModel):
    """The return of a foreign victim from Belize to another country."""

    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="repatriations", verbose_name=_("victim")
    )
    destination_country = CountryField(_("destination country"))
    status = models.CharField(
        _("status"), max_length=16, choices=RepatriationStatus.choices, default=RepatriationStatus.PLANNED
    )
    return_date = models.DateField(
        _("return date"), null=True, blank=True, help_text=_("Required once completed."), validators=PLANNED
    )
    assisted_by = models.CharField(_("assisting organisation"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("repatriation")
        verbose_name_plural = _("repatriations")
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
        # The worklists of returns (casework.returns: follow-ups due, returns not assessed) take
        # one status in return-date order: their first rows are an index walk, not a sort of
        # every return (docs/performance.md).
        indexes = [models.Index(fields=["status", "return_date", "id"], name="repatriation_due_idx")]

    def clean(self):
        errors = {}
        if self.destination_country == HOME_COUNTRY:
            errors["destination_country"] = _(
                "A repatriation returns a foreign victim from Belize: the destination cannot be Belize."
            )
        if self.status == RepatriationStatus.COMPLETED and not self.return_date:
            errors["return_date"] = _("A completed repatriation needs its return date.")
        if self.return_date and self.return_date > timezone.localdate():
            if self.status == RepatriationStatus.COMPLETED:
                errors["return_date"] = _("A completed return cannot be in the future.")
        nationality = self.victim.nationality if self.victim_id else ""
        if (
            nationality
            and self.destination_country
            and self.destination_country != nationality
            and not self.notes.strip()
        ):
            errors["notes"] = _(
                "The destination is not the person's nationality (%(nationality)s): "
                "say in the notes why they return there."
            ) % {"nationality": nationality.name}
        if errors:
            raise ValidationError(errors)

    def __str__(self):
        return _("Repatriation to %(country)s (%(status)s)") % {
            "country": self.destination_country.name,
            "status": self.get_status_display(),
        }
