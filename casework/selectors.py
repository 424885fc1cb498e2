"""Reads on casework, always scoped to the user (roles.md: assistance and case notes are the
social workers'), the rules of "current consent" and "due", and the panels casework adds to the
home pages and to a victim's page.

The police unit reads only the referrals made to it, and a referred person's identity only once
the person is linked to one of its cases (victims.selectors.victims_for_user).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from atip.access import object_for_user
from atip.codes import Agency
from atip.panels import panel
from atip.roles import Ability, can
from cases.models import CaseVictim
from cases.selectors import cases_for_user
from casework.models import (
    Assessment,
    CarePlan,
    Consent,
    ConsentAnswer,
    ConsentPurpose,
    Goal,
    GoalStatus,
    Referral,
    ReferralStatus,
    Review,
    RiskLevel,
)
from services.models import ACCOMMODATION_TYPES, ServiceEpisode
from victims.models import IdentificationStatus, Victim
from victims.selectors import in_care_q, victims_for_user

WEEK = 7  # "due this week": today and the six days after it
EXPIRING_DAYS = 30  # "consents expiring": within the next 30 days
HOME_ROWS = 10  # rows of each list on the home page; the counts link to the whole list


def overdue_days() -> int:
    """Days a referral may wait for an answer before it is shown as overdue."""
    return settings.CASEWORK_OVERDUE_DAYS


# --- Access: one selector per record type -----------------------------------------------------


def _of_caseload(model, user, *, victim: str = "victim") -> QuerySet:
    """The rows of `model` that hang on a victim `user` sees, for those who keep casework."""
    if not can(user, Ability.MANAGE_CASEWORK):
        return model.objects.none()
    return model.objects.filter(**{f"{victim}__in": victims_for_user(user=user)})


def consent_for_user_or_404(*, user, pk) -> Consent:
    return object_for_user(_of_caseload(Consent, user).select_related("victim"), pk, user=user)


def assessment_for_user_or_404(*, user, pk) -> Assessment:
    return object_for_user(_of_caseload(Assessment, user).select_related("victim"), pk, user=user)


def plan_for_user_or_404(*, user, pk) -> CarePlan:
    return object_for_user(_of_caseload(CarePlan, user).select_related("victim"), pk, user=user)


def goal_for_user_or_404(*, user, pk) -> Goal:
    goals = _of_caseload(Goal, user, victim="plan__victim").select_related("plan__victim")
    return object_for_user(goals, pk, user=user)


def review_for_user_or_404(*, user, pk) -> Review:
    reviews = _of_caseload(Review, user, victim="plan__victim").select_related("plan__victim")
    return object_for_user(reviews, pk, user=user)


def referrals_for_user(*, user) -> QuerySet[Referral]:
    """Social workers: every referral of the caseload. The police unit: the referrals made to it
    (whoever they name). Others: none."""
    if can(user, Ability.MANAGE_CASEWORK):
        return _of_caseload(Referral, user)
    if can(user, Ability.DECIDE_POLICE_REFERRAL):
        return Referral.objects.filter(agency=Agency.ATIPS_POLICE)
    return Referral.objects.none()


def referral_for_user_or_404(*, user, pk, to: Ability | None = None) -> Referral:
    referrals = referrals_for_user(user=user).select_related("victim", "case", "answered_by", "created_by")
    return object_for_user(referrals, pk, user=user, to=to)


def identity_visible(*, user, victim: Victim) -> bool:
    """The user may read the person's identity (police: once linked to a case)."""
    return victims_for_user(user=user).filter(pk=victim.pk).exists()


# --- Consent ----------------------------------------------------------------------------------


def _same_answer_later(day: datetime.date) -> QuerySet[Consent]:
    """Answers given by `day` about the same thing as the outer consent (same person, purpose
    and agency), recorded after it."""
    return (
        Consent.objects.annotate(name_key=Lower("agency_name"))
        .filter(
            victim=OuterRef("victim"),
            purpose=OuterRef("purpose"),
            agency=OuterRef("agency"),
            agency_country=OuterRef("agency_country"),
            name_key=Lower(OuterRef("agency_name")),
            decided_on__lte=day,
        )
        .filter(
            Q(decided_on__gt=OuterRef("decided_on"))
            | Q(decided_on=OuterRef("decided_on"), pk__gt=OuterRef("pk"))
        )
    )


