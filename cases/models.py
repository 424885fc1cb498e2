from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from atip.codes import District, Sex, choices_q
from atip.dates import PAST
from atip.models import ExploitationForm, VersionedModel
from atip.references import reference_field, reference_stored_normalised
from atip.system_notes import note_shown
from victims.models import Victim

CASE_PREFIX, CASE_WIDTH = "C", 3  # C-2026-001 (cases.services, cases.links)


class CaseSource(models.TextChoices):
    HOTLINE = "hotline", _("Hotline")
    WALK_IN = "walk_in", _("Walk-in")
    POLICE_OPERATION = "police_operation", _("Police operation")
    HUMAN_SERVICES = "human_services", _("Department of Human Services")
    NGO = "ngo", _("NGO")
    IMMIGRATION = "immigration", _("Immigration")
    LABOUR = "labour", _("Labour Department")
    OTHER = "other", pgettext_lazy("source of a case", "Other")


class CaseStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    INVESTIGATING = "investigating", _("Under investigation")
    PROSECUTION = "prosecution", _("In prosecution")
    CLOSED = "closed", _("Closed")


class Case(VersionedModel):
    """A case reported to the ATIPs Police Unit, and its investigation."""

    reference = reference_field()
    reported_on = models.DateField(_("reported on"), validators=PAST)
    source = models.CharField(_("source"), max_length=24, choices=CaseSource.choices)
    district = models.CharField(_("district"), max_length=16, choices=District.choices, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    exploitation_forms = models.ManyToManyField(
        ExploitationForm, blank=True, related_name="cases", verbose_name=_("forms of exploitation")
    )
    # The current status: a copy of the latest CaseStatusChange, kept by cases.services.
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.REPORTED
    )
    closing_reason = models.CharField(_("closing reason"), max_length=200, blank=True)
    investigation_opened_on = models.DateField(
        _("investigation opened on"), null=True, blank=True, validators=PAST
    )
    victims = models.ManyToManyField(
        Victim, through="CaseVictim", related_name="cases", blank=True, verbose_name=_("victims")
    )

    history = HistoricalRecords(m2m_fields=[exploitation_forms])

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-reported_on", "-id"]
        constraints = [
            reference_stored_normalised("case"),
            models.CheckConstraint(condition=choices_q("source", CaseSource), name="case_source_valid"),
            models.CheckConstraint(condition=choices_q("status", CaseStatus), name="case_status_valid"),
            models.CheckConstraint(
                condition=Q(district="") | choices_q("district", District), name="case_district_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=CaseStatus.CLOSED) | ~Q(closing_reason=""),
                name="case_closed_has_reason",
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.pk])

    def clean(self):
        # investigation_opened_on is set by cases.services.case_set_status, never typed in: a
        # conflict with it is reported on the report date, which is.
        reported, opened = self.reported_on, self.investigation_opened_on
        if reported and opened and opened < reported:
            message = _("The case cannot be reported after its investigation opened (%(opened)s).") % {
                "opened": f"{opened:%Y-%m-%d}"
            }
            raise ValidationError({"reported_on": message})


class CaseStatusChange(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="status_changes", verbose_name=_("case")
    )
    status = models.CharField(_("status"), max_length=16, choices=CaseStatus.choices)
    changed_on = models.DateField(_("changed on"), validators=PAST)
    note = models.CharField(_("note"), max_length=200, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    # The application's own notes (atip.system_notes), put in words in the reader's language.
    system_notes = models.JSONField(_("notes of the application"), default=list, blank=True, editable=False)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=choices_q("status", CaseStatus), name="casestatus_status_valid"),
        ]

    def __str__(self):
        return _("%(status)s on %(date)s") % {"status": self.get_status_display(), "date": self.changed_on}

    @property
    def note_shown(self) -> str:
        """The note as a reader sees it: the application's notes in their language, then the text."""
        return note_shown(self.system_notes, self.note)


