import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from atip.codes import Agency, District, Language, Sex, choices_q
from atip.dates import PAST
from atip.models import ExploitationForm, VersionedModel
from atip.references import reference_field, reference_stored_normalised
from atip.system_notes import note_shown
from victims.ages import ADULT_AGE, add_years, age_on, full_years
from victims.names import search_key
from victims.pairs import DistinctPair  # noqa: F401  (a model of this app)
from victims.reassignments import Reassignment  # noqa: F401  (a model of this app)
from victims.trafficking import TRAFFICKING_CONSTRAINTS, TraffickingFacts

# How far a date of birth and an age estimate may disagree: the age at registration
# worked out from the date of birth, against the estimate.
ESTIMATE_TOLERANCE = 1


class IdentificationStatus(models.TextChoices):
    PRESUMED = "presumed", _("Presumed victim")
    IDENTIFIED = "identified", _("Officially identified")
    NOT_VICTIM = "not_victim", _("Not a victim (screened out)")


class IdentifiedBy(models.TextChoices):
    HUMAN_SERVICES = "human_services", _("Department of Human Services")
    POLICE = "police", _("Police")
    IMMIGRATION = "immigration", _("Immigration")
    LABOUR = "labour", _("Labour Department")
    PROSECUTION = "prosecution", _("Prosecution")
    NGO = "ngo", _("NGO")
    OTHER = "other", pgettext_lazy("institution", "Other")


class SpokenLanguage(models.Model):
    """One row per language code (atip.codes.Language), so that the languages a person speaks
    are a set the database keeps, like the forms of exploitation."""

    code = models.CharField(_("language"), primary_key=True, max_length=8, choices=Language.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=choices_q("code", Language), name="spokenlanguage_code_valid")
        ]

    def __str__(self):
        return self.get_code_display()


