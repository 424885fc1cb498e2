"""Writes on casework: consent and its withdrawal, assessments, care plans, goals and reviews
(referrals: casework.referrals). Every write goes through casework_save (atip.services.model_save:
validated, versioned, audited on the victim's record) and takes the acting user as `by`."""

import datetime
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from atip.codes import Agency
from atip.models import VersionedModel
from atip.services import model_save
from casework.models.agencies import NAMED_AGENCIES
from casework.models.assessments import NEED_FIELDS, Assessment
from casework.models.consent import Consent, ConsentAnswer, ConsentPurpose
from casework.models.plans import CarePlan, Goal, Review
from victims.models import Victim

M = TypeVar("M", bound=VersionedModel)

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
PLAN_FIELDS = ("made_on", "assessment", "next_review_on")
GOAL_FIELDS = ("domain", "description", *AGENCY_FIELDS, "target_on", "status", "status_note")
REVIEW_FIELDS = ("reviewed_on", "participants", "changes", "next_review_on")


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


def casework_save(
    record: M, *, fields, data: dict, by, expected_version: int | None = None, detail=None
) -> M:
    """atip.services.model_save for a casework record: audited on the person it is about, with
    `detail` or "<kind> <pk>"."""
    victim = record.plan.victim if isinstance(record, Goal | Review) else record.victim
    return model_save(
        record,
        fields=fields,
        data=data,
        by=by,
        expected_version=expected_version,
        audit_obj=victim,
        detail=detail or (lambda r: f"{r._meta.verbose_name_raw} {r.pk}"),  # the log is in English
    )


# --- Consent ----------------------------------------------------------------------------------


def consent_save(*, consent: Consent, by, data: dict, expected_version: int | None = None) -> Consent:
    """Record (no pk) or correct an answer about consent. Only a consent to share names an
    agency; a minor's needs the parent or guardian who answered (Consent.clean)."""
    return casework_save(
        consent,
        fields=CONSENT_FIELDS,
        data=consent_data(data, consent=consent),
        by=by,
        expected_version=expected_version,
        detail=lambda c: f"consent {c.pk}: {c.purpose} {c.answer}",
    )


def consent_withdraw(
    *, consent: Consent, by, on: datetime.date, note: str = "", expected_version: int | None
) -> Consent:
    """Withdraw a given consent from `on`: it is kept, and stops counting that day."""
    if consent.answer != ConsentAnswer.GIVEN:
        raise ValidationError(_("Only a consent that was given can be withdrawn."))
    if consent.withdrawn_on is not None:
        raise ValidationError(
            _("This consent was already withdrawn on %(withdrawn)s.")
            % {"withdrawn": f"{consent.withdrawn_on:%Y-%m-%d}"}
        )
    if on < consent.decided_on:
        raise ValidationError(
            {
                "withdrawn_on": _("The consent was given on %(given)s, after this date.")
                % {"given": f"{consent.decided_on:%Y-%m-%d}"}
            }
        )
    return casework_save(
        consent,
        fields=("withdrawn_on", "withdrawal_note", "withdrawn_by"),
        data={"withdrawn_on": on, "withdrawal_note": note.strip(), "withdrawn_by": by},
        by=by,
        expected_version=expected_version,
        detail=lambda c: f"consent {c.pk}: withdrawn",
    )


# --- Assessment, care plan, goals, reviews ------------------------------------------------------


def assessment_save(
    *, assessment: Assessment, by, data: dict, expected_version: int | None = None
) -> Assessment:
    """Record (no pk) or correct a needs and risk assessment."""
    return casework_save(
        assessment,
        fields=ASSESSMENT_FIELDS,
        data=data,
        by=by,
        expected_version=expected_version,
    )