class CaseVictim(models.Model):
    """A victim listed in a case: the link through which police and prosecutors see the victim."""

    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, related_name="victim_links", verbose_name=_("case")
    )
    victim = models.ForeignKey(
        Victim, on_delete=models.PROTECT, related_name="case_links", verbose_name=_("victim")
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked by"),
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("victim of a case")
        verbose_name_plural = _("victims of cases")
        constraints = [
            models.UniqueConstraint(fields=["case", "victim"], name="casevictim_unique"),
        ]

    def __str__(self):
        return f"{self.case_id} ↔ {self.victim_id}"


class Suspect(VersionedModel):
    """A person suspected in one case. The same person charged several times is one suspect."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="suspects", verbose_name=_("case"))
    reference = reference_field()
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    # No default: the form offers a blank first option, so that nobody's sex is recorded by
    # leaving a preset value; "unknown" is chosen, not assumed.
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    nationality = CountryField(_("nationality"), blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True, validators=PAST)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suspect")
        verbose_name_plural = _("suspects")
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            reference_stored_normalised("suspect"),
            models.CheckConstraint(condition=choices_q("sex", Sex), name="suspect_sex_valid"),
        ]

    def __str__(self):
        return self.reference

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p) or str(_("(name not recorded)"))


class LinkDirection(models.TextChoices):
    VICTIM_TO_CASE = "victim_to_case", _("A victim to this case (asked by the police or a prosecutor)")
    CASE_TO_VICTIM = "case_to_victim", _("This victim to a case (asked by Human Services)")


class LinkStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class LinkRequest(models.Model):
    """A request to list a victim in a case (roles.md, "Links between cases and victims").

    It grants nothing until the other side accepts it: Human Services for a victim asked for by
    the police, the police unit for a case asked for by a social worker. The typed reference is
    kept as typed (normalised); `victim` or `case` stays empty when it matched no record, so
    that the answer to the requester is the same either way. Requests are never deleted.
    """

    direction = models.CharField(_("direction"), max_length=16, choices=LinkDirection.choices)
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="link_requests",
        verbose_name=_("case"),
    )
    victim = models.ForeignKey(
        Victim,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="link_requests",
        verbose_name=_("victim"),
    )
    typed_reference = models.CharField(_("reference asked for"), max_length=64)
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=LinkStatus.choices, default=LinkStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("link request")
        verbose_name_plural = _("link requests")
        ordering = ["requested_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=choices_q("direction", LinkDirection), name="linkrequest_direction"
            ),
            models.CheckConstraint(
                condition=choices_q("status", LinkStatus), name="linkrequest_status_valid"
            ),
            # The record the requester already holds is always named.
            models.CheckConstraint(
                condition=(Q(direction=LinkDirection.VICTIM_TO_CASE) & Q(case__isnull=False))
                | (Q(direction=LinkDirection.CASE_TO_VICTIM) & Q(victim__isnull=False)),
                name="linkrequest_names_own_record",
            ),
            models.CheckConstraint(
                condition=Q(status=LinkStatus.PENDING) | Q(decided_at__isnull=False),
                name="linkrequest_decided_has_date",
            ),
        ]
        indexes = [
            # Home pages: pending requests, oldest first; the unknown-reference count per user.
            models.Index(fields=["status", "direction", "requested_at"], name="linkrequest_pending_idx"),
            models.Index(fields=["requested_by", "requested_at"], name="linkrequest_user_idx"),
        ]

    def __str__(self):
        return f"{self.get_direction_display()}: {self.typed_reference} ({self.get_status_display()})"

    @property
    def days_waiting(self) -> int:
        return (timezone.now() - self.requested_at).days

    @property
    def matched(self) -> bool:
        """The typed reference names a record."""
        return (
            self.victim_id if self.direction == LinkDirection.VICTIM_TO_CASE else self.case_id
        ) is not None
