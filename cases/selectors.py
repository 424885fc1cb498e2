"""Reads on cases and suspects, always scoped to the user (roles.md).

Police keep every reported case and prosecutors read every case; a social worker sees a case
only when it lists one of the Department's victims, and then only its status and dates.
"""

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from atip.access import object_for_user
from atip.cached import list_count
from atip.history import history_with_changes
from atip.homes import home_page
from atip.models import ExploitationForm
from atip.paging import RECENT
from atip.panels import panel
from atip.queries import count_per_row
from atip.roles import Ability, Role, can, role_of
from cases.models import Case, CaseStatus, CaseVictim, LinkDirection, LinkRequest, LinkStatus, Suspect
from victims.access import VictimAccess, victims_shown
from victims.models import IdentificationStatus
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


# Who decides a link request: the side that did not ask (roles.md).
DECIDER = {
    LinkDirection.VICTIM_TO_CASE: Ability.DECIDE_VICTIM_LINK,
    LinkDirection.CASE_TO_VICTIM: Ability.DECIDE_CASE_LINK,
}


def decided_directions(user) -> list[str]:
    """The directions of link requests that `user`'s side decides."""
    return [direction for direction, ability in DECIDER.items() if can(user, ability)]


def link_requests_to_decide(*, user) -> QuerySet[LinkRequest]:
    """Pending requests that `user`'s side decides, oldest first."""
    return (
        LinkRequest.objects.filter(status=LinkStatus.PENDING, direction__in=decided_directions(user))
        .select_related("case", "victim", "requested_by")
        .order_by("requested_at", "id")
    )


# Who may ask for a link in each direction; they read the requests of their own side too.
REQUESTER = {
    LinkDirection.VICTIM_TO_CASE: Ability.REQUEST_VICTIM_LINK,
    LinkDirection.CASE_TO_VICTIM: Ability.REQUEST_CASE_LINK,
}


def link_request_for_user_or_404(*, user, pk, to: Ability | None = None) -> LinkRequest:
    """A request of a direction `user`'s side decides or asks for."""
    asked = [direction for direction, ability in REQUESTER.items() if can(user, ability)]
    requests = LinkRequest.objects.filter(direction__in={*decided_directions(user), *asked})
    return object_for_user(requests.select_related("case", "victim", "requested_by"), pk, user=user, to=to)


@panel("home", "cases/_link_requests.html", order=10)
def link_requests_panel(*, user) -> dict | None:
    """On the home page of the side that decides them: the requests waiting, oldest first."""
    if not decided_directions(user):
        return None
    return {
        "requests": list(link_requests_to_decide(user=user)),
        "overdue_days": settings.CASEWORK_OVERDUE_DAYS,
    }


def case_link_requests(*, case: Case) -> QuerySet[LinkRequest]:
    """The requests to list a victim in `case`, as its police see them: the reference they typed."""
    return case.link_requests.filter(direction=LinkDirection.VICTIM_TO_CASE).select_related(
        "requested_by", "decided_by"
    )


def case_list(*, user) -> QuerySet[Case]:
    """The case list: one query for the page (counts per row: atip.queries), one for the rows'
    forms."""
    return (
        cases_for_user(user=user)
        .annotate(
            n_victims=count_per_row(Case, "victim_links"),
            n_prosecutions=count_per_row(Case, "prosecutions"),
        )
        .prefetch_related(Prefetch("exploitation_forms", queryset=ExploitationForm.objects.all()))
        .order_by("-reported_on", "-id")
    )


def case_victims(*, user, case: Case) -> list[VictimAccess]:
    """The victims of a case that `user` may see (prosecutors: once the case is prosecuted), with
    their identity for those who read the case's details (roles.md: social workers read a case's
    status and dates)."""
    victims = victims_for_user(user=user).filter(case_links__case=case).order_by("reference")
    details = can(user, Ability.VIEW_CASE_DETAILS)
    return victims_shown(victims, user=user, where=f"case {case.reference}", identity=details)


def case_page(*, user, case: Case) -> dict:
    """What a case's page shows `user`: the victims they may see, and the details (suspects,
    status history, versions, link requests) to those who read them."""
    page = {"victims": case_victims(user=user, case=case)}
    if can(user, Ability.VIEW_CASE_DETAILS):
        page.update(
            forms=case.exploitation_forms.all(),
            suspects=case.suspects.all(),
            victim_count=case.victim_links.count(),
            status_changes=case.status_changes.select_related("changed_by"),
            history=history_with_changes(case.history.all()),
            link_requests=case_link_requests(case=case),
        )
    return page


# The presumed victims linked to a case, counted over the whole register (25 ms at national
# scale, at every home page of the unit): kept a minute (atip.cached), as the social workers'
# caseload counts are; a list shorter than the page shows is counted from its rows, exactly.
AWAITING_COUNT, AWAITING_SECONDS = "cases:police-awaiting-count", 60


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
    shown = list(awaiting[:RECENT])
    return {
        "open_by_status": [
            (status, counts.get(status.value, 0)) for status in CaseStatus if status != CaseStatus.CLOSED
        ],
        "reported_this_year": this_year[:RECENT],
        "reported_this_year_count": this_year.count(),
        "year": today.year,
        "awaiting": shown,
        "awaiting_count": list_count(
            awaiting,
            shown=shown,
            page=RECENT,
            key=f"{AWAITING_COUNT}:{role_of(user)}",
            fresh_for=AWAITING_SECONDS,
        ),
    }