class Victim(TraffickingFacts, VersionedModel):
    reference = reference_field()
    # Identity: social workers, and police/prosecutors only through a linked case.
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True, validators=PAST)
    contact = models.CharField(_("contact (phone, e-mail)"), max_length=200, blank=True)
    # Demographics.
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    age_estimate = models.PositiveSmallIntegerField(
        _("age estimate"),
        validators=[MaxValueValidator(120)],
        null=True,
        blank=True,
        help_text=_("Whole years, as of the registration date, when the date of birth is unknown."),
    )
    nationality = CountryField(_("nationality"), blank=True, help_text=_("Blank when unknown."))
    registered_on = models.DateField(_("registered on"), validators=PAST)
    exploitation_forms = models.ManyToManyField(
        ExploitationForm, blank=True, related_name="victims", verbose_name=_("forms of exploitation")
    )
    district = models.CharField(_("district"), max_length=16, choices=District.choices, blank=True)
    # The current identification decision: a copy of the latest IdentificationDecision, kept by
    # victims.services so that lists and statistics filter on it without a subquery.
    identification_status = models.CharField(
        _("identification status"),
        max_length=16,
        choices=IdentificationStatus.choices,
        default=IdentificationStatus.PRESUMED,
    )
    identification_date = models.DateField(_("identification date"), null=True, blank=True, validators=PAST)
    identified_by = models.CharField(
        _("identified by"), max_length=16, choices=IdentifiedBy.choices, blank=True
    )
    # The day the person turns 18, derived from date of birth or age estimate (data dictionary,
    # "Ages"), so that the database can tell minor from adult on any date in one comparison.
    adult_on = models.DateField(_("adult on"), null=True, blank=True, editable=False)
    # A minor's parent or guardian (identity: seen by whoever sees the person's identity).
    guardian_name = models.CharField(
        _("guardian's name"), max_length=200, blank=True, default="", db_default=""
    )
    guardian_relationship = models.CharField(
        _("guardian's relationship"),
        max_length=100,
        blank=True,
        default="",
        db_default="",
        help_text=_("Mother, uncle, legal guardian, foster carer…"),
    )
    guardian_contact = models.CharField(
        _("guardian's contact"), max_length=200, blank=True, default="", db_default=""
    )
    languages = models.ManyToManyField(
        SpokenLanguage, blank=True, related_name="victims", verbose_name=_("languages spoken")
    )
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False, db_default=False)
    # Who brought the person to Human Services (atip.codes.Agency), and which one by name.
    referred_by = models.CharField(
        _("referred by"), max_length=16, choices=Agency.choices, blank=True, default="", db_default=""
    )
    referred_by_name = models.CharField(
        _("referred by (name)"),
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text=_("The NGO, the consulate's country, the officer…"),
    )
    # Social workers only.
    current_location = models.CharField(_("shelter / current location"), max_length=200, blank=True)
    notes = models.TextField(_("case notes"), blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    # The one social worker whose caseload the person is in (issue 20.1): for the worklist, not
    # for access (roles.md). Set at registration, changed by victims.caseload.
    responsible_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="caseload",
        verbose_name=_("responsible worker"),
    )
    # The day the case was closed (a copy of the approved closure, kept by casework.closures):
    # closed people leave the worklist; statistics do not read it.
    closed_on = models.DateField(_("case closed on"), null=True, blank=True, editable=False)
    # The day victims.retention erased the identifying data (settings.RETENTION_*).
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True, editable=False)
    # The same person recorded twice: this record is archived and points at the original
    # (victims.services.victim_mark_duplicate). Statistics count the person once.
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    # The given and family names folded (victims.names.search_key: no accents, no case, words in
    # alphabetical order), written by clean(): what search and the duplicate check compare.
    # Kept in the history like adult_on, so that a version is the whole record.
    # On PostgreSQL a trigram GIN index covers it (migration 0004, which also creates the
    # pg_trgm extension): a search for a word, or a misspelt one, reads the index.
    search_name = models.TextField(
        _("names as searched"), blank=True, default="", db_default="", editable=False
    )

    history = HistoricalRecords(m2m_fields=[exploitation_forms, languages])

    class Meta:
        verbose_name = _("victim")
        verbose_name_plural = _("victims")
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
            models.CheckConstraint(
                condition=Q(referred_by="") | choices_q("referred_by", Agency),
                name="victim_referred_by_valid",
            ),
            models.CheckConstraint(
                condition=Q(duplicate_of__isnull=True) | Q(archived_at__isnull=False),
                name="victim_duplicate_archived",
            ),
            models.CheckConstraint(condition=~Q(duplicate_of=F("id")), name="victim_not_own_duplicate"),
            *TRAFFICKING_CONSTRAINTS,
        ]
        indexes = [
            # The caseload list, newest first, page by page : a deep page is an index walk, not a sort.
            models.Index(
                F("registered_on").desc(),
                F("id").desc(),
                condition=Q(archived_at__isnull=True),
                name="victim_caseload_idx",
            ),
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
        return " ".join(p for p in (self.given_name, self.family_name) if p) or str(_("(name not recorded)"))

    @property
    def guardian(self) -> str:
        """The parent or guardian as the person's page shows them: "Marta Pop (Mother) — +501 …"."""
        if not self.guardian_name:
            return ""
        relationship = f" ({self.guardian_relationship})" if self.guardian_relationship else ""
        contact = f" — {self.guardian_contact}" if self.guardian_contact else ""
        return f"{self.guardian_name}{relationship}{contact}"

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def age_on(self, day: datetime.date) -> int | None:
        """Age on `day` (data dictionary, "Ages"): from the date of birth, else from the estimate
        given at registration; None when unknown or when `day` is before the birth."""
        return age_on(day, born=self.date_of_birth, estimate=self.age_estimate, registered=self.registered_on)

    def is_minor_on(self, day: datetime.date) -> bool:
        """Under 18 on `day`, by `adult_on` (the rule the statistics and list filters use)."""
        return self.adult_on is not None and self.adult_on > day

    @property
    def age_today(self) -> int | None:
        return self.age_on(timezone.localdate())

    @property
    def age_is_estimated(self) -> bool:
        return self.date_of_birth is None and self.age_estimate is not None

    @property
    def is_minor(self) -> bool:
        """A minor today."""
        return self.is_minor_on(timezone.localdate())

    @property
    def needs_guardian(self) -> bool:
        """A minor today with no guardian recorded: a warning on the person's page, not a refusal
        (the guardian may not be known yet)."""
        return self.is_minor and not self.guardian_name.strip()

    def clean(self):
        errors = {}
        if self.date_of_birth and self.registered_on and self.registered_on < self.date_of_birth:
            errors["registered_on"] = _("The registration date is before the date of birth (%(born)s).") % {
                "born": f"{self.date_of_birth:%Y-%m-%d}"
            }
        disagreement = self.estimate_disagreement()
        if disagreement:
            errors["age_estimate"] = disagreement
        if self.date_of_birth and self.identification_date and self.identification_date < self.date_of_birth:
            errors["identification_date"] = _(
                "The identification date is before the date of birth (%(born)s)."
            ) % {"born": f"{self.date_of_birth:%Y-%m-%d}"}
        if self.identification_status == IdentificationStatus.IDENTIFIED and not self.identification_date:
            errors["identification_date"] = _("An identified person needs the date of the identification.")
        if errors:
            raise ValidationError(errors)
        self.adult_on = self.derive_adult_on()
        self.search_name = self.derive_search_name()

    def estimate_disagreement(self) -> str:
        """A message when the date of birth and the age estimate tell different ages at
        registration (by more than ESTIMATE_TOLERANCE years); "" when they agree or one is missing."""
        if not (self.date_of_birth and self.age_estimate is not None and self.registered_on):
            return ""
        if self.registered_on < self.date_of_birth:
            return ""  # refused on its own (registered_on)
        age = full_years(self.date_of_birth, self.registered_on)
        if abs(age - self.age_estimate) <= ESTIMATE_TOLERANCE:
            return ""
        return _(
            "The date of birth makes the person %(age)d at registration, not %(estimate)d: "
            "correct one of them, or leave the estimate blank when the date of birth is known."
        ) % {"age": age, "estimate": self.age_estimate}

    def derive_search_name(self) -> str:
        """The folded names that search and the duplicate check compare (victims.names)."""
        return search_key(self.given_name, self.family_name)

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

    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("victim")
    )
    status = models.CharField(_("decision"), max_length=16, choices=IdentificationStatus.choices)
    decided_on = models.DateField(_("date of the decision"), validators=PAST)
    identified_by = models.CharField(
        _("institution"), max_length=16, choices=IdentifiedBy.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # The application's own notes (atip.system_notes), put in words in the reader's language.
    system_notes = models.JSONField(_("notes of the application"), default=list, blank=True, editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("identification decision")
        verbose_name_plural = _("identification decisions")
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
        return _("%(status)s on %(date)s") % {"status": self.get_status_display(), "date": self.decided_on}

    @property
    def note_shown(self) -> str:
        """The note as a reader sees it: the application's notes in their language, then the text."""
        return note_shown(self.system_notes, self.note)
