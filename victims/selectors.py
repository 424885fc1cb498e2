"""Reads on victims, always scoped to the user (roles.md)."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from atip.models import AuditAction, AuditEvent, ExploitationForm
from atip.roles import Ability, can
from services.models import ServiceEpisode
from victims.models import IdentificationStatus, Victim


def in_care_q(*, on=None) -> Exists:
    """A victim is in care on a day when one of its service episodes covers it (never typed in)."""
    day = on or timezone.localdate()
    return Exists(
        ServiceEpisode.objects.filter(victim=OuterRef("pk"), start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )
    )


def victims_for_user(*, user) -> QuerySet[Victim]:
    """Social workers: the Department's whole caseload. Police and prosecutors: only victims
    linked to a case (prosecution) they can see. Everyone else: nothing."""
    if can(user, Ability.LIST_VICTIMS):
        return Victim.objects.all()
    if can(user, Ability.VIEW_VICTIMS):
        from cases.selectors import victims_visible_q

        return Victim.objects.filter(pk__in=Victim.objects.filter(victims_visible_q(user=user)).values("pk"))
    return Victim.objects.none()


def victim_for_user_or_404(*, user, pk) -> Victim:
    try:
        return victims_for_user(user=user).get(pk=pk)
    except (Victim.DoesNotExist, ValueError):
        raise Http404 from None


def victim_list(*, user, archived: bool = False) -> QuerySet[Victim]:
    """The caseload list: one query for the page, one for the forms of its rows."""
    return (
        victims_for_user(user=user)
        .filter(archived_at__isnull=not archived)
        .annotate(in_care=in_care_q())
        .prefetch_related(Prefetch("exploitation_forms", queryset=ExploitationForm.objects.all()))
    )


def victim_viewers(*, victim) -> QuerySet[AuditEvent]:
    """Who read this victim's page, latest first (from the audit log)."""
    return AuditEvent.objects.filter(
        object_type="victim", object_id=str(victim.pk), action=AuditAction.VIEW
    ).only("at", "username", "role")


def social_worker_home(*, user) -> dict:
    """Referrals awaiting an identification decision, and the current caseload in figures."""
    caseload = victims_for_user(user=user).filter(archived_at__isnull=True)
    awaiting = (
        caseload.filter(identification_status=IdentificationStatus.PRESUMED)
        .select_related("created_by")
        .order_by("-registered_on", "-id")
    )
    return {
        "awaiting": awaiting[:20],
        "awaiting_count": awaiting.count(),
        "in_care_count": caseload.filter(in_care_q()).count(),
        "identified_count": caseload.filter(identification_status=IdentificationStatus.IDENTIFIED).count(),
    }
