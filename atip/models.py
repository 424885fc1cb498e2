import functools

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from atip.codes import Exploitation, choices_q
from atip.dates import PAST


@functools.cache
def _choice_labels(field, language: str | None) -> dict:
    return {value: str(label) for value, label in field.flatchoices}


class ChoiceLabels(models.Model):
    """get_FOO_display() from each field's labels in the language of the request, made once.
    Django's own hashes every choice of the field at each call, which translates every label: a
    list page of 25 rows spent 14 ms in it, and a nationality (250 countries) costs 1 ms a call."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        try:
            return _choice_labels(field, get_language()).get(value, value)
        except TypeError:  # a value that is not hashable (a list): Django's own way
            return super()._get_FIELD_display(field)


class ExploitationForm(ChoiceLabels):
    """One row per exploitation code, so that sets of forms are rows the database can count."""

    code = models.CharField(
        _("form of exploitation"), primary_key=True, max_length=32, choices=Exploitation.choices
    )

    class Meta:
        verbose_name = _("form of exploitation")
        verbose_name_plural = _("forms of exploitation")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=choices_q("code", Exploitation), name="exploitationform_code_valid"
            )
        ]

    def __str__(self):
        return self.get_code_display()


def written_by(verbose_name):
    """Who did something, set by the application (never by a form); a user is never deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=verbose_name,
    )


class VersionedModel(ChoiceLabels):
    """A record edited through services with optimistic locking (roles.md: no lost updates).

    `version` goes up by one on every saved change; a form carries the version it was read at,
    and the service refuses a save whose version is no longer current.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)
    created_by = written_by(_("recorded by"))

    class Meta:
        abstract = True


class ReferenceCounter(models.Model):
    """The last number handed out per reference prefix and year: references are never reused."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="referencecounter_unique")]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last}"


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    ARCHIVE = "archive", _("Archived")
    LINK = "link", _("Linked")
    UNLINK = "unlink", _("Unlinked")
    REQUEST = "request", _("Asked")
    DECLINE = "decline", _("Declined")
    BLOCKED = "blocked", _("Blocked")
    EXPORT = "export", _("Exported")
    IMPORT = "import", _("Imported")
    DENIED = "denied", _("Access refused")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    # Accounts (accounts app; spec/roles.md "Accounts"). Codes fit the 16-character column.
    ACCOUNT_REQUEST = "account_request", _("Account change requested")
    ACCOUNT_APPROVE = "account_approve", _("Account change approved")
    ACCOUNT_REJECT = "account_reject", _("Account change rejected")
    ACCOUNT_CREATE = "account_create", _("Account created")
    ACCOUNT_EDIT = "account_edit", _("Account name or e-mail changed")
    ROLE_CHANGE = "role_change", _("Role changed")
    DEACTIVATE = "deactivate", _("Account deactivated")
    REACTIVATE = "reactivate", _("Account reactivated")
    OTP_RESET = "otp_reset", _("Two-factor reset")
    OTP_ENROL = "otp_enrol", _("Two-factor enrolled")
    BACKUP_CODES = "backup_codes", _("Backup codes renewed")
    PASSWORD_LINK = "password_link", _("Password link sent")
    PASSWORD_SET = "password_set", _("Password chosen")
    ERROR = "error", _("Server error")
    # Data protection (issue 22).
    ANONYMISE = "anonymise", _("Anonymised (retention)")
    HOLD = "hold", _("Held from retention")
    UNDERTAKING = "undertaking", _("Undertaking accepted")
    # Login lockout lifted by an administrator (issue 21.6).
    UNLOCK = "unlock", _("Account unlocked")


GENESIS_HASH = "0" * 64  # the "previous hash" of the first event


class AuditEvent(models.Model):
    """Append-only, hash-chained log of reads, changes, exports, refusals and errors (roles.md).

    It never stores a name: the record is named by its type and id/reference only, and search
    words are stored as their length (atip.audit), so that the administrator who reads the log
    sees no case data. The database refuses UPDATE and DELETE (triggers), and on PostgreSQL the
    application's role may only INSERT and SELECT here. Each event holds the SHA-256 of its
    content and of the previous event's hash, in `seq` order: `manage.py verify_audit` finds a
    row deleted, changed or moved by someone who could get past all that.
    """

    Action = AuditAction

    seq = models.PositiveBigIntegerField(unique=True, editable=False)  # position in the chain
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=32, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(_("record type"), max_length=64, blank=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    object_ref = models.CharField(_("reference"), max_length=64, blank=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-seq"]
        # No database check of `action`: the codes grow with the application, and audit()
        # writes only AuditAction members (see migration 0003).
        constraints = [
            # Every row is a link of the chain: written by atip.audit, never bare.
            models.CheckConstraint(
                condition=models.Q(Exact(Length("hash"), 64), Exact(Length("prev_hash"), 64)),
                name="auditevent_chained",
            ),
        ]
        indexes = [
            # The victim page's "viewed by" panel: events of one record.
            models.Index(fields=["object_type", "object_id", "action"], name="audit_object_idx"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.object_type} {self.object_ref}"


class AuditChainHead(models.Model):
    """The last link of the audit chain, in one row. audit() locks it (SELECT … FOR UPDATE) to
    append an event, so that two writers never both follow the same event."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="auditchainhead_one_row")]

    def __str__(self):
        return f"{self.seq} {self.hash}"


class SecurityIncident(models.Model):
    """A security incident (Data Protection Act: breach notification; docs/data-protection.md):
    what happened, when, and who was told when. Kept by administrators; never deleted. Described
    without the names of the people concerned (the log holds no victim's personal data)."""

    happened_on = models.DateField(_("happened on"), validators=PAST)
    discovered_on = models.DateField(_("discovered on"), validators=PAST)
    what = models.TextField(_("what happened"), help_text=_("Without the names of the people concerned."))
    records_affected = models.PositiveIntegerField(_("people's records affected"), null=True, blank=True)
    who_was_told = models.TextField(
        _("who was told"),
        blank=True,
        help_text=_("The Information Commissioner, the people concerned, the Council… and how."),
    )
    told_on = models.DateField(_("told on"), null=True, blank=True, validators=PAST)
    recorded_by = written_by(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("security incident")
        verbose_name_plural = _("security incidents")
        ordering = ["-discovered_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(discovered_on__gte=F("happened_on")),
                name="incident_found_after",
                violation_error_message=_("It cannot have been discovered before it happened."),
            ),
            models.CheckConstraint(
                condition=Q(told_on__isnull=True) | Q(told_on__gte=F("discovered_on")),
                name="incident_told_after",
                violation_error_message=_("The date told cannot be before the discovery."),
            ),
        ]

    def __str__(self):
        return _("Incident of %(date)s") % {"date": f"{self.happened_on:%Y-%m-%d}"}
