from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from atip.codes import Exploitation, choices_q
from atip.dates import PAST, PLANNED
from atip.models import VersionedModel
from atip.references import reference_field, reference_stored_normalised
from cases.models import Case, Suspect

MAX_SENTENCE_MONTHS = 1200  # 100 years: more is a typing error


class Court(models.TextChoices):
    MAGISTRATE = "magistrate", _("Magistrate's Court")
    SUPREME = "supreme", _("Supreme Court")
    APPEAL = "appeal", _("Court of Appeal")


class Offence(models.TextChoices):
    TIP_TRAFFICKING = "tip_trafficking", _("Trafficking in persons (TIP (Prohibition) Act 2013)")
    TIP_OTHER = "tip_other", _("Other offence under the TIP (Prohibition) Act 2013")
    CSEC = "csec", _("CSEC (Prohibition) Act 2013")
    OTHER = "other", _("Other offence")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    DISMISSED = "dismissed", _("Dismissed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Prosecution(VersionedModel):
    """A court case brought from a reported case; `reference` is the court case number."""

    reference = reference_field(_("court case number"))
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="prosecutions", verbose_name=_("case")
    )
    court = models.CharField(_("court"), max_length=16, choices=Court.choices)
    filed_on = models.DateField(_("filed on"), validators=PAST)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prosecution")
        verbose_name_plural = _("prosecutions")
        ordering = ["-filed_on", "-id"]
        constraints = [
            reference_stored_normalised("prosecution"),
            models.CheckConstraint(condition=choices_q("court", Court), name="prosecution_court_valid"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("prosecutions:detail", args=[self.pk])

    def clean(self):
        reported = self.case.reported_on if self.case_id else None
        if self.filed_on and reported and self.filed_on < reported:
            raise ValidationError(
                {
                    "filed_on": _("The date is before the date the case was reported (%(reported)s).")
                    % {"reported": f"{reported:%Y-%m-%d}"}
                }
            )


class Hearing(VersionedModel):
    """A hearing of a prosecution, past or scheduled; corrected through the services, like the
    other records (versioned, audited on the prosecution)."""

    prosecution = models.ForeignKey(
        Prosecution, on_delete=models.PROTECT, related_name="hearings", verbose_name=_("prosecution")
    )
    date = models.DateField(_("date"), validators=PLANNED)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["date", "id"]

    def __str__(self):
        return _("Hearing on %(date)s") % {"date": self.date}

    def clean(self):
        filed = self.prosecution.filed_on
        if self.date and self.date < filed:
            raise ValidationError(
                {
                    "date": _("The hearing is before the filing date (%(filed)s).")
                    % {"filed": f"{filed:%Y-%m-%d}"}
                }
            )


class Charge(VersionedModel):
    """One charge against one suspect of the prosecution's case."""

    prosecution = models.ForeignKey(
        Prosecution, on_delete=models.PROTECT, related_name="charges", verbose_name=_("prosecution")
    )
    suspect = models.ForeignKey(
        Suspect, on_delete=models.PROTECT, related_name="charges", verbose_name=_("suspect")
    )
    offence = models.CharField(_("offence"), max_length=24, choices=Offence.choices)
    exploitation_form = models.CharField(
        _("exploitation form"), max_length=32, choices=Exploitation.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    verdict_date = models.DateField(
        _("verdict date"), null=True, blank=True, help_text=_("Required unless pending."), validators=PAST
    )
    sentence_months = models.PositiveIntegerField(
        _("sentence (months)"), null=True, blank=True, validators=[MaxValueValidator(MAX_SENTENCE_MONTHS)]
    )
    # A fine instead of (or with) a prison term, in Belize dollars. The statistics count prison
    # terms (reports.tip.sentences); a conviction with a fine alone has "no prison term".
    fine_amount = models.DecimalField(
        _("fine (BZD)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("charge")
        verbose_name_plural = _("charges")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=choices_q("offence", Offence), name="charge_offence_valid"),
            models.CheckConstraint(condition=choices_q("outcome", Outcome), name="charge_outcome_valid"),
            models.CheckConstraint(
                condition=Q(exploitation_form="") | choices_q("exploitation_form", Exploitation),
                name="charge_form_valid",
            ),
            models.CheckConstraint(
                condition=Q(outcome=Outcome.PENDING) | Q(verdict_date__isnull=False),
                name="charge_verdict_has_date",
            ),
        ]
        indexes = [
            # Statistics: convictions and acquittals by verdict date.
            models.Index(fields=["outcome", "verdict_date"], name="charge_outcome_date_idx"),
        ]

    def __str__(self):
        return f"{self.get_offence_display()} — {self.get_outcome_display()}"

    @property
    def sentence(self) -> str:
        """The sentence in words: "8 years 6 months", "a fine of BZD 5,000.00", both, or ""."""
        parts = []
        if self.sentence_months is not None:
            years, months = divmod(self.sentence_months, 12)
            term = []
            if years:
                term.append(ngettext("%(n)d year", "%(n)d years", years) % {"n": years})
            if months or not years:
                term.append(ngettext("%(n)d month", "%(n)d months", months) % {"n": months})
            parts.append(" ".join(term))
        if self.fine_amount is not None:
            parts.append(gettext("a fine of BZD %(amount)s") % {"amount": f"{self.fine_amount:,.2f}"})
        return gettext(" and ").join(parts)

    def clean(self):
        prosecution = self.prosecution
        errors = {}
        if self.suspect_id is not None and self.suspect.case_id != prosecution.case_id:
            errors["suspect"] = _("This person is not a suspect of the case this prosecution comes from.")
        if self.outcome == Outcome.PENDING:
            if self.verdict_date is not None:
                errors["verdict_date"] = _("A pending charge has no verdict date yet.")
        elif self.verdict_date is None:
            errors["verdict_date"] = _("Give the date of the verdict.")
        elif self.verdict_date < prosecution.filed_on:
            errors["verdict_date"] = _("The verdict is before the filing date (%(filed)s).") % {
                "filed": f"{prosecution.filed_on:%Y-%m-%d}"
            }
        if self.sentence_months is not None and self.outcome != Outcome.CONVICTED:
            errors["sentence_months"] = _("A sentence is recorded only for a conviction.")
        if self.fine_amount is not None and self.outcome != Outcome.CONVICTED:
            errors["fine_amount"] = _("A sentence is recorded only for a conviction.")
        if errors:
            raise ValidationError(errors)
