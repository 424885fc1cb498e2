"""Writes on casework: consent and its withdrawal, assessments, care plans, goals and reviews,
referrals and their answers (the police unit's included), and the decision on a presumed victim
referred by the police. Every write goes through atip.services.model_save (validated, versioned,
audited on the victim's record) and takes the acting user as `by`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from atip.codes import Agency
from atip.references import normalise
from atip.services import model_save
from cases.links import link_victim
from cases.models import Case, CaseSource
from cases.services import case_create
from casework.models import (
    NAMED_AGENCIES,
    NEED_FIELDS,
    Assessment,
    CarePlan,
    Consent,
    ConsentAnswer,
    ConsentPurpose,
    Goal,
    Referral,
    ReferralStatus,
    Review,
)
from casework.selectors import latest_sharing_answer, sharing_consent
from victims.models import IdentificationStatus, Victim
from victims.services import victim_decide

AGENCY_FIELDS = ("agency", "agency_name", "agency_country")
CONSENT_FIELDS = (
    "purpose",
    *AGENCY_FIELDS,
    "answer",
    "decided_on",
    "method",
    "witness_name",
    "guardian_name",
    "expires_on",
    "note",
)
ASSESSMENT_FIELDS = ("assessed_on", "risk", "risk_basis", *NEED_FIELDS.values())
PLAN_FIELDS = ("assessment", "made_on", "next_review_on")
GOAL_FIELDS = ("domain", "description", *AGENCY_FIELDS, "target_on", "status", "status_note")
REVIEW_FIELDS = ("reviewed_on", "participants", "changes", "next_review_on")
REFERRAL_FIELDS = ("referred_on", *AGENCY_FIELDS, "reason", "shared", "override_reason")

# The course of a referral: sent → accepted or declined; accepted → completed.
NEXT_STATUS = {
    ReferralStatus.SENT: {ReferralStatus.ACCEPTED, ReferralStatus.DECLINED},
    ReferralStatus.ACCEPTED: {ReferralStatus.COMPLETED},
    ReferralStatus.DECLINED: set(),
    ReferralStatus.COMPLETED: set(),
}


def agency_data(data: dict) -> dict:
    """`data` with a name only for an agency known by its name and a country only for a
    consulate (what a form left in the other fields is dropped)."""
    data = dict(data)
    if "agency" in data:
        agency = data["agency"] or ""
        named = agency in NAMED_AGENCIES
        data["agency_name"] = " ".join((data.get("agency_name") or "").split()) if named else ""
        data["agency_country"] = data.get("agency_country") or "" if agency == Agency.CONSULATE else ""
    return data


def consent_data(data: dict, *, consent: Consent | None = None) -> dict:
    """`data` of a consent: an agency only for a consent to share."""
    purpose = data.get("purpose", consent.purpose if consent else "")
    return agency_data({**data, "agency": ""} if purpose != ConsentPurpose.SHARING else data)


def _detail(prefix: str):
    return lambda record: f"{prefix} {record.pk}"


# --- Consent ----------------------------------------------------------------------------------


def consent_save(*, consent: Consent, by, data: dict, expected_version: int | None = None) -> Consent:
    """Record (no pk) or correct an answer about consent. Only a consent to share names an
    agency; a minor's needs the parent or guardian who answered (Consent.clean)."""
    return model_save(
        consent,
        fields=CONSENT_FIELDS,
        data=consent_data(data, consent=consent),
        by=by,
        expected_version=expected_version,
        audit_obj=consent.victim,
        detail=lambda c: f"consent {c.pk}: {c.purpose} {c.answer}",
    )


