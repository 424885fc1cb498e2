"""Reads on victims, always scoped to the user (roles.md)."""

import datetime

from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from atip.access import object_for_user
from atip.cached import cached
from atip.homes import home_page
from atip.models import AuditAction, AuditEvent, ExploitationForm
from atip.paging import RECENT
from atip.periods import overlaps_q
from atip.roles import Ability, Role, can, role_of
from victims.access import VictimAccess, victims_shown
from victims.caseload import caseload_scope, reassignments_to_tell, worker_caseloads
from victims.models import DistinctPair, IdentificationStatus, Victim


def in_care_q(day: datetime.date | None = None) -> Exists:
    """In care on `day` (today by default): one of the victim's service episodes covers that day.
    Worked out from the episodes, never typed in."""
    day = day or timezone.localdate()
    return Exists(Victim.objects.filter(overlaps_q(day, day, prefix="services__"), pk=OuterRef("pk")))


def victims_for_user(*, user) -> QuerySet[Victim]:
    """Social workers: the Department's whole caseload. Police: the victims listed in a case;
    prosecutors: those listed in a case that has a prosecution (roles.md, "linked"). Others:
    nothing. The links are followed by their names, so that victims imports no app above it."""
    if can(user, Ability.LIST_VICTIMS):
        return Victim.objects.all()
    # The links are a semi-join on cases.CaseVictim itself, cheaper than a second scan of the
    # victims or an IN (docs/performance.md).
    links = Victim.case_links.rel.related_model.objects.filter(victim_id=OuterRef("pk"))
    if can(user, Ability.VIEW_VICTIMS_OF_CASES):  # any link, those of prosecuted cases among them
        return Victim.objects.filter(Exists(links))
    if can(user, Ability.VIEW_VICTIMS_OF_PROSECUTIONS):
        return Victim.objects.filter(Exists(links.filter(case__prosecutions__isnull=False)))
    return Victim.objects.none()


def victim_for_user_or_404(*, user, pk, to: Ability | None = None, where: str = "") -> VictimAccess:
    """What `user` may see of a victim (404 if nothing); with `to`, of one they may also do that
    to (403). `where` names the page in the audit row of the identity, when it is read."""
    victim = object_for_user(victims_for_user(user=user), pk, user=user, to=to)
    return VictimAccess(victim, user=user, where=where)


def victim_list(*, user, archived: bool = False) -> QuerySet[Victim]:
    """The caseload list: one query for the page, one for the forms of its rows (and, once the
    page is cut, one for which of its rows are in care: mark_in_care)."""
    return (
        victims_for_user(user=user)
        .filter(archived_at__isnull=not archived)
        .prefetch_related(Prefetch("exploitation_forms", queryset=ExploitationForm.objects.all()))
    )


def mark_in_care(victims) -> None:
    """Set `in_care` on each of `victims` (a page's rows) in one query. Not an annotation of the
    list: the database would work it out for every row an OFFSET skips."""
    victims = list(victims)
    in_care = set(
        Victim.objects.filter(in_care_q(), pk__in=[v.pk for v in victims]).values_list("pk", flat=True)
    )
    for victim in victims:
        victim.in_care = victim.pk in in_care


def same_person(*, victim) -> dict:
    """For social workers: the record this one duplicates, the records that duplicate it, and
    those confirmed as different people (three queries)."""
    pairs = DistinctPair.objects.filter(Q(first=victim) | Q(second=victim)).select_related(
        "first", "second", "confirmed_by"
    )
    original = Victim.objects.filter(pk=victim.duplicate_of_id).first() if victim.duplicate_of_id else None
    return {
        "original": original,
        "duplicates": list(victim.duplicates.order_by("reference")),
        "distinct": [(pair.second if pair.first_id == victim.pk else pair.first, pair) for pair in pairs],
    }


def victim_viewers(*, victim) -> QuerySet[AuditEvent]:
    """Who saw this victim's name (from the audit log): one row per person and role, with how
    many times and when last, latest first."""
    return (
        AuditEvent.objects.filter(object_type="victim", object_id=str(victim.pk), action=AuditAction.VIEW)
        .values("username", "role")
        .annotate(times=Count("id"), last=Max("at"))
        .order_by("-last")
    )


CASELOAD_COUNTS, CASELOAD_COUNTS_SECONDS = "victims:caseload-counts", 60


@home_page(Role.SOCIAL_WORKER, "home/social_worker.html")
def social_worker_home(*, user) -> dict:
    """Her caseload (victims.caseload: "my caseload" by default): referrals awaiting an
    identification decision, and the current caseload in figures."""
    scope = caseload_scope(user=user, asked=None)
    caseload = scope.of(victims_for_user(user=user).filter(archived_at__isnull=True))
    awaiting = (
        caseload.filter(identification_status=IdentificationStatus.PRESUMED)
        .select_related("created_by")
        .order_by("-registered_on", "-id")
    )
    shown = victims_shown(awaiting[:RECENT], user=user, where="home page")
    # Both counts in one pass over the caseload (one scan at national scale, not two), kept a
    # minute as the caseload's other figures are (atip.cached); a short list is counted exactly.
    counts = cached(
        f"{CASELOAD_COUNTS}:{role_of(user)}:{scope.worker.pk if scope.worker else scope.key}",
        lambda: caseload.aggregate(
            awaiting_count=Count("pk", filter=Q(identification_status=IdentificationStatus.PRESUMED)),
            identified_count=Count("pk", filter=Q(identification_status=IdentificationStatus.IDENTIFIED)),
        ),
        fresh_for=CASELOAD_COUNTS_SECONDS,
    )
    if len(shown) < RECENT:
        counts = {**counts, "awaiting_count": len(shown)}
    return {
        "awaiting": shown,
        "scope": scope,
        "reassigned": reassignments_to_tell(user=user),
        **counts,
    }


@home_page(Role.SUPERVISOR, "home/supervisor.html")
def supervisor_home(*, user) -> dict:
    """The social worker's home for her own caseload, and each worker's caseload (the approvals
    waiting for her are a panel of casework)."""
    return {**social_worker_home(user=user), "workers": worker_caseloads()}
