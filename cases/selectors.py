"""Reads on cases and suspects, always scoped to the user (roles.md).

Police keep every reported case and prosecutors read every case; a social worker sees a case
only when it lists one of the Department's victims, and then only its status and dates.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from atip.access import object_for_user
from atip.homes import home_page
from atip.models import ExploitationForm
from atip.paging import RECENT
from atip.roles import Ability, Role, can
from cases.models import Case, CaseStatus, CaseVictim, Suspect
from victims.models import IdentificationStatus, Victim
from victims.selectors import victims_for_user


def cases_for_user(*, user) -> QuerySet[Case]:
    if can(user, Ability.VIEW_CASE_DETAILS):
        return Case.objects.all()
    if can(user, Ability.VIEW_CASES):
        return Case.objects.filter(Exists(CaseVictim.objects.filter(case=OuterRef("pk"))))
    return Case.objects.none()


def case_for_user_or_404(*, user, pk, to: Ability | None = None) -> Case:
    """A case `user` may see (404 otherwise); with `to`, one they may also do that to (403)."""
    return object_for_user(cases_for_user(user=user), pk, user=user, to=to)


def suspects_for_user(*, user) -> QuerySet[Suspect]:
    """Suspects are case details: police and prosecutors (roles.md)."""
    if not can(user, Ability.VIEW_CASE_DETAILS):
        return Suspect.objects.none()
    return Suspect.objects.select_related("case")


def suspect_for_user_or_404(*, user, pk, to: Ability | None = None) -> Suspect:
    return object_for_user(suspects_for_user(user=user), pk, user=user, to=to)


def case_by_reference(*, reference: str) -> Case | None:
    """The case with exactly this reference (letter case ignored), for linking without browsing."""
    reference = reference.strip()
    return Case.objects.filter(reference__iexact=reference).first() if reference else None


def victim_by_reference(*, reference: str) -> Victim | None:
    """The victim with exactly this reference, which Human Services gave the police: no search."""
    reference = reference.strip()
    return Victim.objects.filter(reference__iexact=reference).first() if reference else None


def case_list(*, user) -> QuerySet[Case]:
    """The case list: one query for the page (counts annotated), one for the rows' forms."""
    return (
        cases_for_user(user=user)
        .annotate(
            n_victims=Count("victim_links", distinct=True),
            n_prosecutions=Count("prosecutions", distinct=True),
        )
        .prefetch_related(Prefetch("exploitation_forms", queryset=ExploitationForm.objects.all()))
        .order_by("-reported_on", "-id")
    )


def case_victims(*, user, case: Case) -> QuerySet[Victim]:
    """The victims of a case that `user` may see (prosecutors: once the case is prosecuted)."""
    return victims_for_user(user=user).filter(case_links__case=case).order_by("reference")


@home_page(Role.POLICE, "home/police.html")
def police_home(*, user) -> dict:
    """Open cases by status, cases reported this year, and presumed victims linked to cases."""
    today = timezone.localdate()
    cases = cases_for_user(user=user)
    counts = dict(
        cases.exclude(status=CaseStatus.CLOSED).values_list("status").annotate(n=Count("id")).order_by()
    )
    this_year = cases.filter(reported_on__year=today.year).order_by("-reported_on", "-id")
    awaiting = (
        victims_for_user(user=user)
        .filter(identification_status=IdentificationStatus.PRESUMED, archived_at__isnull=True)
        .order_by("-registered_on", "-id")
    )
    return {
        "open_by_status": [
            (status, counts.get(status.value, 0)) for status in CaseStatus if status != CaseStatus.CLOSED
        ],
        "reported_this_year": this_year[:RECENT],
        "reported_this_year_count": this_year.count(),
        "year": today.year,
        "awaiting": awaiting[:RECENT],
        "awaiting_count": awaiting.count(),
    }
