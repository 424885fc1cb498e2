"""Caseloads (issue 20.1): each victim in care has one responsible social worker, for the
worklist, not for access (roles.md: the Department shares its whole caseload). Her home and the
victim list open on "my caseload"; the whole Department's list is one click away; a supervisor
sees each worker's caseload and reassigns a case, with a reason, audited, and the new worker is
told at her next login."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from atip.audit import Action, audit
from atip.roles import GRANTS, Ability, can
from atip.versioning import save_versioned
from victims.models import Reassignment, Victim

MINE, ALL = "mine", "all"


def department_workers() -> QuerySet:
    """The active accounts that may hold a caseload (social workers and supervisors), by name."""
    roles = [str(role) for role in GRANTS[Ability.KEEP_CASELOAD]]
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles)
        .order_by("last_name", "first_name", "username")
    )


def open_caseload_q(prefix: str = "") -> Q:
    """A victim still in someone's caseload: not archived, not closed."""
    return Q(**{f"{prefix}archived_at__isnull": True, f"{prefix}closed_on__isnull": True})


def worker_caseloads() -> QuerySet:
    """For a supervisor: every worker with how many open cases she holds (one query)."""
    return department_workers().annotate(
        cases=Count("caseload", filter=open_caseload_q("caseload__"), distinct=True)
    )


@dataclass(frozen=True)
class Scope:
    """Whose caseload a list shows: `worker` (a user) or the whole Department (None)."""

    key: str  # "mine", "all" or a worker's id, as in the URL's `caseload=`
    worker: object | None
    label: str

    def of(self, victims: QuerySet, field: str = "responsible_worker") -> QuerySet:
        return victims if self.worker is None else victims.filter(**{field: self.worker})


def caseload_scope(*, user, asked: str | None) -> Scope:
    """The caseload `asked` for (`caseload=` of the URL): "all", "mine", or, for a supervisor, a
    worker's id. Without it: "mine" for whoever keeps a caseload, the Department for others (and
    for a worker who holds no case yet, so that her first page is not empty)."""
    department = Scope(ALL, None, gettext_lazy("Whole Department"))
    if not can(user, Ability.KEEP_CASELOAD) or asked == ALL:
        return department
    mine = Scope(MINE, user, gettext_lazy("My caseload"))
    if asked == MINE:
        return mine
    if asked and asked.isdigit() and can(user, Ability.SUPERVISE_CASELOADS):
        worker = department_workers().filter(pk=int(asked)).first()
        if worker is not None:
            return Scope(
                str(worker.pk), worker, _("Caseload of %(worker)s") % {"worker": worker_name(worker)}
            )
    if Victim.objects.filter(open_caseload_q(), responsible_worker=user).exists():  # the default
        return mine
    return department


def worker_name(user) -> str:
    return user.get_full_name() or user.username


@transaction.atomic
def victim_assign(*, victim: Victim, worker, by, reason: str, expected_version: int | None) -> Reassignment:
    """Make `worker` the victim's responsible worker, with a reason, audited. A supervisor
    reassigns any case; a worker may only take a case that has nobody."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the case changes hands.")})
    if not department_workers().filter(pk=worker.pk).exists():
        raise ValidationError({"worker": _("Choose a social worker or a supervisor of the Department.")})
    if worker.pk == victim.responsible_worker_id:
        raise ValidationError({"worker": _("This worker already holds the case.")})
    taking = victim.responsible_worker_id is None and worker.pk == by.pk
    if not (can(by, Ability.REASSIGN_CASES) or (taking and can(by, Ability.KEEP_CASELOAD))):
        raise ValidationError(_("Only a supervisor reassigns a case that a worker holds."), code="forbidden")
    reassignment = Reassignment.objects.create(
        victim=victim,
        from_worker_id=victim.responsible_worker_id,
        to_worker=worker,
        reason=reason,
        by=by,
        told_at=timezone.now() if worker.pk == by.pk else None,
    )
    victim.responsible_worker = worker
    save_versioned(victim, expected_version=expected_version)
    audit(
        action=Action.CHANGE,
        user=by,
        obj=victim,
        detail=f"responsible worker: {reassignment.from_worker_id or '-'} -> {worker.pk}",
    )
    return reassignment


def reassignments_to_tell(*, user) -> list[Reassignment]:
    """The cases given to `user` by someone else that she has not been shown yet; showing them
    (her home page after login) marks them told."""
    rows = list(
        Reassignment.objects.filter(to_worker=user, told_at__isnull=True)
        .select_related("victim", "by")
        .order_by("at", "id")
    )
    if rows:
        Reassignment.objects.filter(pk__in=[r.pk for r in rows]).update(told_at=timezone.now())
    return rows
