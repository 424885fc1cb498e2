"""The social worker's worklists (what waits for an answer, what is due) and the panels casework
adds to the home pages: the worklist, and the police unit's referrals waiting for its answer.
Every list is scoped to the user through casework.selectors."""

import datetime
from dataclasses import dataclass
from functools import partial

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from atip.cached import cached, list_count
from atip.codes import Agency
from atip.panels import panel
from atip.roles import Ability, can, role_of, roles_with
from cases.models import CaseVictim
from casework import returns
from casework.models.consent import Consent
from casework.models.plans import CarePlan, Goal, GoalStatus
from casework.models.referrals import Referral, ReferralStatus
from casework.selectors import (
    EXPIRING_DAYS,
    WEEK,
    consent_counts_q,
    of_caseload,
    referrals_for_user,
    review_overdue_q,
)
from casework.work_items import (
    WorkItem,
    _consent_item,
    _days,
    _goal_item,
    _police_referral_item,
    _referral_item,
    _review_item,
    overdue_days,
)
from services.selectors import open_stay_q
from victims.access import VictimAccess
from victims.caseload import ALL, Scope, caseload_scope
from victims.models import IdentificationStatus, Victim
from victims.selectors import in_care_q, victims_for_user

HOME_ROWS = 10  # rows of each list on the home page; the counts link to the whole list


def _caseload(user) -> QuerySet[Victim]:
    return victims_for_user(user=user).filter(archived_at__isnull=True)


def police_referrals(*, user) -> QuerySet[Victim]:
    """Presumed victims registered by the police from one of their cases, waiting for a
    decision, oldest first: registered outside the Department (by someone who does not manage
    victims), and listed in the case by the same person (cases.services.case_register_presumed_victim).
    A person the Department registered and referred to the police is listed in the police's case
    in the social worker's name (casework.referrals.police_referral_decide): not one of these."""
    registered_from = CaseVictim.objects.filter(victim=OuterRef("pk"), linked_by=OuterRef("created_by"))
    return (
        _caseload(user)
        .filter(Exists(registered_from), identification_status=IdentificationStatus.PRESUMED)
        .exclude(created_by__groups__name__in=roles_with(Ability.MANAGE_VICTIMS))
        # A semi-join to filter (one pass over the links), the case's reference for the rows shown.
        .annotate(from_case=Subquery(registered_from.order_by("linked_at").values("case__reference")[:1]))
        .select_related("created_by")
        .order_by("registered_on", "id")
    )


def referrals_waiting(*, user) -> QuerySet[Referral]:
    """Referrals sent to other agencies that have not answered yet, oldest first."""
    return (
        referrals_for_user(user=user)
        .filter(status=ReferralStatus.SENT, victim__archived_at__isnull=True)
        .select_related("victim")
        .order_by("referred_on", "id")
    )


def _open_plans(user) -> QuerySet[CarePlan]:
    return (
        of_caseload(CarePlan, user)
        .filter(closed_on__isnull=True, victim__archived_at__isnull=True)
        .select_related("victim")
        .order_by("next_review_on", "id")
    )


def reviews_overdue(*, user, today: datetime.date) -> QuerySet[CarePlan]:
    return _open_plans(user).filter(next_review_on__lt=today)


def reviews_due(*, user, today: datetime.date) -> QuerySet[CarePlan]:
    """Reviews due this week: today and the six days after it (overdue ones are not "due")."""
    return _open_plans(user).filter(next_review_on__range=(today, today + datetime.timedelta(days=WEEK - 1)))


def goals_past_target(*, user, today: datetime.date) -> QuerySet[Goal]:
    """Open goals of open plans whose target date has passed."""
    return (
        of_caseload(Goal, user, victim="plan__victim")
        .filter(
            status=GoalStatus.OPEN,
            target_on__lt=today,
            plan__closed_on__isnull=True,
            plan__victim__archived_at__isnull=True,
        )
        .select_related("plan__victim")
        .order_by("target_on", "id")
    )


