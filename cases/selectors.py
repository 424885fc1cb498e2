"""Reads on cases and suspects, always scoped to the user (roles.md).

Police keep every reported case and prosecutors read every case; a social worker sees a case
only when it lists one of the Department's victims, and then only its status and dates.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from atip.homes import home_page
from atip.models import ExploitationForm
from atip.roles import Role, role_of
from cases.models import Case, CaseStatus, CaseVictim, Suspect
from victims.models import IdentificationStatus, Victim

# roles.md, "Reported case, investigation, suspects": W for police, R for prosecutors.
FULL_CASE_ROLES = frozenset({Role.POLICE, Role.PROSECUTOR})


def sees_case_details(user) -> bool:
    """Summary, suspects and victims' identity: police and prosecutors, not social workers."""
    return role_of(user) in FULL_CASE_ROLES


def victims_visible_q(*, user) -> Q:
    """Which victims `user` reaches through cases: police every victim listed in a case (they
    see every case), prosecutors those listed in a case that has a prosecution; nobody else."""
    role = role_of(user)
    if role == Role.POLICE:
        return Q(case_links__isnull=False)
    if role == Role.PROSECUTOR:
        return Q(case_links__case__prosecutions__isnull=False)
    return Q(pk__in=[])


def cases_for_user(*, user) -> QuerySet[Case]:
    role = role_of(user)
    if role in FULL_CASE_ROLES:
        return Case.objects.all()
    if role == Role.SOCIAL_WORKER:
        return Case.objects.filter(Exists(CaseVictim.objects.filter(case=OuterRef("pk"))))
    return Case.objects.none()


def case_for_user_or_404(*, user, pk) -> Case:
    try:
        return cases_for_user(user=user).get(pk=pk)
    except (Case.DoesNotExist, ValueError):
        raise Http404 from None


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
    """The victims of a case whose identity `user` may read on the case page."""
    victims = Victim.objects.filter(case_links__case=case).order_by("reference")
    if role_of(user) == Role.PROSECUTOR and not case.prosecutions.exists():
        return victims.none()
    return victims


def suspect_for_user_or_404(*, user, pk) -> Suspect:
    if not sees_case_details(user):
        raise Http404
    try:
        return Suspect.objects.select_related("case").get(pk=pk)
    except (Suspect.DoesNotExist, ValueError):
        raise Http404 from None


@home_page(Role.POLICE, "home/police.html")
def police_home(*, user) -> dict:
    """Open cases by status, cases reported this year, and presumed victims linked to cases."""
    today = timezone.localdate()
    cases = cases_for_user(user=user)
    counts = dict(
        cases.exclude(status=CaseStatus.CLOSED).values_list("status").annotate(n=Count("id")).order_by()
    )
    this_year = cases.filter(reported_on__year=today.year).order_by("-reported_on", "-id")
    awaiting = Victim.objects.filter(
        pk__in=Victim.objects.filter(victims_visible_q(user=user)).values("pk"),
        identification_status=IdentificationStatus.PRESUMED,
        archived_at__isnull=True,
    ).order_by("-registered_on", "-id")
    return {
        "open_by_status": [
            (status, counts.get(status.value, 0)) for status in CaseStatus if status != CaseStatus.CLOSED
        ],
        "reported_this_year": this_year[:20],
        "reported_this_year_count": this_year.count(),
        "year": today.year,
        "awaiting": awaiting[:20],
        "awaiting_count": awaiting.count(),
    }


def victim_case_panel(*, user, victim) -> dict:
    """Context for templates/cases/_victim_cases.html on a victim's page (cases of the victim).

    Social workers: status and dates of the victim's cases and the outcome of their
    prosecutions (no suspect names), and a form to link the victim to a case by reference.
    Police and prosecutors: the victim's cases, which they can all see.
    """
    from cases.forms import CaseReferenceForm
    from prosecutions.models import Charge, Prosecution

    role = role_of(user)
    if role not in FULL_CASE_ROLES and role != Role.SOCIAL_WORKER:
        return {"case_panel": None}
    charges = Charge.objects.only("prosecution_id", "offence", "outcome", "verdict_date")
    prosecutions = Prosecution.objects.only("case_id", "reference", "court", "filed_on").prefetch_related(
        Prefetch("charges", queryset=charges)
    )
    cases = (
        cases_for_user(user=user)
        .filter(victim_links__victim=victim)
        .prefetch_related(Prefetch("prosecutions", queryset=prosecutions))
        .order_by("-reported_on", "-id")
    )
    social_worker = role == Role.SOCIAL_WORKER
    return {
        "case_panel": {
            "cases": cases,
            "limited": social_worker,
            "link_form": CaseReferenceForm() if social_worker else None,
            "victim": victim,
        }
    }
