"""Reads on prosecutions, charges and hearings, always scoped to the user (roles.md), and the
panels they add to the pages of cases and victims.

Prosecutors keep every prosecution and police read them all; a social worker sees only the
prosecutions of cases that list one of the Department's victims, and only status and outcome.
"""

from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from atip.access import object_for_user
from atip.history import history_with_changes
from atip.homes import home_page
from atip.paging import RECENT, UPCOMING
from atip.panels import panel
from atip.queries import count_per_row, per_row
from atip.roles import Ability, Role, can
from cases.models import Case, CaseStatus, CaseVictim, LinkDirection
from cases.selectors import cases_for_user
from prosecutions.models import Charge, Hearing, Outcome, Prosecution
from victims.access import VictimAccess


def case_to_prosecute_or_404(*, user, pk) -> Case:
    """A case the police referred for prosecution (they set its status to "in prosecution"), on
    which `user` may file a prosecution. Any other case answers 404, even one the user reads: a
    prosecution opens the identities of the case's victims, and no one side makes that link
    alone (roles.md)."""
    referred = cases_for_user(user=user).filter(status=CaseStatus.PROSECUTION)
    return object_for_user(referred, pk, user=user, to=Ability.MANAGE_PROSECUTIONS)


def prosecutions_for_user(*, user) -> QuerySet[Prosecution]:
    if can(user, Ability.VIEW_PROSECUTION_DETAILS):
        return Prosecution.objects.all()
    if can(user, Ability.VIEW_PROSECUTIONS):
        return Prosecution.objects.filter(Exists(CaseVictim.objects.filter(case=OuterRef("case"))))
    return Prosecution.objects.none()


def prosecution_for_user_or_404(*, user, pk, to: Ability | None = None) -> Prosecution:
    return object_for_user(prosecutions_for_user(user=user).select_related("case"), pk, user=user, to=to)


def charge_for_user_or_404(*, user, pk, to: Ability | None = None) -> Charge:
    """A charge, through its prosecution (same scope)."""
    charges = Charge.objects.select_related("prosecution__case", "suspect").filter(
        prosecution__in=prosecutions_for_user(user=user)
    )
    return object_for_user(charges, pk, user=user, to=to)


def hearing_for_user_or_404(*, user, pk, to: Ability | None = None) -> Hearing:
    """A hearing, through its prosecution (same scope)."""
    hearings = Hearing.objects.select_related("prosecution__case").filter(
        prosecution__in=prosecutions_for_user(user=user)
    )
    return object_for_user(hearings, pk, user=user, to=to)


def prosecution_list(*, user) -> QuerySet[Prosecution]:
    """The list: one query for the page, with charge counts and the next hearing annotated."""
    today = timezone.localdate()
    return (
        prosecutions_for_user(user=user)
        .select_related("case")
        .annotate(
            n_charges=count_per_row(Prosecution, "charges"),
            n_pending=count_per_row(Prosecution, "charges", filter=Q(charges__outcome=Outcome.PENDING)),
            next_hearing=per_row(Prosecution, Min("hearings__date", filter=Q(hearings__date__gte=today))),
        )
        .order_by("-filed_on", "-id")
    )


def prosecution_charges(*, prosecution: Prosecution) -> QuerySet[Charge]:
    return prosecution.charges.select_related("suspect").order_by("suspect__family_name", "id")


def prosecution_page(*, user, prosecution: Prosecution) -> dict:
    """What a prosecution's page shows `user`: its case and charges, and to those who read the
    details, its hearings and previous versions."""
    page = {"case": prosecution.case, "charges": prosecution_charges(prosecution=prosecution)}
    if can(user, Ability.VIEW_PROSECUTION_DETAILS):
        page.update(
            hearings=prosecution.hearings.all(),
            history=history_with_changes(prosecution.history.all()),
        )
    return page


def _with_charges(prosecutions: QuerySet[Prosecution]) -> QuerySet[Prosecution]:
    return prosecutions.prefetch_related(
        Prefetch("charges", queryset=Charge.objects.select_related("suspect"))
    )


@panel("case", "prosecutions/_case_prosecutions.html", order=10)
def case_prosecutions_panel(*, user, case) -> dict | None:
    """A case's prosecutions with their charges (suspects' names only with the case details)."""
    if not can(user, Ability.VIEW_PROSECUTIONS):
        return None
    return {
        "prosecutions": _with_charges(prosecutions_for_user(user=user).filter(case=case)),
        "may_file": can(user, Ability.MANAGE_PROSECUTIONS),
        "referred": case.status == CaseStatus.PROSECUTION,
    }


@panel("victim", "prosecutions/_victim_cases.html", order=10, side=True)
def victim_cases_panel(*, user, victim: VictimAccess) -> dict | None:
    """The victim's cases and the outcome of their prosecutions (no suspect names), and, for
    social workers, a form to link the victim to a case by its reference."""
    if not can(user, Ability.VIEW_CASES):
        return None
    charges = Charge.objects.only("prosecution_id", "offence", "outcome", "verdict_date")
    prosecutions = Prosecution.objects.only("case_id", "reference", "court", "filed_on").prefetch_related(
        Prefetch("charges", queryset=charges)
    )
    cases = (
        cases_for_user(user=user)
        .filter(victim_links__victim=victim.victim)
        .prefetch_related(Prefetch("prosecutions", queryset=prosecutions))
        .order_by("-reported_on", "-id")
    )
    link = can(user, Ability.REQUEST_CASE_LINK)
    requests = victim.victim.link_requests.filter(direction=LinkDirection.CASE_TO_VICTIM).select_related(
        "requested_by"
    )
    return {"cases": cases, "link": link, "requests": requests if link else ()}


@home_page(Role.PROSECUTOR, "home/prosecutor.html")
def prosecutor_home(*, user) -> dict:
    """Prosecutions with a pending charge, the next hearings, and this year's verdicts."""
    today = timezone.localdate()
    prosecutions = prosecutions_for_user(user=user)
    pending = (
        prosecution_list(user=user)
        .filter(Exists(Charge.objects.filter(prosecution=OuterRef("pk"), outcome=Outcome.PENDING)))
        .order_by("filed_on", "id")
    )
    verdicts = (
        Charge.objects.filter(prosecution__in=prosecutions, verdict_date__year=today.year)
        .exclude(outcome=Outcome.PENDING)
        .select_related("prosecution", "suspect")
        .order_by("-verdict_date", "-id")
    )
    by_outcome = dict(verdicts.values_list("outcome").annotate(n=Count("id")).order_by())
    return {
        "pending": pending[:RECENT],
        "pending_count": pending.count(),
        "hearings": Hearing.objects.filter(prosecution__in=prosecutions, date__gte=today)
        .select_related("prosecution")
        .order_by("date", "id")[:UPCOMING],
        "verdicts": verdicts[:RECENT],
        "verdicts_by_outcome": [(o, by_outcome.get(o.value, 0)) for o in Outcome if o != Outcome.PENDING],
        "year": today.year,
    }