def consent_withdraw(
    *, consent: Consent, by, on: datetime.date, note: str = "", expected_version: int | None
) -> Consent:
    """Withdraw a given consent from `on`: it is kept, and stops counting that day."""
    if consent.answer != ConsentAnswer.GIVEN:
        raise ValidationError("Only a consent that was given can be withdrawn.")
    if consent.withdrawn_on is not None:
        raise ValidationError(f"This consent was already withdrawn on {consent.withdrawn_on:%Y-%m-%d}.")
    if on < consent.decided_on:
        raise ValidationError(
            {"withdrawn_on": f"The consent was given on {consent.decided_on:%Y-%m-%d}, after this date."}
        )
    return model_save(
        consent,
        fields=("withdrawn_on", "withdrawal_note", "withdrawn_by"),
        data={"withdrawn_on": on, "withdrawal_note": note.strip(), "withdrawn_by": by},
        by=by,
        expected_version=expected_version,
        audit_obj=consent.victim,
        detail=lambda c: f"consent {c.pk}: withdrawn",
    )


# --- Assessment, care plan, goals, reviews ------------------------------------------------------


def assessment_save(
    *, assessment: Assessment, by, data: dict, expected_version: int | None = None
) -> Assessment:
    """Record (no pk) or correct a needs and risk assessment."""
    return model_save(
        assessment,
        fields=ASSESSMENT_FIELDS,
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=assessment.victim,
        detail=_detail("assessment"),
    )


@transaction.atomic
def plan_create(*, victim: Victim, by, data: dict) -> CarePlan:
    """Start a care plan with the date of its first review. A person has one open plan at a
    time: the review that closes it makes room for the next."""
    Victim.objects.select_for_update().filter(pk=victim.pk).first()  # one plan at a time, even at once
    if CarePlan.objects.filter(victim=victim, closed_on__isnull=True).exists():
        raise ValidationError(
            "This person already has a care plan in progress: review it, or close it at a review, "
            "before starting another."
        )
    if not data.get("next_review_on"):
        raise ValidationError({"next_review_on": "Set the date of the first review."})
    return model_save(
        CarePlan(victim=victim),
        fields=PLAN_FIELDS,
        data=data,
        by=by,
        audit_obj=victim,
        detail=_detail("care plan"),
    )


def plan_update(*, plan: CarePlan, by, data: dict, expected_version: int | None) -> CarePlan:
    """Correct a plan, or move its next review (an open plan always has one)."""
    if plan.is_open and "next_review_on" in data and not data["next_review_on"]:
        raise ValidationError({"next_review_on": "An open plan needs the date of its next review."})
    if not plan.is_open:
        data = {k: v for k, v in data.items() if k != "next_review_on"}
    first = plan.reviews.order_by("reviewed_on").first()
    if first and data.get("made_on") and data["made_on"] > first.reviewed_on:
        raise ValidationError(
            {"made_on": f"The plan was reviewed on {first.reviewed_on:%Y-%m-%d}, before this date."}
        )
    return model_save(
        plan,
        fields=PLAN_FIELDS,
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=plan.victim,
        detail=_detail("care plan"),
    )


def goal_save(*, goal: Goal, by, data: dict, expected_version: int | None = None) -> Goal:
    """Add (no pk) or change a goal of a care plan; dropping one needs a note."""
    return model_save(
        goal,
        fields=GOAL_FIELDS,
        data=agency_data(data),
        by=by,
        expected_version=expected_version,
        audit_obj=goal.plan.victim,
        detail=lambda g: f"goal {g.pk}: {g.status}",
    )


def _latest_review(plan: CarePlan, *, excluding: int | None = None) -> Review | None:
    return plan.reviews.exclude(pk=excluding).order_by("-reviewed_on", "-id").first()


@transaction.atomic
def review_add(*, plan: CarePlan, by, data: dict, closes_plan: bool = False) -> Review:
    """Record a review of an open plan: it sets the plan's next review, or closes the plan."""
    plan = CarePlan.objects.select_for_update().select_related("victim").get(pk=plan.pk)
    if not plan.is_open:
        raise ValidationError(f"This plan was closed on {plan.closed_on:%Y-%m-%d}.")
    latest = _latest_review(plan)
    reviewed_on = data.get("reviewed_on")
    if latest and reviewed_on and reviewed_on < latest.reviewed_on:
        raise ValidationError(
            {"reviewed_on": f"The plan's latest review was on {latest.reviewed_on:%Y-%m-%d}."}
        )
    review = Review(plan=plan, closes_plan=closes_plan)
    model_save(
        review, fields=REVIEW_FIELDS, data=data, by=by, audit_obj=plan.victim, detail=_detail("review")
    )
    _follow(plan, review, by=by)
    return review


