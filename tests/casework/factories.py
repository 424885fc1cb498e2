"""Casework records for tests, written through the services (validated, versioned, audited as
in real use). Each takes the victim (or plan) and the fields a test cares about."""

import datetime

from atip.codes import Agency
from casework.approvals import closure_decide, closure_request
from casework.document_services import document_add
from casework.models import Assessment, CarePlan, Consent, Goal, Referral
from casework.notes import note_write
from casework.referrals import referral_create
from casework.sample_files import pdf
from casework.services import assessment_save, consent_save, goal_save, plan_create
from tests.factories import UserFactory

DAY = datetime.timedelta(days=1)
REGISTERED = datetime.date(2020, 3, 1)  # tests.factories.VictimFactory's registered_on


def worker():
    return UserFactory()


def consent(victim, *, by=None, **fields) -> Consent:
    data = {
        "purpose": "sharing",
        "agency": Agency.IOM,
        "answer": "given",
        "decided_on": REGISTERED,
        "method": "signed_form",
        **fields,
    }
    return consent_save(consent=Consent(victim=victim), by=by or worker(), data=data)


def assessment(victim, *, by=None, **fields) -> Assessment:
    data = {"assessed_on": REGISTERED, "risk": "medium", "risk_basis": "Threats by phone.", **fields}
    return assessment_save(assessment=Assessment(victim=victim), by=by or worker(), data=data)


def plan(victim, *, by=None, next_review_on=REGISTERED + 30 * DAY, **fields) -> CarePlan:
    data = {"made_on": REGISTERED, "next_review_on": next_review_on, **fields}
    return plan_create(victim=victim, by=by or worker(), data=data)


def goal(care_plan, *, by=None, **fields) -> Goal:
    data = {
        "domain": "accommodation",
        "description": "A safe place to live.",
        "agency": Agency.HUMAN_SERVICES,
        "target_on": REGISTERED + 60 * DAY,
        **fields,
    }
    return goal_save(goal=Goal(plan=care_plan), by=by or worker(), data=data)


def referral(victim, *, by=None, **fields) -> Referral:
    """A referral; without a consent given, one with the override reason."""
    data = {
        "referred_on": REGISTERED + 5 * DAY,
        "agency": Agency.IOM,
        "reason": "Return and reintegration.",
        "shared": "Name and nationality.",
        "override_reason": "Urgent: no time to ask.",
        **fields,
    }
    return referral_create(victim=victim, by=by or worker(), data=data)


def note(victim, *, by=None, **fields):
    """A contact note (a visit) written by `by` (a new social worker by default)."""
    data = {
        "kind": "visit",
        "happened_on": REGISTERED + 3 * DAY,
        "participants": "The person; M. Pop (social worker)",
        "place": "Haven House",
        "duration_minutes": 45,
        "text": "Settling in well; asked about her sister.",
        "restricted": False,
        **fields,
    }
    return note_write(victim=victim, by=by or worker(), data=data)


def document(victim, *, by=None, content=None, **fields):
    """A document kept for `victim` (a one-page PDF medical report by default)."""
    data = {"kind": "medical_report", "description": "Check-up", **fields}
    return document_add(
        victim=victim, by=by or worker(), content=content or pdf("Medical report", "No findings."), data=data
    )


def closure(victim, *, by=None, approve_by=None, **fields):
    """A closure asked for by `by` (waiting for approval); closed when `approve_by` approves it."""
    data = {"reason": "reintegrated", "closed_on": REGISTERED + 60 * DAY, "note": "", **fields}
    asked = closure_request(victim=victim, by=by or worker(), data=data)
    if approve_by is None:
        return asked
    return closure_decide(closure=asked, by=approve_by, approve=True, note="", expected_version=asked.version)
