"""Account administration (spec/roles.md "Accounts").

In the manner of Zulip's `do_change_user_role(user, role, *, acting_user)`: each service takes
the acting administrator (`by=`), refuses what they may not do, records the change as an
AccountChange and writes its audit row (who, which account, old and new role).

A change that reaches victim records (the account's old or new role holds a victim ability of
atip.roles.VICTIM_ABILITIES) to create, re-role or reactivate an account, any e-mail change, and
a password link or two-factor reset to an address changed recently wait as PENDING until a
second administrator approves them (accounts.approval); meanwhile the account is frozen
(issue 19, item 1). Nobody changes their own account.
"""

import smtplib
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from accounts.models import GUARDED_KINDS, AccountChange, ChangeKind, ChangeStatus, LanguagePreference
from accounts.two_factor import two_factor_remove
from atip import lockout
from atip.audit import Action, audit
from atip.roles import GRANTS, Ability, Role, can, reaches_victims
from atip.usernames import username_taken, username_validator

User = get_user_model()
SiteUrl = Callable[[str], str]  # a path → the absolute URL the account holder opens

OWN_ACCOUNT = _("You cannot change your own account: another administrator has to do it.")
FROZEN = _(
    "A change to this account is waiting for approval: nothing else about it changes until another "
    "administrator approves or rejects it (it can still be deactivated)."
)
NOT_SENT = _("The e-mail could not be sent (the mail server refused or is not reachable). Try again later.")

_AUDIT_ACTION = {
    ChangeKind.CREATE: Action.ACCOUNT_CREATE,
    ChangeKind.ROLE: Action.ROLE_CHANGE,
    ChangeKind.EMAIL: Action.ACCOUNT_EDIT,
    ChangeKind.NAME: Action.ACCOUNT_EDIT,
    ChangeKind.DEACTIVATE: Action.DEACTIVATE,
    ChangeKind.REACTIVATE: Action.REACTIVATE,
    ChangeKind.RESET_TWO_FACTOR: Action.OTP_RESET,
    ChangeKind.PASSWORD_LINK: Action.PASSWORD_LINK,
}


def account_role(account) -> Role | None:
    """The account's one role, active or not (atip.roles.role_of answers None when inactive)."""
    names = [group.name for group in account.groups.all() if group.name in Role.values]
    return Role(names[0]) if len(names) == 1 else None


def _guarded(role) -> bool:
    """A role whose accounts a second administrator must approve: it opens victim records, or it
    manages accounts (else one administrator could make a helper to approve their own requests)."""
    return reaches_victims(role) or (role in Role.values and Role(role) in GRANTS[Ability.MANAGE_USERS])


def recently_readdressed(account) -> bool:
    """Whether `account`'s e-mail address was changed in the last ACCOUNT_RECENT_EMAIL_DAYS: a
    password link or two-factor reset sent there could reach whoever asked for the change."""
    since = timezone.now() - timedelta(days=settings.ACCOUNT_RECENT_EMAIL_DAYS)
    return AccountChange.objects.filter(
        account=account,
        kind=ChangeKind.EMAIL,
        status__in=[ChangeStatus.APPROVED, ChangeStatus.APPLIED],
        applied_at__gte=since,
    ).exists()


def needs_approval(change: AccountChange) -> bool:
    """Whether `change` waits for a second administrator (spec/roles.md "Accounts"): an e-mail
    address on any account (password links go there); a password link or two-factor reset to an
    address changed recently; anything else of GUARDED_KINDS on an account that reaches victim
    records or manages accounts."""
    if change.kind == ChangeKind.EMAIL:
        return True
    if change.kind in (ChangeKind.PASSWORD_LINK, ChangeKind.RESET_TWO_FACTOR):
        return recently_readdressed(change.account)
    return change.kind in GUARDED_KINDS and (_guarded(change.old_role) or _guarded(change.new_role))


def _locked_unfrozen(account):
    """`account`, its row locked until the transaction ends (two administrators at once), or
    ValidationError while a change to it waits for approval: nothing else about the account
    changes until that is decided, so the approver decides on what they see."""
    account = User.objects.select_for_update().get(pk=account.pk)
    if AccountChange.objects.filter(account=account, status=ChangeStatus.PENDING).exists():
        raise ValidationError(FROZEN)
    return account


def masked_email(address: str) -> str:
    """j…@example.org: enough for the administrator to recognise, not to copy."""
    local, _at, domain = address.partition("@")
    return f"{local[:1]}…@{domain}"


def check_may_manage(by, account=None) -> None:
    """PermissionDenied (with the reason) unless `by` manages users and `account` is not their
    own or the emergency superuser's."""
    if not can(by, Ability.MANAGE_USERS):
        raise PermissionDenied
    if account is not None and account.is_superuser:
        raise PermissionDenied(_("The emergency superuser is not managed here."))
    if account is not None and account.pk == by.pk:
        raise PermissionDenied(OWN_ACCOUNT)


