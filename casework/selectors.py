"""Reads on casework, always scoped to the user (roles.md: assistance and case notes are the
social workers'): one selector per record type, the rule of "current consent", and the panel
casework adds to a victim's page. The worklists and the home pages' panels are in
casework.worklist.

The police unit reads only the referrals made to it, and a referred person's identity only once
the person is linked to one of its cases (victims.selectors.victims_for_user).
"""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from atip.access import object_for_user
from atip.codes import Agency
from atip.panels import panel
from atip.roles import Ability, can
from cases.selectors import cases_for_user
from casework.document_access import attach_to_consents
from casework.models.assessments import Assessment, RiskLevel
from casework.models.consent import Consent, ConsentAnswer, ConsentPurpose
from casework.models.plans import CarePlan, Goal, Review
from casework.models.referrals import Referral, ReferralStatus
from casework.notes import note_summary, notes_shown, person_notes
from services.models import ServiceEpisode
from services.selectors import current_stay
from victims.access import VictimAccess
from victims.models import Victim
from victims.selectors import victims_for_user

WEEK = 7  # "due this week": today and the six days after it
EXPIRING_DAYS = 30  # "consents expiring": within the next 30 days


# --- Access: one selector per record type -----------------------------------------------------


def of_caseload(model, user, *, victim: str = "victim") -> QuerySet:
    """The rows of `model` that hang on a victim `user` sees, for those who keep casework."""
    if not can(user, Ability.MANAGE_CASEWORK):
        return model.objects.none()
    return model.objects.filter(**{f"{victim}__in": victims_for_user(user=user)})


def consent_for_user_or_404(*, user, pk) -> Consent:
    return object_for_user(of_caseload(Consent, user).select_related("victim"), pk, user=user)


def assessment_for_user_or_404(*, user, pk) -> Assessment:
    return object_for_user(of_caseload(Assessment, user).select_related("victim"), pk, user=user)


def plan_for_user_or_404(*, user, pk) -> CarePlan:
    return object_for_user(of_caseload(CarePlan, user).select_related("victim"), pk, user=user)


def goal_for_user_or_404(*, user, pk) -> Goal:
    goals = of_caseload(Goal, user, victim="plan__victim").select_related("plan__victim")
    return object_for_user(goals, pk, user=user)


def review_for_user_or_404(*, user, pk) -> Review:
    reviews = of_caseload(Review, user, victim="plan__victim").select_related("plan__victim")
    return object_for_user(reviews, pk, user=user)


def referrals_for_user(*, user) -> QuerySet[Referral]:
    """Social workers: every referral of the caseload. The police unit: the referrals made to it
    (whoever they name). Others: none."""
    if can(user, Ability.MANAGE_CASEWORK):
        return of_caseload(Referral, user)
    if can(user, Ability.DECIDE_POLICE_REFERRAL):
        return Referral.objects.filter(agency=Agency.ATIPS_POLICE)
    return Referral.objects.none()


def referral_for_user_or_404(*, user, pk, to: Ability | None = None) -> Referral:
    referrals = referrals_for_user(user=user).select_related("victim", "case", "answered_by", "created_by")
    return object_for_user(referrals, pk, user=user, to=to)


def review_overdue_q(day: datetime.date) -> Exists:
    """The victim has an open care plan whose next review is before `day`."""
    overdue = Q(care_plans__closed_on__isnull=True, care_plans__next_review_on__lt=day)
    return Exists(Victim.objects.filter(overdue, pk=OuterRef("pk")))