def consents_expiring(*, user, today: datetime.date) -> QuerySet[Consent]:
    """Consents that count today and expire within the next 30 days (on their expiry day too)."""
    return (
        of_caseload(Consent, user)
        .filter(consent_counts_q(today), expires_on__lte=today + datetime.timedelta(days=EXPIRING_DAYS))
        .filter(victim__archived_at__isnull=True)
        .select_related("victim")
        .order_by("expires_on", "id")
    )


@dataclass(frozen=True)
class Worklist:
    """A list of the worklist, with its own page (casework:worklist)."""

    title: str  # lazy: translated when the page is shown
    rows: object  # function (user, today) -> queryset
    item: object  # function (row, today) -> WorkItem
    waiting: bool  # waiting for an answer (oldest first), rather than due
    person: str = "victim"  # the path from a row to its victim ("" for a victim)

    def scoped(self, user, today, scope: Scope):
        """The rows, for the caseload `scope` (victims.caseload), closed people left out."""
        prefix = f"{self.person}__" if self.person else ""
        rows = self.rows(user, today).filter(**{f"{prefix}closed_on__isnull": True})
        return scope.of(rows, field=f"{prefix}responsible_worker")


WORKLISTS = {
    "police-referrals": Worklist(
        gettext_lazy("Presumed victims referred by the police"),
        lambda user, today: police_referrals(user=user),
        _police_referral_item,
        True,
        person="",
    ),
    "referrals-waiting": Worklist(
        gettext_lazy("Referrals waiting for an answer"),
        lambda user, today: referrals_waiting(user=user),
        _referral_item,
        True,
    ),
    "reviews-overdue": Worklist(
        gettext_lazy("Care-plan reviews overdue"),
        lambda user, today: reviews_overdue(user=user, today=today),
        _review_item,
        False,
    ),
    "reviews-due": Worklist(
        gettext_lazy("Care-plan reviews due this week"),
        lambda user, today: reviews_due(user=user, today=today),
        _review_item,
        False,
    ),
    "goals-past-target": Worklist(
        gettext_lazy("Goals past their target date"),
        lambda user, today: goals_past_target(user=user, today=today),
        _goal_item,
        False,
        person="plan__victim",
    ),
    "consents-expiring": Worklist(
        format_lazy(gettext_lazy("Consents expiring within {days} days"), days=EXPIRING_DAYS),
        lambda user, today: consents_expiring(user=user, today=today),
        _consent_item,
        False,
    ),
}


# Return and reintegration (issue 20.5): the lists of casework.returns, due rather than waiting.
WORKLISTS.update(
    {
        kind: Worklist(title, rows, partial(item, WorkItem=WorkItem), False)
        for kind, (title, rows, item) in returns.LISTS.items()
    }
)


def worklist_items(kind: str, *, rows, today, user, where: str) -> list[WorkItem]:
    """The lines of a worklist, each naming its person as the page (`where`) shows them."""
    items = [WORKLISTS[kind].item(row, today) for row in rows]
    for item in items:
        item.victim = VictimAccess(item.victim, user=user, where=where)
    return items


# The worklists counted on the panel (each a link to its list), and those shown in red.
FIGURES = [
    "reviews-due",
    "goals-past-target",
    "consents-expiring",
    "police-referrals",
    "referrals-waiting",
    "follow-ups-due",
    "returns-unassessed",
]
ALARMS = {"goals-past-target"}


@dataclass(frozen=True)
class Figure:
    """A count on the worklist, and the list of exactly what it counts."""

    n: int
    label: str
    url: str
    alarm: bool = False  # shown in red when not zero


# The caseload's figures are the same for every social worker (the whole caseload) and scan the
# service episodes: cached a minute (atip.cached), shared by the server's processes (CACHE_URL).
CASELOAD_FIGURES, CASELOAD_SECONDS = "casework:caseload-figures", 60
WORKLIST_COUNT = "casework:worklist-count"