def consent_counts_q(day: datetime.date) -> Q:
    """The consent counts on `day`: given by then, the latest answer about its purpose (and
    agency), not past its expiry date (it holds through that day), not withdrawn (it stops on
    the day of the withdrawal)."""
    return (
        Q(answer=ConsentAnswer.GIVEN, decided_on__lte=day)
        & (Q(expires_on__isnull=True) | Q(expires_on__gte=day))
        & (Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))
        & ~Q(Exists(_same_answer_later(day)))
    )


def _about_agency(consents: QuerySet[Consent], *, agency: str, agency_name: str, agency_country) -> QuerySet:
    return consents.annotate(name_key=Lower("agency_name")).filter(
        purpose=ConsentPurpose.SHARING,
        agency=agency,
        agency_country=agency_country or "",
        name_key=(agency_name or "").lower(),
    )


def sharing_consent(*, victim: Victim, agency: str, agency_name: str, agency_country, on) -> Consent | None:
    """The consent that counts on `on` for sharing with that agency, or None."""
    consents = _about_agency(
        victim.consents.all(), agency=agency, agency_name=agency_name, agency_country=agency_country
    )
    return consents.filter(consent_counts_q(on)).order_by("-decided_on", "-id").first()


def latest_sharing_answer(
    *, victim: Victim, agency: str, agency_name: str, agency_country, on
) -> Consent | None:
    """The latest answer by `on` about sharing with that agency (to say why none counts)."""
    consents = _about_agency(
        victim.consents.all(), agency=agency, agency_name=agency_name, agency_country=agency_country
    )
    return consents.filter(decided_on__lte=on).order_by("-decided_on", "-id").first()


def victim_consents(*, victim: Victim, today: datetime.date) -> QuerySet[Consent]:
    """A victim's consents, each with `counts` (today)."""
    counts = ExpressionWrapper(consent_counts_q(today), output_field=BooleanField())
    return victim.consents.annotate(counts=counts).select_related("created_by", "withdrawn_by")


# --- The victim list's filters (registered into victims.filters.CONDITIONS) ---------------------


def open_stay_q(day: datetime.date) -> Q:
    """An accommodation stay (shelter, independent living, foster care) not ended."""
    return Q(services__service_type__in=ACCOMMODATION_TYPES, services__end_date__isnull=True)


def review_overdue_q(day: datetime.date) -> Q:
    """An open care plan whose next review is before `day`."""
    return Q(care_plans__closed_on__isnull=True, care_plans__next_review_on__lt=day)


def victim_conditions() -> dict:
    return {"open_stay": open_stay_q, "review_overdue": review_overdue_q}


# --- The worklist -------------------------------------------------------------------------------


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
        .filter(identification_status=IdentificationStatus.PRESUMED)
        .annotate(from_case=Subquery(registered_from.order_by("linked_at").values("case__reference")[:1]))
        .filter(from_case__isnull=False)
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
        _of_caseload(CarePlan, user)
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
        _of_caseload(Goal, user, victim="plan__victim")
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
        _of_caseload(Consent, user)
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
        what=f"Presumed victim referred by the police from case {victim.from_case}"
        + (f" ({victim.created_by})" if victim.created_by else ""),
        on=victim.registered_on,
        days=days,
        overdue=days > overdue_days(),
        action=reverse("casework:presumed_referral", args=[victim.pk]),
        action_label="Accept or decline",
    )


def _referral_item(referral: Referral, today) -> WorkItem:
    days = _days(referral.referred_on, today)
    return WorkItem(
        victim=referral.victim,
        what=f"Referral to {referral.agency_label}: no answer yet",
        on=referral.referred_on,
        days=days,
        overdue=days > overdue_days(),
        action=reverse("casework:referral_status", args=[referral.pk]),
        action_label="See the referral" if referral.to_police else "Record the answer",
    )


def _review_item(plan: CarePlan, today) -> WorkItem:
    days = _days(plan.next_review_on, today)
    return WorkItem(
        victim=plan.victim,
        what="Care-plan review " + ("overdue" if days > 0 else "due"),
        on=plan.next_review_on,
        days=days,
        overdue=days > 0,
        action=reverse("casework:review_create", args=[plan.pk]),
        action_label="Record the review",
    )