@transaction.atomic
def review_update(*, review: Review, by, data: dict, expected_version: int | None) -> Review:
    """Correct a review; the plan's next review (or closing date) follows its latest review."""
    plan = CarePlan.objects.select_for_update().select_related("victim").get(pk=review.plan_id)
    other = _latest_review(plan, excluding=review.pk)
    reviewed_on = data.get("reviewed_on") or review.reviewed_on
    if review.closes_plan and other and reviewed_on < other.reviewed_on:
        raise ValidationError(
            {
                "reviewed_on": "The review that closed the plan cannot be before another "
                f"({other.reviewed_on:%Y-%m-%d})."
            }
        )
    model_save(
        review,
        fields=REVIEW_FIELDS,
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=plan.victim,
        detail=_detail("review"),
    )
    _follow(plan, _latest_review(plan), by=by)
    return review


def _follow(plan: CarePlan, review: Review, *, by) -> None:
    """The plan takes its next review (or its closing date) from its latest review."""
    data = {"next_review_on": review.next_review_on}
    if review.closes_plan:
        data["closed_on"] = review.reviewed_on
    if all(getattr(plan, k) == v for k, v in data.items()):
        return
    model_save(
        plan,
        fields=tuple(data),
        data=data,
        by=by,
        expected_version=plan.version,
        audit_obj=plan.victim,
        detail=lambda p: (
            f"care plan {p.pk}: " + ("closed" if p.closed_on else f"next review {p.next_review_on}")
        ),
    )


# --- Referrals -----------------------------------------------------------------------------------


def _no_consent_message(referral: Referral, latest: Consent | None) -> str:
    when = f"{referral.referred_on:%Y-%m-%d}"
    to = referral.agency_label
    if latest is None:
        why = f"No consent to share with {to} is recorded."
    elif latest.answer == ConsentAnswer.REFUSED:
        why = f"The person refused to share with {to} on {latest.decided_on:%Y-%m-%d}."
    elif latest.withdrawn_on and latest.withdrawn_on <= referral.referred_on:
        why = f"The consent to share with {to} was withdrawn on {latest.withdrawn_on:%Y-%m-%d}."
    else:
        why = f"The consent to share with {to} expired on {latest.expires_on:%Y-%m-%d}."
    return (
        f"{why} Record the person's consent first, or say here why the referral must go without it "
        f"(on {when})."
    )


@transaction.atomic
def referral_create(*, victim: Victim, by, data: dict) -> Referral:
    """Refer a person to an outside agency. It needs the person's consent to share with that
    agency, current on the referral's date, or a written reason to go without it; the audit row
    says which."""
    data = agency_data(data)
    referral = Referral(victim=victim)
    for name in REFERRAL_FIELDS:
        if name in data:
            setattr(referral, name, data[name])
    if errors := referral.agency_errors(required=True, outside=True):
        raise ValidationError(errors)
    about = {name: getattr(referral, name) for name in AGENCY_FIELDS}
    consent = sharing_consent(victim=victim, on=referral.referred_on, **about)
    if consent is None and not (data.get("override_reason") or "").strip():
        latest = latest_sharing_answer(victim=victim, on=referral.referred_on, **about)
        raise ValidationError({"override_reason": _no_consent_message(referral, latest)})
    referral.consent = consent
    data = {**data, "override_reason": "" if consent else data["override_reason"].strip()}

    def detail(r: Referral) -> str:
        basis = f"consent {consent.pk}" if consent else "WITHOUT CONSENT: override, reason recorded"
        return f"referral {r.pk} to {r.agency}: {basis}"

    return model_save(referral, fields=REFERRAL_FIELDS, data=data, by=by, audit_obj=victim, detail=detail)