def audit_change(action, *, by, change: AccountChange, detail: str = "") -> None:
    old, new = change.old_role or "-", change.new_role or "-"
    audit(
        action=action,
        user=by,
        obj=change.account,
        object_type="" if change.account else "accountchange",
        object_id="" if change.account else str(change.pk),
        object_ref=change.username,
        detail=f"{change.kind}: role {old} → {new}" + (f"; {detail}" if detail else ""),
    )


def _send_password_link(account, *, site_url: SiteUrl, new_account: bool) -> bool:
    """E-mail the account holder a one-time link to choose a password (valid for
    PASSWORD_RESET_TIMEOUT; Django's token hashes the password, so it works once)."""
    path = reverse(
        "accounts:password_set",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(account.pk)),
            "token": default_token_generator.make_token(account),
        },
    )
    context = {"account": account, "link": site_url(path), "new_account": new_account}
    # In the holder's language (accounts.languages), not the administrator's; English until chosen.
    with translation.override(LanguagePreference.of(account) or settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/password_link_subject.txt", context).strip()
        body = render_to_string("accounts/email/password_link.txt", context)
    try:
        send_mail(subject, body, None, [account.email])
    except (smtplib.SMTPException, OSError):
        return False
    return True


def _set_role(account, role: Role) -> None:
    # The unique index of accounts/migrations/0002 refuses a second group: remove, then add.
    account.groups.set([Group.objects.get(name=role)])


def apply_change(change: AccountChange, *, by, site_url: SiteUrl | None, note: str = "") -> bool:
    """Make the change; True unless an e-mail it had to send could not be sent. `note`: what the
    audit row adds (the reason given for a two-factor reset)."""
    account, sent = change.account, True
    if change.kind == ChangeKind.CREATE:
        account = User(
            username=change.username,
            first_name=change.first_name,
            last_name=change.last_name,
            email=change.new_email,
        )
        account.set_unusable_password()
        account.full_clean()
        account.save()
        _set_role(account, Role(change.new_role))
        change.account = account
    elif change.kind == ChangeKind.ROLE:
        _set_role(account, Role(change.new_role))
    elif change.kind == ChangeKind.EMAIL:
        account.email = change.new_email
        account.save(update_fields=["email"])
    elif change.kind == ChangeKind.NAME:
        account.first_name, account.last_name = change.first_name, change.last_name
        account.full_clean()
        account.save(update_fields=["first_name", "last_name"])
    elif change.kind in (ChangeKind.DEACTIVATE, ChangeKind.REACTIVATE):
        account.is_active = change.kind == ChangeKind.REACTIVATE
        account.save(update_fields=["is_active"])
    elif change.kind == ChangeKind.RESET_TWO_FACTOR:
        two_factor_remove(account)
    if change.kind in (ChangeKind.CREATE, ChangeKind.PASSWORD_LINK):
        sent = _send_password_link(account, site_url=site_url, new_account=change.kind == ChangeKind.CREATE)
    change.applied_at = timezone.now()
    change.full_clean()
    change.save()
    requested = f"requested by {change.requested_by.get_username()}" if change.decided_by_id else ""
    unsent = "" if sent else "e-mail not sent"
    audit_change(
        _AUDIT_ACTION[change.kind],
        by=by,
        change=change,
        detail="; ".join(filter(None, [requested, unsent, note])),
    )
    return sent


def _make(change: AccountChange, *, by, site_url: SiteUrl | None = None, note: str = "") -> AccountChange:
    """Record `change` by `by`: pending when it needs a second administrator, else applied now.
    Sets `change.mail_sent` for the view's message. `note` goes to the audit row."""
    change.requested_by = by
    change.mail_sent = True
    if needs_approval(change):
        change.status = ChangeStatus.PENDING
        change.full_clean()
        change.save()
        audit_change(Action.ACCOUNT_REQUEST, by=by, change=change, detail=note)
    else:
        change.status = ChangeStatus.APPLIED
        change.mail_sent = apply_change(change, by=by, site_url=site_url, note=note)
    return change


@transaction.atomic
def account_create(
    *, by, username: str, first_name: str, last_name: str, email: str, role: Role | str, site_url: SiteUrl
) -> AccountChange:
    """Ask for a new account with `role`. Once it exists its holder is e-mailed a link to choose
    a password; the administrator never sets or sees one."""
    check_may_manage(by)
    try:
        username_validator(username)  # the form checks it too; a service is its own gate
    except ValidationError as error:
        raise ValidationError({"username": error.messages}) from None
    taken = (
        username_taken(username)
        or AccountChange.objects.filter(
            kind=ChangeKind.CREATE, status=ChangeStatus.PENDING, username__iexact=username
        ).exists()
    )
    if taken:
        raise ValidationError({"username": _("This username is taken (or already requested).")})
    change = AccountChange(
        kind=ChangeKind.CREATE,
        username=username,
        first_name=first_name,
        last_name=last_name,
        new_role=Role(role),
        new_email=email,
    )
    return _make(change, by=by, site_url=site_url)


@transaction.atomic
def account_set_role(*, by, account, role: Role | str) -> AccountChange:
    """Give `account` exactly `role` instead of the one it has."""
    check_may_manage(by, account)
    account = _locked_unfrozen(account)
    old = account_role(account)
    if old == role:
        raise ValidationError({"role": _("The account already has this role.")})
    change = AccountChange(
        account=account,
        kind=ChangeKind.ROLE,
        username=account.username,
        old_role=old or "",
        new_role=Role(role),
        old_email=account.email,
    )
    return _make(change, by=by)


@transaction.atomic
def account_edit(*, by, account, first_name: str, last_name: str, email: str) -> list[AccountChange]:
    """Change the name (at once) and ask for a new e-mail address (where password links go:
    a second administrator approves it, on any account)."""
    check_may_manage(by, account)
    account = _locked_unfrozen(account)
    role = account_role(account) or ""
    changes = []
    if (first_name, last_name) != (account.first_name, account.last_name):
        name = AccountChange(
            account=account,
            kind=ChangeKind.NAME,
            username=account.username,
            first_name=first_name,
            last_name=last_name,
            old_role=role,
            new_role=role,
            old_email=account.email,
        )
        changes.append(_make(name, by=by))
    if email != account.email:
        address = AccountChange(
            account=account,
            kind=ChangeKind.EMAIL,
            username=account.username,
            old_email=account.email,
            new_email=email,
            old_role=role,
            new_role=role,
        )
        changes.append(_make(address, by=by))
    return changes


def _simple(
    kind: ChangeKind, *, by, account, site_url: SiteUrl | None = None, note: str = ""
) -> AccountChange:
    role = account_role(account) or ""
    change = AccountChange(
        account=account,
        kind=kind,
        username=account.username,
        old_role=role,
        new_role=role,
        old_email=account.email,  # what the approver saw: approval is refused if it changes
    )
    return _make(change, by=by, site_url=site_url, note=note)


@transaction.atomic
def account_deactivate(*, by, account) -> AccountChange:
    """Stop the account from logging in (its sessions end at their next request). Allowed while
    a change waits: it takes access away, and the approver sees it."""
    check_may_manage(by, account)
    account = User.objects.select_for_update().get(pk=account.pk)
    if not account.is_active:
        raise ValidationError(_("The account is already deactivated."))
    return _simple(ChangeKind.DEACTIVATE, by=by, account=account)


@transaction.atomic
def account_reactivate(*, by, account) -> AccountChange:
    """Let a deactivated account log in again with the role it kept."""
    check_may_manage(by, account)
    account = _locked_unfrozen(account)
    if account.is_active:
        raise ValidationError(_("The account is active."))
    if account_role(account) is None:
        raise ValidationError(_("The account has no role: give it one first."))
    return _simple(ChangeKind.REACTIVATE, by=by, account=account)


REASON_PREFIX = "reason: "  # how a reset's reason is written in its audit row (atip.audit_log reads it)


@transaction.atomic
def account_reset_two_factor(*, by, account, reason: str) -> AccountChange:
    """Delete the account's authenticator and backup codes: its holder enrols again (after a
    second administrator's approval when its address changed recently). `reason` is required
    and kept in the audit row (issue 21.10)."""
    check_may_manage(by, account)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Say why the reset is needed.")})
    account = _locked_unfrozen(account)
    return _simple(ChangeKind.RESET_TWO_FACTOR, by=by, account=account, note=REASON_PREFIX + reason)


@transaction.atomic
def account_send_password_link(*, by, account, site_url: SiteUrl) -> AccountChange:
    """E-mail the holder a one-time link (24 hours) to choose a new password (after a second
    administrator's approval when its address changed recently)."""
    check_may_manage(by, account)
    account = _locked_unfrozen(account)
    if not account.is_active:
        raise ValidationError(_("The account is deactivated: reactivate it first."))
    if not account.email:
        raise ValidationError(_("The account has no e-mail address: set one first."))
    change = _simple(ChangeKind.PASSWORD_LINK, by=by, account=account, site_url=site_url)
    if not change.mail_sent:
        raise ValidationError(NOT_SENT)  # rolls back: nothing was sent, nothing is recorded
    return change


@transaction.atomic
def account_unlock(*, by, account):
    """Lift the login lockout of `account` (issue 21.6): its failed logins from every address
    are forgotten. Returns when the lock would have ended. Allowed while a change waits: it
    changes nothing about the account. The lock of an address, whatever the usernames, stays."""
    check_may_manage(by, account)
    account = User.objects.select_for_update().get(pk=account.pk)  # two administrators at once
    until = lockout.account_locked_until(account.username)
    if until is None:
        raise ValidationError(_("The account is not locked."))
    lockout.unlock(account.username)
    audit(
        action=Action.UNLOCK,
        user=by,
        obj=account,
        object_ref=account.username,
        detail=f"login lockout lifted; it ran until {timezone.localtime(until):%Y-%m-%d %H:%M}",
    )
    return until
