from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from atip.models import VersionedModel
from reports.suppression import DEFAULT_THRESHOLD

MAX_THRESHOLD = 20
# The languages the factsheet and the files' headings are made in: those the application is
# translated into (reports.exports.factsheet_languages).
FACTSHEET_LANGUAGES = ("en", "es")


# The tables the figures read, each with a trigger changing DataGeneration's token (a test checks
# this list against the SQL of every figure; reports/migrations/0001_initial.py created them).
COUNTED_TABLES = (
    "victims_victim",
    "victims_victim_exploitation_forms",
    "services_serviceepisode",
    "services_repatriation",
    "cases_case",
    "prosecutions_prosecution",
    "prosecutions_charge",
    "prevention_activity",
)


class DataGeneration(models.Model):
    """One row (pk 1) whose `token` changes with every write to a table the figures read.

    Why a token changed by database triggers (reports/migrations/0001_initial.py), not by the
    services or by signals: the figures read eight tables written by every app, by the importer
    (COPY on PostgreSQL), the admin site and bulk updates. A trigger sees all of them, in the
    writer's own statement and transaction, so a cache keyed by the token (reports.figures)
    cannot serve figures older than the records, and no app has to remember to say it wrote. The
    token comes from a sequence (PostgreSQL) or random() (SQLite), never reused, so that figures
    computed inside a transaction that is later rolled back are never found again.
    """

    id = models.PositiveSmallIntegerField(primary_key=True)
    token = models.BigIntegerField()

    def __str__(self):
        return str(self.token)


class YearGeneration(models.Model):
    """The years a write touched: a row (year, token) for each year a write's dates reached, its
    token changed by the same triggers' kin (reports/migrations/0003_yeargeneration.py) in the
    writer's statement. A write reaches the earliest year of the dates of the rows it wrote (old
    and new values) and of the records they count with (a victim's services, a charge's
    prosecution…), and every year after it: care continues and "new or continuing" looks back.

    Year Y's token is the largest token of the rows up to Y (reports.figures.Tokens): a write
    dated 2024 leaves 2019–2023's tokens, and their kept figures, as they were. Tokens come from
    DataGeneration's sequence, drawn while holding its row, so they grow in commit order; year 0
    stands for every year (TRUNCATE, a date missing)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    token = models.BigIntegerField()

    def __str__(self):
        return f"{self.year}: {self.token}"


# The longest each text of the factsheet may be, in characters: what fits the two A4 pages of
# a full year (tests/reports/test_factsheet_texts.py fills every one to its limit).
TEXT_LIMITS = {
    "narrative": 500,
    "definition": 700,
    "prevention_summary": 300,
    "contact_address": 200,
    "contact_email": 100,
    "contact_phone": 60,
}
ADDRESS_LINES = 5  # the contact block's address, at most this many lines


def _at_most_lines(value: str) -> None:
    if len(value.splitlines()) > ADDRESS_LINES:
        raise ValidationError(
            _("Write the address on at most %(lines)s lines.") % {"lines": ADDRESS_LINES}, code="lines"
        )


PHONE = RegexValidator(
    r"^[0-9+()./, -]*[0-9][0-9+()./, -]*$",
    _("A telephone number: digits, spaces and + ( ) - / . , only."),
)


def _text(label, key, help_text, *validators):
    return models.TextField(
        label,
        blank=True,
        default="",
        db_default="",
        max_length=TEXT_LIMITS[key],
        validators=[MaxLengthValidator(TEXT_LIMITS[key]), *validators],
        help_text=help_text,
    )


class FactsheetTexts(models.Model):
    """The words of a year's factsheet that the Council secretary writes (issue 21.13): the
    year in brief, the definition of trafficking under the Act, the prevention summary and the
    Council's contact block. A draft (FactsheetDraft) holds them until a publication copies
    them into the edition, where they are kept with its figures and PDF."""

    narrative = _text(
        _("the year in brief"),
        "narrative",
        _("A paragraph under the headline figures: what the year was about, in the Council's words."),
    )
    definition = _text(
        _("definition of trafficking"),
        "definition",
        _("Trafficking in persons as the Trafficking in Persons (Prohibition) Act 2013 defines it."),
    )
    prevention_summary = _text(
        _("prevention summary"),
        "prevention_summary",
        _("What the year's prevention work achieved, beside its figures."),
    )
    contact_address = _text(
        _("address"),
        "contact_address",
        _("The Council's name and address, one line each (at most 5 lines)."),
        _at_most_lines,
    )
    contact_email = models.EmailField(
        _("e-mail"), blank=True, default="", db_default="", max_length=TEXT_LIMITS["contact_email"]
    )
    contact_phone = models.CharField(
        _("telephone"),
        blank=True,
        default="",
        db_default="",
        max_length=TEXT_LIMITS["contact_phone"],
        validators=[PHONE],
    )

    class Meta:
        abstract = True
        # The database keeps the limits too: a text written past the form (a script, the admin
        # site) cannot push the factsheet onto a third page.
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length(key), limit), name=f"%(class)s_{key}_length"
            )
            for key, limit in TEXT_LIMITS.items()
        ]


class FactsheetDraft(FactsheetTexts, VersionedModel):
    """The texts of year Y's factsheet in one language, as the secretary is writing them: shown on
    every factsheet made of Y in that language, copied into each edition published. Versioned and
    audited (reports.factsheet_texts)."""

    year = models.PositiveSmallIntegerField(_("year"))
    language = models.CharField(_("language"), max_length=8)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("factsheet texts")
        verbose_name_plural = _("factsheet texts")
        ordering = ["year", "language"]
        constraints = [
            *FactsheetTexts.Meta.constraints,
            models.UniqueConstraint(fields=["year", "language"], name="factsheetdraft_year_language_unique"),
            models.CheckConstraint(
                condition=Q(language__in=FACTSHEET_LANGUAGES), name="factsheetdraft_language_valid"
            ),
        ]

    def __str__(self):
        return f"{self.year} ({self.language})"

    @property
    def reference(self) -> str:
        """How the audit log names it."""
        return f"{self.year}-{self.language}"


class Edition(FactsheetTexts):
    """A published edition of a year's figures, with the texts its factsheet was made with.
    Stored once, never changed nor deleted (the database refuses both: reports/migrations/
    0001_initial.py); publishing again adds the next number."""

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("edition"))
    # The exact figures as published: annual_report() with the TIP indicators under "tip".
    figures = models.JSONField(_("figures"))
    pdf = models.BinaryField(_("factsheet (PDF)"))  # the factsheet as handed out
    threshold = models.PositiveSmallIntegerField(
        _("threshold"),
        default=DEFAULT_THRESHOLD,
        help_text=_("Counts of victims from 1 to threshold − 1 are shown as <threshold; 0: exact counts."),
    )
    reason = models.TextField(_("reason"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("published by")
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    # The language the factsheet was made in; editions published before there was a choice were
    # made in English.
    language = models.CharField(_("language"), max_length=8, default="en", db_default="en")

    class Meta:
        verbose_name = _("published edition")
        verbose_name_plural = _("published editions")
        ordering = ["year", "-number"]
        constraints = [
            *FactsheetTexts.Meta.constraints,
            models.UniqueConstraint(fields=["year", "number"], name="edition_year_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="edition_number_positive"),
            models.CheckConstraint(condition=Q(threshold__lte=MAX_THRESHOLD), name="edition_threshold_range"),
            models.CheckConstraint(
                condition=Q(language__in=FACTSHEET_LANGUAGES), name="edition_language_valid"
            ),
        ]

    def __str__(self):
        return f"{self.year} edition {self.number}"
