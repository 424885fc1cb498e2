"""Account changes made by administrators in the application (spec/roles.md "Accounts").

One row per change, whether it applied at once or waited for a second administrator: the
pending-change record of the two-person rule, the account's history, and what the account holder
is told at their next login.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from atip.codes import choices_q
from atip.models import written_by
from atip.roles import Role


class ChangeKind(models.TextChoices):
    CREATE = "create", _("Account created")
    ROLE = "role", _("Role changed")
    EMAIL = "email", _("E-mail address changed")
    NAME = "name", _("Name changed")
    DEACTIVATE = "deactivate", _("Account deactivated")
    REACTIVATE = "reactivate", _("Account reactivated")
    RESET_TWO_FACTOR = "reset_2fa", _("Two-factor authentication reset")
    PASSWORD_LINK = "password_link", _("Password link sent")


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a second administrator")
    APPROVED = "approved", _("Approved and applied")
    REJECTED = "rejected", _("Rejected")
    APPLIED = "applied", _("Applied (no approval needed)")


# Kinds that may wait for a second administrator (when the account reaches victim records).
GUARDED_KINDS = (ChangeKind.CREATE, ChangeKind.ROLE, ChangeKind.EMAIL, ChangeKind.REACTIVATE)
ROLE_OR_NONE = Q(old_role="") | choices_q("old_role", Role), Q(new_role="") | choices_q("new_role", Role)


class AccountChange(models.Model):
    # Null only for a requested account that does not exist yet (pending or rejected creation).
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="account_changes",
    )
    kind = models.CharField(max_length=16, choices=ChangeKind.choices)
    status = models.CharField(max_length=16, choices=ChangeStatus.choices)
    # The account's username, and for a creation the requested names.
    username = models.CharField(_("username"), max_length=150)
    first_name = models.CharField(_("given name"), max_length=150, blank=True)
    last_name = models.CharField(_("family name"), max_length=150, blank=True)
    old_role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    new_role = models.CharField(max_length=32, choices=Role.choices, blank=True)
    old_email = models.EmailField(blank=True)
    new_email = models.EmailField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=choices_q("kind", ChangeKind), name="accountchange_kind_valid"),
            models.CheckConstraint(
                condition=choices_q("status", ChangeStatus), name="accountchange_status_valid"
            ),
            models.CheckConstraint(condition=ROLE_OR_NONE[0], name="accountchange_old_role_valid"),
            models.CheckConstraint(condition=ROLE_OR_NONE[1], name="accountchange_new_role_valid"),
            # The two-person rule, in the database too: an approval is by someone else.
            models.CheckConstraint(
                condition=~Q(status=ChangeStatus.APPROVED)
                | (Q(decided_by__isnull=False) & ~Q(decided_by=F("requested_by"))),
                name="accountchange_approved_by_another",
            ),
            # Applied changes have a time; pending and rejected ones never took effect.
            models.CheckConstraint(
                condition=Q(
                    status__in=[ChangeStatus.APPROVED, ChangeStatus.APPLIED], applied_at__isnull=False
                )
                | Q(status__in=[ChangeStatus.PENDING, ChangeStatus.REJECTED], applied_at__isnull=True),
                name="accountchange_applied_at",
            ),
            models.CheckConstraint(
                condition=Q(account__isnull=False)
                | Q(kind=ChangeKind.CREATE, status__in=[ChangeStatus.PENDING, ChangeStatus.REJECTED]),
                name="accountchange_account_set",
            ),
            # One open request per account and kind, and per requested username.
            models.UniqueConstraint(
                fields=["account", "kind"],
                condition=Q(status=ChangeStatus.PENDING),
                name="accountchange_one_pending_per_kind",
            ),
            models.UniqueConstraint(
                fields=["username"],
                condition=Q(status=ChangeStatus.PENDING, kind=ChangeKind.CREATE),
                name="accountchange_one_pending_creation",
            ),
        ]
        indexes = [
            # The message at login: changes applied to one account since its previous login.
            models.Index(fields=["account", "applied_at"], name="accountchange_applied_idx"),
            # The requests awaiting approval, on the accounts page.
            models.Index(
                fields=["requested_at"],
                condition=Q(status=ChangeStatus.PENDING),
                name="accountchange_pending_idx",
            ),
        ]

    def __str__(self):
        return f"{self.username}: {self.get_kind_display()} ({self.get_status_display()})"

    @property
    def summary(self) -> str:
        """What changed, in one line (for the account holder's message and the approval page)."""
        label = str(self.get_kind_display())
        if self.kind in (ChangeKind.ROLE, ChangeKind.CREATE) and self.new_role:
            old = Role(self.old_role).label if self.old_role else "—"
            return f"{label}: {old} → {Role(self.new_role).label}"
        if self.kind == ChangeKind.EMAIL:
            return f"{label}: {self.old_email or '—'} → {self.new_email}"
        return label


class LanguagePreference(models.Model):
    """The language a user chose in the navigation, kept for their next login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="language_preference",
    )
    language = models.CharField(_("language"), max_length=8)

    def __str__(self):
        return f"{self.user}: {self.language}"

    @classmethod
    def of(cls, user) -> str | None:
        """The language `user` chose, or None if they never chose one."""
        return cls.objects.filter(user=user).values_list("language", flat=True).first()


class DigestPreference(models.Model):
    """Whether a worker receives the daily e-mail of her caseload's counts (issue 20.6), and the
    day it was last sent (a second run the same day sends nothing)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    opted_out = models.BooleanField(_("no daily e-mail"), default=False)
    last_sent_on = models.DateField(_("last sent on"), null=True, blank=True)

    def __str__(self):
        return f"{self.user}: {'off' if self.opted_out else 'on'}"


class Undertaking(models.Model):
    """The Council's confidentiality undertaking, one row per version of its text (the highest
    version is in force). Every user accepts the version in force before using the application
    (accounts.undertaking); a new version asks everyone again."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(_("text of the undertaking"))
    written_by = written_by(_("written by"))
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        verbose_name = _("confidentiality undertaking")
        verbose_name_plural = _("confidentiality undertakings")
        ordering = ["-version"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="undertaking_has_text")]

    def __str__(self):
        return _("Undertaking, version %(version)s") % {"version": self.version}


class UndertakingAcceptance(models.Model):
    """A user accepted a version of the undertaking: kept for good, and audited."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    undertaking = models.ForeignKey(
        Undertaking, on_delete=models.PROTECT, related_name="acceptances", verbose_name=_("undertaking")
    )
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("acceptance of the undertaking")
        verbose_name_plural = _("acceptances of the undertaking")
        ordering = ["-accepted_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "undertaking"], name="undertakingacceptance_once"),
        ]

    def __str__(self):
        return f"{self.user_id} / {self.undertaking_id}"
