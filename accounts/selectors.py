"""Reads for account administration, scoped to the administrator (atip.access.object_for_user)."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.approval import makers
from accounts.models import AccountChange, ChangeStatus
from accounts.services import account_role
from atip.access import object_for_user
from atip.models import AuditEvent
from atip.roles import Ability, can

User = get_user_model()


def accounts_for_user(*, user) -> QuerySet:
    """Every account an administrator manages (all but the emergency superuser), with its roles,
    whether it has enrolled in two-factor authentication, and how many changes wait for it."""
    if not can(user, Ability.MANAGE_USERS):
        return User.objects.none()
    return (
        User.objects.filter(is_superuser=False)
        .prefetch_related("groups")
        .annotate(
            enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
            pending=Count("account_changes", filter=Q(account_changes__status=ChangeStatus.PENDING)),
        )
        .order_by("username")
    )


def with_roles(accounts) -> list:
    """The accounts with `.role` set from their prefetched groups (shown even when inactive)."""
    accounts = list(accounts)
    for account in accounts:
        account.role = account_role(account)
    return accounts


def account_for_user(*, user, pk):
    account = object_for_user(accounts_for_user(user=user), pk, user=user)
    account.role = account_role(account)
    return account


def changes_for_user(*, user) -> QuerySet[AccountChange]:
    if not can(user, Ability.MANAGE_USERS):
        return AccountChange.objects.none()
    return AccountChange.objects.select_related("account", "requested_by", "decided_by")


def pending_changes(*, user) -> QuerySet[AccountChange]:
    """Requests awaiting a second administrator, oldest first."""
    return changes_for_user(user=user).filter(status=ChangeStatus.PENDING).order_by("requested_at", "id")


def change_for_user(*, user, pk) -> AccountChange:
    return object_for_user(changes_for_user(user=user), pk, user=user)


def changes_since(*, account, since) -> QuerySet[AccountChange]:
    """Changes that took effect on `account` after `since` (its previous login; None: ever)."""
    changes = AccountChange.objects.filter(account=account, applied_at__isnull=False)
    if since is not None:
        changes = changes.filter(applied_at__gt=since)
    return changes.select_related("requested_by", "decided_by").order_by("applied_at", "id")


# Events that are not changes to the account: left out of "what happened since the request".
_NOT_CHANGES = [
    AuditEvent.Action.VIEW,
    AuditEvent.Action.DENIED,
    AuditEvent.Action.LOGIN,
    AuditEvent.Action.LOGOUT,
    AuditEvent.Action.LOGIN_FAILED,
]


def events_since_request(*, change: AccountChange) -> QuerySet[AuditEvent]:
    """Everything recorded about the change's account since it was asked, however it was made
    (these pages, the command line, its holder choosing a password or enrolling): what the
    approver must see (spec/roles.md "Accounts")."""
    if change.account_id is None:
        return AuditEvent.objects.none()
    return (
        AuditEvent.objects.filter(object_type="user", object_id=str(change.account_id))
        .filter(at__gte=change.requested_at)
        .exclude(action__in=_NOT_CHANGES)
        .select_related("user")
        .order_by("seq")
    )


def made_by_requester(*, change: AccountChange) -> bool:
    """Whether the requester created the account or set its e-mail address (the approver is told)."""
    return change.account_id is not None and change.requested_by_id in makers({change.account_id})