def referred_person(*, user, referral: Referral) -> VictimAccess:
    """The person a referral names, as its page shows them to `user`: the identity only to those
    who may see the person's record (the police unit: once the person is linked to one of its
    cases)."""
    visible = victims_for_user(user=user).filter(pk=referral.victim_id).exists()
    return VictimAccess(referral.victim, user=user, where=f"referral {referral.pk}", identity=visible)


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
            return _("Current, expires %(date)s") % {
                "date": f"{consent.expires_on:%Y-%m-%d}"
            }, "text-bg-warning"
        return _("Current"), "text-bg-success"
    if consent.answer == ConsentAnswer.REFUSED:
        return _("Refused"), "text-bg-secondary"
    if consent.withdrawn_on and consent.withdrawn_on <= today:
        return _("Withdrawn %(date)s") % {"date": f"{consent.withdrawn_on:%Y-%m-%d}"}, "text-bg-dark"
    if consent.expires_on and consent.expires_on < today:
        return _("Expired %(date)s") % {"date": f"{consent.expires_on:%Y-%m-%d}"}, "text-bg-danger"
    return _("Replaced by a later answer"), "text-bg-light"


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
        about = (
            _("sharing with %(agency)s") % {"agency": c.agency_label}
            if c.agency
            else c.get_purpose_display().lower()
        )
        events.append(
            Event(
                c.decided_on,
                _("Consent"),
                _("%(answer)s: %(about)s (%(method)s)")
                % {
                    "answer": c.get_answer_display(),
                    "about": about,
                    "method": c.get_method_display().lower(),
                },
            )
        )
        if c.withdrawn_on:
            events.append(Event(c.withdrawn_on, _("Consent"), _("Withdrawn: %(about)s") % {"about": about}))
    for a in data["assessments"]:
        needs = ", ".join(str(label) for label, _need in a.needs) or _("none found")
        events.append(
            Event(
                a.assessed_on,
                _("Assessment"),
                _("%(risk)s risk; needs: %(needs)s") % {"risk": a.get_risk_display(), "needs": needs},
            )
        )
    for p in data["plans"]:
        goals = len(p.goals.all())
        events.append(
            Event(
                p.made_on,
                _("Care plan"),
                ngettext("Plan made, %(goals)d goal", "Plan made, %(goals)d goals", goals) % {"goals": goals},
            )
        )
        for r in p.reviews.all():
            after = (
                _("plan closed")
                if r.closes_plan
                else _("next review %(date)s") % {"date": f"{r.next_review_on:%Y-%m-%d}"}
            )
            events.append(Event(r.reviewed_on, _("Review"), f"{r.changes[:120]} ({after})"))
    for r in data["referrals"]:
        referred = (
            _("Referred to %(agency)s without consent") if r.without_consent else _("Referred to %(agency)s")
        )
        events.append(Event(r.referred_on, _("Referral"), referred % {"agency": r.agency_label}))
        if r.answered_on:
            answer = (
                _("%(agency)s: declined")
                if r.status == ReferralStatus.DECLINED
                else _("%(agency)s: accepted")
            )
            events.append(Event(r.answered_on, _("Referral"), answer % {"agency": r.agency_label}))
        if r.completed_on:
            events.append(
                Event(r.completed_on, _("Referral"), _("%(agency)s: completed") % {"agency": r.agency_label})
            )
    for n in data.get("notes", ()):  # contact notes (casework.notes): as this user may read them
        events.append(Event(n.happened_on, _("Contact note"), note_summary(n)))
    for s in data["services"]:
        started = _("%(service)s started") % {"service": s.get_service_type_display()}
        events.append(Event(s.start_date, _("Service"), started + (f" ({s.provider})" if s.provider else "")))
        if s.end_date:
            events.append(
                Event(
                    s.end_date,
                    _("Service"),
                    _("%(service)s ended") % {"service": s.get_service_type_display()},
                )
            )
    return sorted(events, key=lambda e: e.on, reverse=True)


@panel("victim", "casework/_victim_casework.html", order=15)
def casework_panel(*, user, victim: VictimAccess) -> dict | None:
    """Consent (with its signed forms), the latest assessment, the care plan, referrals and the
    timeline (with the contact notes): social workers only. The header shows the latest risk
    level."""
    if not victim.casework:
        return None
    today = timezone.localdate()
    data = victim_casework(victim=victim.victim, today=today)
    data["notes"] = notes_shown(person_notes(user=user, person=victim), user=user, person=victim)
    attach_to_consents(user=user, consents=data["consents"])
    latest = data["assessments"][0] if data["assessments"] else None
    return {
        **data,
        "assessment": latest,
        "timeline": timeline(data),
        "badge": (
            (_("%(risk)s risk") % {"risk": latest.get_risk_display()}, RISK_BADGE[latest.risk])
            if latest
            else None
        ),
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
        "stay": current_stay(victim=victim),
        "cases": list(
            cases_for_user(user=user).filter(victim_links__victim=victim).order_by("-reported_on", "-id")
        ),
    }
