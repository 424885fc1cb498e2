"""Account administration (spec/roles.md "Accounts").

In the manner of Zulip's `do_change_user_role(user, role, *, acting_user)`: each service takes
the acting administrator (`by=`), refuses what they may not do, records the change as an
AccountChange and writes its audit row (who, which account, old and new role).

A change that reaches victim records (the account's old or new role holds a victim ability of
atip.roles.VICTIM_ABILITIES) to create, re-role, reactivate or re-address an account waits as
PENDING until a second administrator approves it. Nobody changes their own account.
"""

import smtplib
from collections.abc import Callable

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
from atip.audit import Action, audit
from atip.roles import GRANTS, Ability, Role, can, reaches_victims

User = get_user_model()
SiteUrl = Callable[[str], str]  # a path → the absolute URL the account holder opens

OWN_ACCOUNT = _("You cannot change your own account: another administrator has to do it.")
OWN_REQUEST = _("You asked for this change yourself: another administrator has to approve it.")
OWN_PUPPET = _(
    "Your account was created (or its e-mail address set) at this administrator's request: "
    "a third administrator has to approve it."
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


def needs_approval(change: AccountChange) -> bool:
    return change.kind in GUARDED_KINDS and (_guarded(change.old_role) or _guarded(change.new_role))


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


def _audit(action, *, by, change: AccountChange, detail: str = "") -> None:
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


def _apply(change: AccountChange, *, by, site_url: SiteUrl | None) -> bool:
    """Make the change; True unless an e-mail it had to send could not be sent."""
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
    _audit(
        _AUDIT_ACTION[change.kind], by=by, change=change, detail="; ".join(filter(None, [requested, unsent]))
    )
    return sent


def _make(change: AccountChange, *, by, site_url: SiteUrl | None = None) -> AccountChange:
    """Record `change` by `by`: pending when it needs a second administrator, else applied now.
    Sets `change.mail_sent` for the view's message."""
    change.requested_by = by
    change.mail_sent = True
    if needs_approval(change):
        waiting = AccountChange.objects.filter(status=ChangeStatus.PENDING, kind=change.kind)
        if change.account is not None and waiting.filter(account=change.account).exists():
            raise ValidationError(
                _("The same kind of change to this account is already waiting for approval.")
            )
        change.status = ChangeStatus.PENDING
        change.full_clean()
        change.save()
        _audit(Action.ACCOUNT_REQUEST, by=by, change=change)
    else:
        change.status = ChangeStatus.APPLIED
        change.mail_sent = _apply(change, by=by, site_url=site_url)
    return change


@transaction.atomic
def account_create(
    *, by, username: str, first_name: str, last_name: str, email: str, role: Role | str, site_url: SiteUrl
) -> AccountChange:
    """Ask for a new account with `role`. Once it exists its holder is e-mailed a link to choose
    a password; the administrator never sets or sees one."""
    check_may_manage(by)
    taken = (
        User.objects.filter(username__iexact=username).exists()
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
    old = account_role(account)
    if old == role:
        raise ValidationError({"role": _("The account already has this role.")})
    change = AccountChange(
        account=account,
        kind=ChangeKind.ROLE,
        username=account.username,
        old_role=old or "",
        new_role=Role(role),
    )
    return _make(change, by=by)


@transaction.atomic
def account_edit(*, by, account, first_name: str, last_name: str, email: str) -> list[AccountChange]:
    """Change the name (at once) and the e-mail address (where password links go: guarded)."""
    check_may_manage(by, account)
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


def _simple(kind: ChangeKind, *, by, account, site_url: SiteUrl | None = None) -> AccountChange:
    role = account_role(account) or ""
    change = AccountChange(
        account=account, kind=kind, username=account.username, old_role=role, new_role=role
    )
    return _make(change, by=by, site_url=site_url)


@transaction.atomic
def account_deactivate(*, by, account) -> AccountChange:
    """Stop the account from logging in (its sessions end at their next request)."""
    check_may_manage(by, account)
    if not account.is_active:
        raise ValidationError(_("The account is already deactivated."))
    return _simple(ChangeKind.DEACTIVATE, by=by, account=account)


@transaction.atomic
def account_reactivate(*, by, account) -> AccountChange:
    """Let a deactivated account log in again with the role it kept."""
    check_may_manage(by, account)
    if account.is_active:
        raise ValidationError(_("The account is active."))
    if account_role(account) is None:
        raise ValidationError(_("The account has no role: give it one first."))
    return _simple(ChangeKind.REACTIVATE, by=by, account=account)


@transaction.atomic
def account_reset_two_factor(*, by, account) -> AccountChange:
    """Delete the account's authenticator and backup codes: its holder enrols again."""
    check_may_manage(by, account)
    return _simple(ChangeKind.RESET_TWO_FACTOR, by=by, account=account)


@transaction.atomic
def account_send_password_link(*, by, account, site_url: SiteUrl) -> AccountChange:
    """E-mail the holder a one-time link (24 hours) to choose a new password."""
    check_may_manage(by, account)
    if not account.is_active:
        raise ValidationError(_("The account is deactivated: reactivate it first."))
    if not account.email:
        raise ValidationError(_("The account has no e-mail address: set one first."))
    change = _simple(ChangeKind.PASSWORD_LINK, by=by, account=account, site_url=site_url)
    if not change.mail_sent:
        raise ValidationError(NOT_SENT)  # rolls back: nothing was sent, nothing is recorded
    return change


def _decidable(*, by, change: AccountChange) -> AccountChange:
    check_may_manage(by)
    # Locked, so that two administrators deciding at once cannot both apply it.
    change = AccountChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if change.account_id == by.pk:
        raise PermissionDenied(OWN_ACCOUNT)
    return change


@transaction.atomic
def change_approve(*, by, change: AccountChange, reason: str, site_url: SiteUrl) -> AccountChange:
    """A second administrator approves a pending change, which then takes effect."""
    change = _decidable(by=by, change=change)
    if change.requested_by_id == by.pk:
        raise PermissionDenied(OWN_REQUEST)
    # An administrator account that the requester created (or re-addressed) is not a second person.
    puppet = AccountChange.objects.filter(
        account=by,
        kind__in=[ChangeKind.CREATE, ChangeKind.EMAIL],
        requested_by=change.requested_by,
        status__in=[ChangeStatus.APPROVED, ChangeStatus.APPLIED],
    )
    if puppet.exists():
        raise PermissionDenied(OWN_PUPPET)
    account = change.account
    if account is not None:
        stale = (
            (change.kind == ChangeKind.ROLE and (account_role(account) or "") != change.old_role)
            or (change.kind == ChangeKind.EMAIL and account.email != change.old_email)
            or (change.kind == ChangeKind.REACTIVATE and account.is_active)
        )
        if stale:
            raise ValidationError(_("The account has changed since this was asked: reject it and ask again."))
    elif User.objects.filter(username__iexact=change.username).exists():
        raise ValidationError(_("This username has been taken since: reject the request."))
    change.status = ChangeStatus.APPROVED
    change.decided_by, change.decided_at, change.reason = by, timezone.now(), reason
    change.mail_sent = _apply(change, by=by, site_url=site_url)
    _audit(Action.ACCOUNT_APPROVE, by=by, change=change, detail=f"requested by {change.requested_by}")
    return change


@transaction.atomic
def change_reject(*, by, change: AccountChange, reason: str) -> AccountChange:
    """Refuse a pending change (the requester may withdraw their own); nothing takes effect."""
    change = _decidable(by=by, change=change)
    change.status = ChangeStatus.REJECTED
    change.decided_by, change.decided_at, change.reason = by, timezone.now(), reason
    change.full_clean()
    change.save()
    _audit(Action.ACCOUNT_REJECT, by=by, change=change, detail=f"requested by {change.requested_by}")
    return change
