"""The social worker's worklists (what waits for an answer, what is due) and the panels casework
adds to the home pages: the worklist, and the police unit's referrals waiting for its answer.
Every list is scoped to the user through casework.selectors."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from atip.codes import Agency
from atip.kept import kept
from atip.panels import panel
from atip.roles import Ability, can
from cases.models import CaseVictim
from casework.filters import open_stay_q, review_overdue_q
from casework.models.consent import Consent
from casework.models.plans import CarePlan, Goal, GoalStatus
from casework.models.referrals import Referral, ReferralStatus
from casework.selectors import EXPIRING_DAYS, WEEK, consent_counts_q, of_caseload, referrals_for_user
from victims.models import IdentificationStatus, Victim
from victims.selectors import in_care_q, victims_for_user

HOME_ROWS = 10  # rows of each list on the home page; the counts link to the whole list


def overdue_days() -> int:
    """Days a referral may wait for an answer before it is shown as overdue."""
    return settings.CASEWORK_OVERDUE_DAYS


@dataclass
class WorkItem:
    """One line of a worklist: whose, what, since or by when, and what to do about it."""

    victim: Victim
    what: str
    on: datetime.date
    days: int  # waiting since `on`, or overdue by (negative: due in)
    overdue: bool
    action: str  # URL
    action_label: str

    @property
    def ahead(self) -> int:
        """Days until the date (of something due)."""
        return -self.days


def _caseload(user) -> QuerySet[Victim]:
    return victims_for_user(user=user).filter(archived_at__isnull=True)


def police_referrals(*, user) -> QuerySet[Victim]:
    """Presumed victims registered by the police from one of their cases, waiting for a
    decision, oldest first: the person who registered them also listed them in the case
    (cases.services.case_register_presumed_victim), which no social worker does."""
    registered_from = CaseVictim.objects.filter(victim=OuterRef("pk"), linked_by=OuterRef("created_by"))
    return (
        _caseload(user)
        .filter(Exists(registered_from), identification_status=IdentificationStatus.PRESUMED)
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


def _days(since: datetime.date, today: datetime.date) -> int:
    return (today - since).days


def _police_referral_item(victim: Victim, today) -> WorkItem:
    days = _days(victim.registered_on, today)
    return WorkItem(
        victim=victim,
        what=_("Presumed victim referred by the police from case %(reference)s")
        % {"reference": victim.from_case}
        + (f" ({victim.created_by})" if victim.created_by else ""),
        on=victim.registered_on,
        days=days,
        overdue=days > overdue_days(),
        action=reverse("casework:presumed_referral", args=[victim.pk]),
        action_label=_("Accept or decline"),
    )


def _referral_item(referral: Referral, today) -> WorkItem:
    days = _days(referral.referred_on, today)
    return WorkItem(
        victim=referral.victim,
        what=_("Referral to %(agency)s: no answer yet") % {"agency": referral.agency_label},
        on=referral.referred_on,
        days=days,
        overdue=days > overdue_days(),
        action=reverse("casework:referral_status", args=[referral.pk]),
        action_label=_("See the referral") if referral.to_police else _("Record the answer"),
    )


def _review_item(plan: CarePlan, today) -> WorkItem:
    days = _days(plan.next_review_on, today)
    return WorkItem(
        victim=plan.victim,
        what=_("Care-plan review overdue") if days > 0 else _("Care-plan review due"),
        on=plan.next_review_on,
        days=days,
        overdue=days > 0,
        action=reverse("casework:review_create", args=[plan.pk]),
        action_label=_("Record the review"),
    )


def _goal_item(goal: Goal, today) -> WorkItem:
    return WorkItem(
        victim=goal.plan.victim,
        what=_("Goal past its target date: %(domain)s — %(goal)s")
        % {"domain": goal.get_domain_display(), "goal": goal.description[:80]},
        on=goal.target_on,
        days=_days(goal.target_on, today),
        overdue=True,
        action=reverse("casework:goal_edit", args=[goal.pk]),
        action_label=_("Update the goal"),
    )


def _consent_item(consent: Consent, today) -> WorkItem:
    about = (
        consent.get_purpose_display()
        if not consent.agency
        else _("sharing with %(agency)s") % {"agency": consent.agency_label}
    )
    return WorkItem(
        victim=consent.victim,
        what=_("Consent expiring: %(about)s") % {"about": about},
        on=consent.expires_on,
        days=_days(consent.expires_on, today),
        overdue=False,
        action=reverse("casework:consent_create", args=[consent.victim_id]),
        action_label=_("Renew the consent"),
    )


@dataclass(frozen=True)
class Worklist:
    """A list of the worklist, with its own page (casework:worklist)."""

    title: str  # lazy: translated when the page is shown
    rows: object  # function (user, today) -> queryset
    item: object  # function (row, today) -> WorkItem
    waiting: bool  # waiting for an answer (oldest first), rather than due


WORKLISTS = {
    "police-referrals": Worklist(
        gettext_lazy("Presumed victims referred by the police"),
        lambda user, today: police_referrals(user=user),
        _police_referral_item,
        True,
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
    ),
    "consents-expiring": Worklist(
        format_lazy(gettext_lazy("Consents expiring within {days} days"), days=EXPIRING_DAYS),
        lambda user, today: consents_expiring(user=user, today=today),
        _consent_item,
        False,
    ),
}


def worklist_items(kind: str, *, rows, today) -> list[WorkItem]:
    return [WORKLISTS[kind].item(row, today) for row in rows]


@dataclass(frozen=True)
class Figure:
    """A count on the worklist, and the list of exactly what it counts."""

    n: int
    label: str
    url: str
    alarm: bool = False  # shown in red when not zero


# The caseload's figures are the same for every social worker (the whole caseload) and scan the
# service episodes: kept a minute (issue 13), shared by the server's processes (CACHE_URL).
CASELOAD_FIGURES, CASELOAD_SECONDS = "casework:caseload-figures", 60


def caseload_figures(user, today: datetime.date) -> dict[str, int]:
    """One count per figure: each filter is a semi-join PostgreSQL hashes once (about 100 ms over
    a million episodes), where one aggregate with a FILTER per figure probed the episodes twice
    for every victim (1.3 s)."""
    caseload = _caseload(user)

    def having(condition: Q) -> int:
        return caseload.filter(Exists(Victim.objects.filter(condition, pk=OuterRef("pk")))).count()

    return {
        "in_care": caseload.filter(in_care_q(today)).count(),
        "open_stay": having(open_stay_q(today)),
        "review_overdue": having(review_overdue_q(today)),
    }


@panel("home", "casework/_worklist.html", order=20)
def worklist_panel(*, user, today: datetime.date | None = None) -> dict | None:
    """The social worker's morning: what waits for them (oldest first), what is due, and the
    caseload in figures, each figure a link to the list it counts. The names shown are audited."""
    if not can(user, Ability.MANAGE_CASEWORK):
        return None
    today = today or timezone.localdate()
    lists = {kind: worklist.rows(user, today) for kind, worklist in WORKLISTS.items()}
    shown = {kind: worklist_items(kind, rows=rows[:HOME_ROWS], today=today) for kind, rows in lists.items()}
    waiting = sorted(
        (item for kind, w in WORKLISTS.items() if w.waiting for item in shown[kind]),
        key=lambda i: (i.on, i.days),
    )
    due = sorted(
        (item for kind, w in WORKLISTS.items() if not w.waiting for item in shown[kind]), key=lambda i: i.on
    )
    caseload = kept(
        f"{CASELOAD_FIGURES}:{today.isoformat()}",
        lambda: caseload_figures(user, today),
        fresh_for=CASELOAD_SECONDS,
    )
    victims = reverse("victims:list")
    figures = [
        Figure(caseload["in_care"], _("in care today"), f"{victims}?in_care=true"),
        Figure(caseload["open_stay"], _("with an open accommodation stay"), f"{victims}?open_stay=true"),
        Figure(
            caseload["review_overdue"],
            _("with a review overdue"),
            f"{victims}?review_overdue=true",
            alarm=True,
        ),
    ] + [
        Figure(
            lists[kind].count(),
            str(WORKLISTS[kind].title).lower(),
            reverse("casework:worklist", args=[kind]),
            alarm=kind == "goals-past-target",
        )
        for kind in (
            "reviews-due",
            "goals-past-target",
            "consents-expiring",
            "police-referrals",
            "referrals-waiting",
        )
    ]
    return {
        "figures": figures,
        "waiting": waiting,
        "due": due,
        "overdue_days": overdue_days(),
        "shown": [item.victim for item in (*waiting, *due)],  # names on the page: audited by home
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