@transaction.atomic
def referral_set_status(
    *, referral: Referral, by, status: str, on: datetime.date, note: str = "", expected_version: int | None
) -> Referral:
    """Record the agency's answer (accepted, or declined with its reason) and then the
    referral's completion. The police unit answers its referrals itself (police_referral_decide)."""
    current = ReferralStatus(referral.status)
    note = note.strip()
    if status not in NEXT_STATUS[current]:
        raise ValidationError({"status": f"A referral that is “{current.label.lower()}” cannot become that."})
    if referral.to_police and status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
        raise ValidationError({"status": "The ATIPs Police Unit answers this referral in the application."})
    data = {"status": status}
    if status == ReferralStatus.COMPLETED:
        data["completed_on"] = on
    else:
        data.update(answered_on=on, answered_by=by)
    if status == ReferralStatus.DECLINED:
        if not note:
            raise ValidationError({"note": "Say why the agency declined."})
        data["decline_reason"] = note
    return model_save(
        referral,
        fields=tuple(data),
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=referral.victim,
        detail=lambda r: f"referral {r.pk}: {r.status}",
    )


# What the police unit may do with a referral made to it.
ACCEPT_NEW, ACCEPT_JOIN, DECLINE = "accept_new", "accept_join", "decline"


@transaction.atomic
def police_referral_decide(
    *,
    referral: Referral,
    by,
    decision: str,
    case_reference: str = "",
    district: str = "",
    note: str = "",
    expected_version: int | None,
) -> Referral:
    """The police unit accepts a referral made to it — opening a case, or in an existing case
    named by its reference — which lists the person in that case (cases.links.link_victim,
    audited); or declines it, saying why."""
    if not referral.to_police:
        raise ValidationError("This referral is not to the ATIPs Police Unit.")
    if referral.status != ReferralStatus.SENT:
        raise ValidationError(f"This referral was already {referral.get_status_display().lower()}.")
    note = note.strip()
    today = timezone.localdate()
    data = {"answered_on": today, "answered_by": by}
    if decision == DECLINE:
        if not note:
            raise ValidationError({"note": "Say why the referral is declined: Human Services reads it."})
        data.update(status=ReferralStatus.DECLINED, decline_reason=note)
    elif decision == ACCEPT_JOIN:
        case = Case.objects.filter(reference=normalise(case_reference)).first() if case_reference else None
        if case is None:
            raise ValidationError({"case_reference": "No case has this reference."})
        data.update(status=ReferralStatus.ACCEPTED, case=case)
    elif decision == ACCEPT_NEW:
        case = case_create(
            by=by,
            data={
                "reported_on": referral.referred_on,
                "source": CaseSource.HUMAN_SERVICES,
                "district": district or "",
                "summary": f"Referred by Human Services on {referral.referred_on:%Y-%m-%d}: "
                + referral.reason,
            },
        )
        data.update(status=ReferralStatus.ACCEPTED, case=case)
    else:
        raise ValidationError({"decision": "Accept or decline the referral."})
    saved = model_save(
        referral,
        fields=tuple(data),
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=referral.victim,
        detail=lambda r: (
            f"referral {r.pk}: {r.status} by the police unit"
            + (f", case {r.case.reference}" if r.case_id else "")
        ),
    )
    if saved.case_id:
        link_victim(case=saved.case, victim=referral.victim, by=referral.created_by or by, accepted_by=by)
    return saved


# --- The police's presumed-victim referrals ------------------------------------------------------


def presumed_referral_decide(
    *, victim: Victim, by, accept: bool, decided_on: datetime.date, identified_by: str = "", note: str = ""
):
    """Accept a presumed victim referred by the police (identify the person) or decline the
    referral (screen the person out, saying why), through victims.services.victim_decide."""
    if victim.identification_status != IdentificationStatus.PRESUMED:
        raise ValidationError(
            f"A decision was already taken: “{victim.get_identification_status_display()}”."
        )
    if not accept and not note.strip():
        raise ValidationError({"note": "Say why the person is screened out."})
    return victim_decide(
        victim=victim,
        by=by,
        status=IdentificationStatus.IDENTIFIED if accept else IdentificationStatus.NOT_VICTIM,
        decided_on=decided_on,
        identified_by=identified_by if accept else "",
        note=note.strip(),
    )
