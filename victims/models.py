import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from atip.codes import District, Sex, choices_q
from atip.dates import PAST
from atip.models import ExploitationForm, VersionedModel
from atip.references import reference_field, reference_stored_normalised

ADULT_AGE = 18


class IdentificationStatus(models.TextChoices):
    PRESUMED = "presumed", "Presumed victim"
    IDENTIFIED = "identified", "Officially identified"
    NOT_VICTIM = "not_victim", "Not a victim (screened out)"


class IdentifiedBy(models.TextChoices):
    HUMAN_SERVICES = "human_services", "Department of Human Services"
    POLICE = "police", "Police"
    IMMIGRATION = "immigration", "Immigration"
    LABOUR = "labour", "Labour Department"
    PROSECUTION = "prosecution", "Prosecution"
    NGO = "ngo", "NGO"
    OTHER = "other", "Other"


def add_years(day: datetime.date, years: int) -> datetime.date:
    """`day` moved by whole years; 29 February becomes 1 March when the year has none."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return datetime.date(day.year + years, 3, 1)


class AgeGroup(models.TextChoices):
    """Minor or adult on a given day (data dictionary, "Ages")."""

    MINOR = "minor", "Minor (under 18)"
    ADULT = "adult", "Adult"
    UNKNOWN = "unknown", "Age unknown"


def age_group_q(day, *, prefix: str = "") -> dict[str, Q]:
    """{age group: the condition on a victim (through `prefix`) of being in it on `day`}: minor
    until the day before `adult_on`, the day the person turns 18."""
    adult_on = f"{prefix}adult_on"
    return {
        AgeGroup.MINOR: Q(**{f"{adult_on}__gt": day}),
        AgeGroup.ADULT: Q(**{f"{adult_on}__lte": day}),
        AgeGroup.UNKNOWN: Q(**{f"{adult_on}__isnull": True}),
    }


class Victim(VersionedModel):
    reference = reference_field()
    # Identity: social workers, and police/prosecutors only through a linked case.
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True, validators=PAST)
    contact = models.CharField("contact (phone, e-mail)", max_length=200, blank=True)
    # Demographics.
    sex = models.CharField(max_length=8, choices=Sex.choices)
    age_estimate = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(120)],
        null=True,
        blank=True,
        help_text="Whole years, as of the registration date, when the date of birth is unknown.",
    )
    nationality = CountryField(blank=True, help_text="Blank when unknown.")
    registered_on = models.DateField(validators=PAST)
    exploitation_forms = models.ManyToManyField(ExploitationForm, blank=True, related_name="victims")
    district = models.CharField(max_length=16, choices=District.choices, blank=True)
    # The current identification decision: a copy of the latest IdentificationDecision, kept by
    # victims.services so that lists and statistics filter on it without a subquery.
    identification_status = models.CharField(
        max_length=16, choices=IdentificationStatus.choices, default=IdentificationStatus.PRESUMED
    )
    identification_date = models.DateField(null=True, blank=True, validators=PAST)
    identified_by = models.CharField(max_length=16, choices=IdentifiedBy.choices, blank=True)
    # The day the person turns 18, derived from date of birth or age estimate (data dictionary,
    # "Ages"), so that the database can tell minor from adult on any date in one comparison.
    adult_on = models.DateField(null=True, blank=True, editable=False)
    # Social workers only.
    current_location = models.CharField("shelter / current location", max_length=200, blank=True)
    notes = models.TextField("case notes", blank=True)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[exploitation_forms])

    class Meta:
        ordering = ["-registered_on", "-id"]
        constraints = [
            reference_stored_normalised("victim"),
            models.CheckConstraint(condition=choices_q("sex", Sex), name="victim_sex_valid"),
            models.CheckConstraint(
                condition=choices_q("identification_status", IdentificationStatus),
                name="victim_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(identified_by="") | choices_q("identified_by", IdentifiedBy),
                name="victim_identified_by_valid",
            ),
            models.CheckConstraint(
                condition=Q(district="") | choices_q("district", District),
                name="victim_district_valid",
            ),
            models.CheckConstraint(
                condition=Q(age_estimate__isnull=True) | Q(age_estimate__lte=120),
                name="victim_age_estimate_range",
            ),
            models.CheckConstraint(
                condition=~Q(identification_status=IdentificationStatus.IDENTIFIED)
                | Q(identification_date__isnull=False),
                name="victim_identified_has_date",
            ),
            models.CheckConstraint(
                condition=Q(identification_date__isnull=True)
                | Q(date_of_birth__isnull=True)
                | Q(identification_date__gte=F("date_of_birth")),
                name="victim_identified_after_birth",
            ),
        ]
        indexes = [
            # Statistics: identified victims by identification date, presumed by registration.
            models.Index(
                fields=["identification_status", "identification_date"], name="victim_status_date_idx"
            ),
            models.Index(fields=["identification_status", "registered_on"], name="victim_status_reg_idx"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("victims:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p) or "(name not recorded)"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def clean(self):
        errors = {}
        if self.date_of_birth and self.registered_on and self.registered_on < self.date_of_birth:
            errors["registered_on"] = "The registration date is before the date of birth."
        if self.date_of_birth and self.identification_date and self.identification_date < self.date_of_birth:
            errors["identification_date"] = "The identification date is before the date of birth."
        if self.identification_status == IdentificationStatus.IDENTIFIED and not self.identification_date:
            errors["identification_date"] = "An identified person needs the date of the identification."
        if errors:
            raise ValidationError(errors)
        self.adult_on = self.derive_adult_on()

    def derive_adult_on(self) -> datetime.date | None:
        """None when unknown, or when the dates it comes from are out of range (then a field
        validator has already refused them)."""
        try:
            if self.date_of_birth:
                return add_years(self.date_of_birth, ADULT_AGE)
            if self.age_estimate is not None and self.registered_on:
                return add_years(self.registered_on, ADULT_AGE - self.age_estimate)
        except (ValueError, OverflowError):
            pass
        return None


class IdentificationDecision(models.Model):
    """One official decision on a person; the latest (by date, then entry) is the current status."""

    victim = models.ForeignKey(Victim, on_delete=models.PROTECT, related_name="decisions")
    status = models.CharField(max_length=16, choices=IdentificationStatus.choices)
    decided_on = models.DateField(validators=PAST)
    identified_by = models.CharField("institution", max_length=16, choices=IdentifiedBy.choices, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=choices_q("status", IdentificationStatus), name="decision_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(identified_by="") | choices_q("identified_by", IdentifiedBy),
                name="decision_identified_by_valid",
            ),
        ]

    def __str__(self):
        return f"{self.get_status_display()} on {self.decided_on}"
