"""The second administrator's decision on a pending account change (spec/roles.md "Accounts").

Who may not approve: the requester, the account concerned, and anyone related to the requester
by creation — an account made (created or re-addressed) by the requester, or by an account the
requester made, and so on, up to LINEAGE_DEPTH steps, in either direction. Otherwise one
administrator could create a helper (approved once by a colleague) and approve their own
requests through it, or be approved by the administrator who made them.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountChange, ChangeKind, ChangeStatus
from accounts.services import OWN_ACCOUNT, SiteUrl, account_role, apply_change, audit_change, check_may_manage
from atip.audit import Action

User = get_user_model()

LINEAGE_DEPTH = 3
# A change that makes an account someone's: they chose who holds it, or where its links go.
MAKING_KINDS = (ChangeKind.CREATE, ChangeKind.EMAIL)

OWN_REQUEST = _("You asked for this change yourself: another administrator has to approve it.")
OWN_LINEAGE = _(
    "Your account and the requester's were made one from the other (created or re-addressed, "
    "directly or through other accounts): a third administrator has to approve it."
)
STALE = _("The account has changed since this was asked: reject it and ask again.")


@dataclass(frozen=True)
class Refusal:
    """Why an administrator may not approve a request: `short` where requests are listed, `reason`
    on the request's page; `may_reject` whether they may still reject (or withdraw) it."""

    short: str
    reason: str
    may_reject: bool


REFUSED_OWN_REQUEST = Refusal(_("Waiting for another administrator"), OWN_REQUEST, may_reject=True)
REFUSED_OWN_ACCOUNT = Refusal(
    _("About your own account: another administrator decides"), OWN_ACCOUNT, may_reject=False
)
REFUSED_LINEAGE = Refusal(_("Waiting for a third administrator"), OWN_LINEAGE, may_reject=True)


def makers(account_ids: set[int]) -> set[int]:
    """The administrators who created or re-addressed any of `account_ids` (one query)."""
    made = AccountChange.objects.filter(
        account_id__in=account_ids,
        kind__in=MAKING_KINDS,
        status__in=[ChangeStatus.APPROVED, ChangeStatus.APPLIED],
    )
    return set(made.values_list("requested_by_id", flat=True))


def lineage(account_id: int, *, depth: int = LINEAGE_DEPTH) -> set[int]:
    """The accounts `account_id` was made by, up to `depth` steps back (a query per step)."""
    found, frontier = set(), {account_id}
    for _step in range(depth):
        frontier = makers(frontier) - found - {account_id}
        if not frontier:
            break
        found |= frontier
    return found


def made_from(account_id: int, *, depth: int = LINEAGE_DEPTH) -> set[int]:
    """The accounts `account_id` made, and those made by them, up to `depth` steps on: `lineage`
    read the other way (a query per step)."""
    found, frontier = set(), {account_id}
    for _step in range(depth):
        made = AccountChange.objects.filter(
            requested_by_id__in=frontier,
            kind__in=MAKING_KINDS,
            status__in=[ChangeStatus.APPROVED, ChangeStatus.APPLIED],
        )
        frontier = set(made.values_list("account_id", flat=True)) - found - {account_id, None}
        if not frontier:
            break
        found |= frontier
    return found


def related_to(account_id: int) -> set[int]:
    """The accounts related to `account_id` by creation, in either direction, within
    LINEAGE_DEPTH steps (at most 2 × LINEAGE_DEPTH queries, whatever the number of requests)."""
    return lineage(account_id) | made_from(account_id)


def related_by_creation(first_id: int, second_id: int) -> bool:
    """Whether one of the two accounts was made by the other, within LINEAGE_DEPTH steps."""
    return second_id in related_to(first_id)


def refusal(*, by, change: AccountChange, related: set[int] | None = None) -> Refusal | None:
    """Why `by` may not approve `change`, or None if they may: the rules change_approve applies
    (the pages offer "Approve" only when this is None). `related`: related_to(by.pk), computed
    once for a list of requests."""
    if change.account_id is not None and change.account_id == by.pk:
        return REFUSED_OWN_ACCOUNT
    if change.requested_by_id == by.pk:
        return REFUSED_OWN_REQUEST
    if change.requested_by_id in (related_to(by.pk) if related is None else related):
        return REFUSED_LINEAGE
    return None


def with_refusals(changes, *, by) -> list[AccountChange]:
    """`changes` with `.refusal` set for `by` (a constant number of queries)."""
    changes = list(changes)
    related = related_to(by.pk) if changes else set()
    for change in changes:
        change.refusal = refusal(by=by, change=change, related=related)
    return changes


def _decidable(*, by, change: AccountChange) -> AccountChange:
    check_may_manage(by)
    # Locked, so that two administrators deciding at once cannot both apply it.
    change = AccountChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if change.account_id == by.pk:
        raise PermissionDenied(OWN_ACCOUNT)
    return change


def _is_stale(change: AccountChange) -> bool:
    """Whether the account is no longer what the approver is shown as asked about."""
    account = User.objects.select_for_update().get(pk=change.account_id)
    return (
        account.email != change.old_email
        or (change.kind == ChangeKind.ROLE and (account_role(account) or "") != change.old_role)
        or (change.kind == ChangeKind.REACTIVATE and account.is_active)
    )


@transaction.atomic
def change_approve(*, by, change: AccountChange, reason: str, site_url: SiteUrl) -> AccountChange:
    """A second administrator approves a pending change, which then takes effect."""
    change = _decidable(by=by, change=change)
    if refused := refusal(by=by, change=change):
        raise PermissionDenied(refused.reason)
    if change.account_id is not None:
        if _is_stale(change):
            raise ValidationError(STALE)
    elif User.objects.filter(username__iexact=change.username).exists():
        raise ValidationError(_("This username has been taken since: reject the request."))
    change.status = ChangeStatus.APPROVED
    change.decided_by, change.decided_at, change.reason = by, timezone.now(), reason
    change.mail_sent = apply_change(change, by=by, site_url=site_url)
    audit_change(Action.ACCOUNT_APPROVE, by=by, change=change, detail=f"requested by {change.requested_by}")
    return change


@transaction.atomic
def change_reject(*, by, change: AccountChange, reason: str) -> AccountChange:
    """Refuse a pending change (the requester may withdraw their own); nothing takes effect."""
    change = _decidable(by=by, change=change)
    change.status = ChangeStatus.REJECTED
    change.decided_by, change.decided_at, change.reason = by, timezone.now(), reason
    change.full_clean()
    change.save()
    audit_change(Action.ACCOUNT_REJECT, by=by, change=change, detail=f"requested by {change.requested_by}")
    return change
