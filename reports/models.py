from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


class Edition(models.Model):
    """A published edition of a year's figures. Stored once, never changed nor deleted (the
    database refuses both: reports/migrations/0001_initial.py); publishing again adds the next
    number."""

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
            models.UniqueConstraint(fields=["year", "number"], name="edition_year_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="edition_number_positive"),
            models.CheckConstraint(condition=Q(threshold__lte=MAX_THRESHOLD), name="edition_threshold_range"),
            models.CheckConstraint(
                condition=Q(language__in=FACTSHEET_LANGUAGES), name="edition_language_valid"
            ),
        ]

    def __str__(self):
        return f"{self.year} edition {self.number}"