def caseload_figures(user, today: datetime.date, scope: Scope) -> dict[str, int]:
    """One count per figure: each filter is a semi-join PostgreSQL hashes once, where one aggregate
    with a FILTER per figure would probe the episodes twice for every victim (docs/performance.md)."""
    caseload = scope.of(_caseload(user))
    return {
        "in_care": caseload.filter(in_care_q(today)).count(),
        "open_stay": caseload.filter(open_stay_q(today)).count(),
        "review_overdue": caseload.filter(review_overdue_q(today)).count(),
    }


@panel("home", "casework/_worklist.html", order=20)
def worklist_panel(*, user, today: datetime.date | None = None, scope: Scope | None = None) -> dict | None:
    """The social worker's morning: what waits for them (oldest first), what is due, and the
    caseload in figures, each figure a link to the list it counts; her own caseload unless
    `scope` says whose (victims.caseload)."""
    if not can(user, Ability.MANAGE_CASEWORK):
        return None
    today = today or timezone.localdate()
    scope = scope or caseload_scope(user=user, asked=None)
    lists = {kind: worklist.scoped(user, today, scope) for kind, worklist in WORKLISTS.items()}
    shown = {
        kind: worklist_items(kind, rows=rows[:HOME_ROWS], today=today, user=user, where="home page")
        for kind, rows in lists.items()
    }
    waiting = sorted(
        (item for kind, w in WORKLISTS.items() if w.waiting for item in shown[kind]),
        key=lambda i: (i.on, i.days),
    )
    due = sorted(
        (item for kind, w in WORKLISTS.items() if not w.waiting for item in shown[kind]), key=lambda i: i.on
    )
    whose = scope.worker.pk if scope.worker else ALL
    caseload = cached(
        f"{CASELOAD_FIGURES}:{whose}:{today.isoformat()}",
        lambda: caseload_figures(user, today, scope),
        fresh_for=CASELOAD_SECONDS,
    )
    victims = f"{reverse('victims:list')}?caseload={scope.key}&"
    figures = [
        Figure(caseload["in_care"], _("in care today"), f"{victims}in_care=true"),
        Figure(caseload["open_stay"], _("with an open accommodation stay"), f"{victims}open_stay=true"),
        Figure(
            caseload["review_overdue"],
            _("with a review overdue"),
            f"{victims}review_overdue=true",
            alarm=True,
        ),
    ] + [
        Figure(
            list_count(  # most worklists are short: the home spares a query for each
                lists[kind],
                shown=shown[kind],
                page=HOME_ROWS,
                key=f"{WORKLIST_COUNT}:{kind}:{role_of(user)}:{whose}:{today.isoformat()}",
                fresh_for=CASELOAD_SECONDS,
            ),
            str(WORKLISTS[kind].title).lower(),
            f"{reverse('casework:worklist', args=[kind])}?caseload={scope.key}",
            alarm=kind in ALARMS,
        )
        for kind in FIGURES
    ]
    return {
        "scope": scope,
        "figures": figures,
        "waiting": waiting,
        "due": due,
        "overdue_days": overdue_days(),
    }


@panel("home", "casework/_police_referrals.html", order=20)
def police_referrals_panel(*, user) -> dict | None:
    """On the police unit's home page: referrals from Human Services waiting for its answer,
    oldest first, by the person's reference (the identity opens once the person is linked)."""
    if not can(user, Ability.DECIDE_POLICE_REFERRAL):
        return None
    referrals = (
        Referral.objects.filter(agency=Agency.ATIPS_POLICE, status=ReferralStatus.SENT)
        .select_related("victim")
        .order_by("referred_on", "id")
    )
    today = timezone.localdate()
    rows = [(referral, _days(referral.referred_on, today)) for referral in referrals[:HOME_ROWS]]
    return {"rows": rows, "count": referrals.count(), "overdue_days": overdue_days()}