def _goal_item(goal: Goal, today) -> WorkItem:
    return WorkItem(
        victim=goal.plan.victim,
        what=f"Goal past its target date: {goal.get_domain_display()} — {goal.description[:80]}",
        on=goal.target_on,
        days=_days(goal.target_on, today),
        overdue=True,
        action=reverse("casework:goal_edit", args=[goal.pk]),
        action_label="Update the goal",
    )


def _consent_item(consent: Consent, today) -> WorkItem:
    about = consent.get_purpose_display() if not consent.agency else f"sharing with {consent.agency_label}"
    return WorkItem(
        victim=consent.victim,
        what=f"Consent expiring: {about}",
        on=consent.expires_on,
        days=_days(consent.expires_on, today),
        overdue=False,
        action=reverse("casework:consent_create", args=[consent.victim_id]),
        action_label="Renew the consent",
    )


@dataclass(frozen=True)
class Worklist:
    """A list of the worklist, with its own page (casework:worklist)."""

    title: str
    rows: object  # function (user, today) -> queryset
    item: object  # function (row, today) -> WorkItem
    waiting: bool  # waiting for an answer (oldest first), rather than due


WORKLISTS = {
    "police-referrals": Worklist(
        "Presumed victims referred by the police",
        lambda user, today: police_referrals(user=user),
        _police_referral_item,
        True,
    ),
    "referrals-waiting": Worklist(
        "Referrals waiting for an answer",
        lambda user, today: referrals_waiting(user=user),
        _referral_item,
        True,
    ),
    "reviews-overdue": Worklist(
        "Care-plan reviews overdue",
        lambda user, today: reviews_overdue(user=user, today=today),
        _review_item,
        False,
    ),
    "reviews-due": Worklist(
        "Care-plan reviews due this week",
        lambda user, today: reviews_due(user=user, today=today),
        _review_item,
        False,
    ),
    "goals-past-target": Worklist(
        "Goals past their target date",
        lambda user, today: goals_past_target(user=user, today=today),
        _goal_item,
        False,
    ),
    "consents-expiring": Worklist(
        f"Consents expiring within {EXPIRING_DAYS} days",
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
    caseload = _caseload(user).aggregate(
        in_care=Count("pk", filter=Q(in_care_q(today))),
        open_stay=Count("pk", filter=Q(Exists(Victim.objects.filter(open_stay_q(today), pk=OuterRef("pk"))))),
        review_overdue=Count(
            "pk", filter=Q(Exists(Victim.objects.filter(review_overdue_q(today), pk=OuterRef("pk"))))
        ),
    )
    victims = reverse("victims:list")
    figures = [
        Figure(caseload["in_care"], "in care today", f"{victims}?in_care=true"),
        Figure(caseload["open_stay"], "with an open accommodation stay", f"{victims}?open_stay=true"),
        Figure(
            caseload["review_overdue"], "with a review overdue", f"{victims}?review_overdue=true", alarm=True
        ),
    ] + [
        Figure(
            lists[kind].count(),
            WORKLISTS[kind].title.lower(),
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


# --- The victim's page: consent, assessment, plan, referrals, and the timeline -----------------


@dataclass
class Event:
    on: datetime.date
    kind: str
    text: str


RISK_BADGE = {
    RiskLevel.LOW: "text-bg-success",
    RiskLevel.MEDIUM: "text-bg-warning",
    RiskLevel.HIGH: "text-bg-danger",
}


def consent_state(consent: Consent, today: datetime.date) -> tuple[str, str]:
    """What a consent (annotated with `counts`) is today, and the colour of its badge."""
    if consent.counts:
        if consent.expires_on and consent.expires_on <= today + datetime.timedelta(days=EXPIRING_DAYS):
            return f"Current, expires {consent.expires_on:%Y-%m-%d}", "text-bg-warning"
        return "Current", "text-bg-success"
    if consent.answer == ConsentAnswer.REFUSED:
        return "Refused", "text-bg-secondary"
    if consent.withdrawn_on and consent.withdrawn_on <= today:
        return f"Withdrawn {consent.withdrawn_on:%Y-%m-%d}", "text-bg-dark"
    if consent.expires_on and consent.expires_on < today:
        return f"Expired {consent.expires_on:%Y-%m-%d}", "text-bg-danger"
    return "Replaced by a later answer", "text-bg-light"


def victim_casework(*, victim: Victim, today: datetime.date) -> dict:
    """Everything of a victim's casework, in a fixed number of queries."""
    goals = Goal.objects.order_by("status", "target_on", "id")
    reviews = Review.objects.select_related("created_by").order_by("-reviewed_on", "-id")
    plans = list(
        victim.care_plans.select_related("assessment").prefetch_related(
            Prefetch("goals", queryset=goals), Prefetch("reviews", queryset=reviews)
        )
    )
    consents = list(victim_consents(victim=victim, today=today))
    for consent in consents:
        consent.state = consent_state(consent, today)
    return {
        "consents": consents,
        "assessments": list(victim.assessments.select_related("created_by")),
        "plans": plans,
        "plan": next((p for p in plans if p.is_open), None),
        "referrals": list(victim.referrals.select_related("consent", "case", "created_by")),
        "services": list(ServiceEpisode.objects.filter(victim=victim).order_by("-start_date", "-id")),
        "today": today,
        "week_end": today + datetime.timedelta(days=WEEK - 1),
    }


def timeline(data: dict) -> list[Event]:
    """The dated events of the casework and the services, latest first."""
    events = []
    for c in data["consents"]:
        about = f"sharing with {c.agency_label}" if c.agency else c.get_purpose_display().lower()
        events.append(
            Event(
                c.decided_on,
                "Consent",
                f"{c.get_answer_display()}: {about} ({c.get_method_display().lower()})",
            )
        )
        if c.withdrawn_on:
            events.append(Event(c.withdrawn_on, "Consent", f"Withdrawn: {about}"))
    for a in data["assessments"]:
        events.append(
            Event(
                a.assessed_on,
                "Assessment",
                f"{a.get_risk_display()} risk; needs: "
                + (", ".join(label for label, _ in a.needs) or "none found"),
            )
        )
    for p in data["plans"]:
        events.append(Event(p.made_on, "Care plan", f"Plan made, {len(p.goals.all())} goal(s)"))
        for r in p.reviews.all():
            after = "plan closed" if r.closes_plan else f"next review {r.next_review_on:%Y-%m-%d}"
            events.append(Event(r.reviewed_on, "Review", f"{r.changes[:120]} ({after})"))
    for r in data["referrals"]:
        events.append(
            Event(
                r.referred_on,
                "Referral",
                f"Referred to {r.agency_label}" + (" without consent" if r.without_consent else ""),
            )
        )
        if r.answered_on:
            answer = "declined" if r.status == ReferralStatus.DECLINED else "accepted"
            events.append(Event(r.answered_on, "Referral", f"{r.agency_label}: {answer}"))
        if r.completed_on:
            events.append(Event(r.completed_on, "Referral", f"{r.agency_label}: completed"))
    for s in data["services"]:
        events.append(
            Event(
                s.start_date,
                "Service",
                f"{s.get_service_type_display()} started" + (f" ({s.provider})" if s.provider else ""),
            )
        )
        if s.end_date:
            events.append(Event(s.end_date, "Service", f"{s.get_service_type_display()} ended"))
    return sorted(events, key=lambda e: e.on, reverse=True)


@panel("victim", "casework/_victim_casework.html", order=15)
def casework_panel(*, user, victim) -> dict | None:
    """Consent, the latest assessment, the care plan, referrals and the timeline: social
    workers only. The header shows the latest risk level."""
    if not can(user, Ability.MANAGE_CASEWORK):
        return None
    today = timezone.localdate()
    data = victim_casework(victim=victim, today=today)
    latest = data["assessments"][0] if data["assessments"] else None
    return {
        **data,
        "assessment": latest,
        "timeline": timeline(data),
        "badge": (f"{latest.get_risk_display()} risk", RISK_BADGE[latest.risk]) if latest else None,
    }


def case_summary(*, user, victim: Victim) -> dict:
    """The printable summary: the record, decisions, consent, plan, services, repatriations,
    referrals and the cases the person is listed in (status and dates)."""
    today = timezone.localdate()
    data = victim_casework(victim=victim, today=today)
    return {
        **data,
        "decisions": list(victim.decisions.select_related("recorded_by")),
        "forms": list(victim.exploitation_forms.all()),
        "repatriations": list(victim.repatriations.all()),
        "cases": list(
            cases_for_user(user=user).filter(victim_links__victim=victim).order_by("-reported_on", "-id")
        ),
    }
