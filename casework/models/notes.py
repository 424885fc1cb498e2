"""Contact notes: what happened at a visit, a phone call, a counselling session, in court."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from atip.codes import choices_q
from atip.dates import PAST
from atip.models import VersionedModel
from victims.models import Victim

MINUTES_IN_A_DAY = 24 * 60


class NoteKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE_CALL = "phone_call", _("Phone call")
    COUNSELLING = "counselling", _("Counselling session")
    COURT = "court_accompaniment", _("Court accompaniment")
    OTHER = "other", pgettext_lazy("kind of contact", "Other")


class ContactNote(VersionedModel):
    """One dated contact with a person: who took part, where, how long, and what happened.

    Never edited silently: a correction is a new version (with its reason) and the earlier ones
    stay in the history, read by whoever may read the note. A *restricted* note's text is read
    by its author (created_by) and by those granted READ_RESTRICTED_NOTES; others see that it
    exists, its date and its author. Retention (a later issue) will blank the text and set
    `erased_at`, keeping the row.
    """

    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="contact_notes", verbose_name=_("victim")
    )
    kind = models.CharField(_("kind of contact"), max_length=24, choices=NoteKind.choices)
    happened_on = models.DateField(_("date"), validators=PAST)
    participants = models.CharField(
        _("who took part"),
        max_length=300,
        help_text=_("The person, and everyone else present or on the call, with their role."),
    )
    place = models.CharField(
        _("where"), max_length=200, blank=True, help_text=_("Leave blank for a phone call.")
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("how long (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MINUTES_IN_A_DAY)],
    )
    text = models.TextField(_("what happened"))
    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_(
            "Only you and the supervisors will read it (a counselling session, for example). Others "
            "who read notes see that it exists, its date and its author."
        ),
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True, editable=False)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact note")
        verbose_name_plural = _("contact notes")
        ordering = ["-happened_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=choices_q("kind", NoteKind), name="contactnote_kind_valid"),
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True)
                | Q(duration_minutes__gte=1, duration_minutes__lte=MINUTES_IN_A_DAY),
                name="contactnote_duration_range",
            ),
            # A note says what happened, until retention erases it.
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False) | ~Q(text=""), name="contactnote_text_unless_erased"
            ),
            models.CheckConstraint(
                condition=Q(erased_at__isnull=True) | Q(text=""), name="contactnote_erased_blank"
            ),
        ]
        indexes = [
            # The person's notes, latest first (the victim page's panel and the notes page).
            models.Index(fields=["victim", "-happened_on", "-id"], name="contactnote_person_idx"),
        ]

    def __str__(self):
        return _("%(kind)s on %(date)s") % {"kind": self.get_kind_display(), "date": self.happened_on}

    @property
    def corrected(self) -> bool:
        return self.version > 1