@transaction.atomic
def plan_create(*, victim: Victim, by, data: dict) -> CarePlan:
    """Start a care plan with the date of its first review. A person has one open plan at a
    time: the review that closes it makes room for the next."""
    Victim.objects.select_for_update().filter(pk=victim.pk).first()  # one plan at a time, even at once
    if CarePlan.objects.filter(victim=victim, closed_on__isnull=True).exists():
        raise ValidationError(
            _(
                "This person already has a care plan in progress: review it, or close it at a review, "
                "before starting another."
            )
        )
    if not data.get("next_review_on"):
        raise ValidationError({"next_review_on": _("Set the date of the first review.")})
    return casework_save(CarePlan(victim=victim), fields=PLAN_FIELDS, data=data, by=by)


def plan_update(*, plan: CarePlan, by, data: dict, expected_version: int | None) -> CarePlan:
    """Correct a plan, or move its next review (an open plan always has one)."""
    if plan.is_open and "next_review_on" in data and not data["next_review_on"]:
        raise ValidationError({"next_review_on": _("An open plan needs the date of its next review.")})
    if not plan.is_open:
        data = {k: v for k, v in data.items() if k != "next_review_on"}
    first = plan.reviews.order_by("reviewed_on").first()
    if first and data.get("made_on") and data["made_on"] > first.reviewed_on:
        raise ValidationError(
            {
                "made_on": _("The plan was reviewed on %(reviewed)s, before this date.")
                % {"reviewed": f"{first.reviewed_on:%Y-%m-%d}"}
            }
        )
    return casework_save(plan, fields=PLAN_FIELDS, data=data, by=by, expected_version=expected_version)


def goal_save(*, goal: Goal, by, data: dict, expected_version: int | None = None) -> Goal:
    """Add (no pk) or change a goal of a care plan; dropping one needs a note."""
    return casework_save(
        goal,
        fields=GOAL_FIELDS,
        data=agency_data(data),
        by=by,
        expected_version=expected_version,
        detail=lambda g: f"goal {g.pk}: {g.status}",
    )


def _latest_review(plan: CarePlan, *, excluding: int | None = None) -> Review | None:
    return plan.reviews.exclude(pk=excluding).order_by("-reviewed_on", "-id").first()


@transaction.atomic
def review_add(*, plan: CarePlan, by, data: dict, closes_plan: bool = False) -> Review:
    """Record a review of an open plan: it sets the plan's next review, or closes the plan."""
    plan = CarePlan.objects.select_for_update().select_related("victim").get(pk=plan.pk)
    if not plan.is_open:
        raise ValidationError(
            _("This plan was closed on %(closed)s.") % {"closed": f"{plan.closed_on:%Y-%m-%d}"}
        )
    latest = _latest_review(plan)
    reviewed_on = data.get("reviewed_on")
    if latest and reviewed_on and reviewed_on < latest.reviewed_on:
        raise ValidationError(
            {
                "reviewed_on": _("The plan's latest review was on %(reviewed)s.")
                % {"reviewed": f"{latest.reviewed_on:%Y-%m-%d}"}
            }
        )
    review = Review(plan=plan, closes_plan=closes_plan)
    casework_save(review, fields=REVIEW_FIELDS, data=data, by=by)
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
                "reviewed_on": _(
                    "The review that closed the plan cannot be before another review, of %(other)s."
                )
                % {"other": f"{other.reviewed_on:%Y-%m-%d}"}
            }
        )
    casework_save(review, fields=REVIEW_FIELDS, data=data, by=by, expected_version=expected_version)
    _follow(plan, _latest_review(plan), by=by)
    return review


def _follow(plan: CarePlan, review: Review, *, by) -> None:
    """The plan takes its next review (or its closing date) from its latest review."""
    data = {"next_review_on": review.next_review_on}
    if review.closes_plan:
        data["closed_on"] = review.reviewed_on
    if all(getattr(plan, k) == v for k, v in data.items()):
        return
    casework_save(
        plan,
        fields=tuple(data),
        data=data,
        by=by,
        expected_version=plan.version,
        detail=lambda p: (
            f"care plan {p.pk}: " + ("closed" if p.closed_on else f"next review {p.next_review_on}")
        ),
    )
