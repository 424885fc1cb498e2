"""Demo casework for seed_demo: consents, assessments, care plans with goals and reviews,
referrals, and police referrals of presumed victims, dated around today so that the social
worker's worklist (and the police unit's) shows something of every kind.

Synthetic only, and written through the services, as real use would write it.
"""

import datetime

from django.utils import timezone

from atip.codes import HOME_COUNTRY, Agency
from atip.roles import Role
from cases.models import Case, CaseStatus
from cases.services import case_register_presumed_victim
from casework import demo_caseload, demo_notes
from casework.models.agencies import minor_on
from casework.models.assessments import Assessment, Domain, RiskLevel
from casework.models.consent import Consent, ConsentMethod, ConsentPurpose
from casework.models.plans import Goal, GoalStatus
from casework.models.referrals import ReferralStatus
from casework.referrals import referral_create, referral_set_status
from casework.services import (
    assessment_save,
    consent_save,
    consent_withdraw,
    goal_save,
    plan_create,
    review_add,
)
from victims.models import IdentificationStatus, Victim
from victims.selectors import in_care_q

DAY = datetime.timedelta(days=1)
PEOPLE = 6  # people in care whose casework is seeded
NGO = "Haven House"
RISKS = [RiskLevel.HIGH, RiskLevel.MEDIUM, RiskLevel.MEDIUM, RiskLevel.LOW, RiskLevel.HIGH, RiskLevel.LOW]
# (review date relative to today, for the worklist): overdue, due this week, later.
NEXT_REVIEW = [-4, 2, 20, 45, 5, 60]


def seed(*, rng, victims, users) -> None:
    worker, police = users[Role.SOCIAL_WORKER], users[Role.POLICE]
    today = timezone.localdate()
    in_care = set(
        Victim.objects.filter(in_care_q(today), pk__in=[v.pk for v in victims]).values_list("pk", flat=True)
    )
    people = [
        v
        for v in sorted(victims, key=lambda v: v.reference)
        if v.pk in in_care
        and v.identification_status == IdentificationStatus.IDENTIFIED
        and v.identification_date <= today - 90 * DAY
    ][:PEOPLE]
    for n, victim in enumerate(people):
        _casework(rng, n, victim, worker, today)
    _police_referrals(police, today)
    # Contact notes and documents (issue 20).
    demo_notes.seed(people=people, victims=victims, users=users, today=today)
    # Caseloads, a closure waiting for the supervisor, a return with its follow-ups (issue 20).
    demo_caseload.seed(people=people, victims=victims, users=users, today=today)


def _consent(victim, by, purpose, on, *, agency="", name="", expires=None, method=ConsentMethod.SIGNED_FORM):
    return consent_save(
        consent=Consent(victim=victim),
        by=by,
        data={
            "purpose": purpose,
            "agency": agency,
            "agency_name": name,
            "answer": "given",
            "decided_on": on,
            "method": method,
            "witness_name": "R. Young, shelter manager" if method == ConsentMethod.VERBAL else "",
            "guardian_name": "Mother (demo guardian)" if minor_on(victim, on) else "",
            "expires_on": expires,
        },
    )


def _casework(rng, n, victim, by, today) -> None:
    start = victim.identification_date
    for purpose in (ConsentPurpose.SERVICES, ConsentPurpose.STATISTICS, ConsentPurpose.FOLLOW_UP):
        _consent(victim, by, purpose, start)
    iom = _consent(
        victim,
        by,
        ConsentPurpose.SHARING,
        start,
        agency=Agency.IOM,
        expires=today + (12 if n == 0 else 200) * DAY,
    )
    assessed = start + 2 * DAY
    assessment = assessment_save(
        assessment=Assessment(victim=victim),
        by=by,
        data={
            "assessed_on": assessed,
            "risk": RISKS[n],
            "risk_basis": "Recruiter still in contact with the family; threats by phone."
            if RISKS[n] == RiskLevel.HIGH
            else "No contact from the recruiters since the rescue; lives in a shelter.",
            "need_safety": "Safe accommodation; no phone contact with the recruiter.",
            "need_health": "Medical check-up; dental care.",
            "need_psychological": "Counselling for trauma, weekly.",
            "need_legal": "Legal aid as a witness in the criminal case.",
            "need_documentation": ""
            if victim.nationality == HOME_COUNTRY
            else "Passport held by the employer.",
            "need_livelihood": "Vocational training; a work permit.",
        },
    )
    made = assessed + 3 * DAY
    first_review = made + 30 * DAY
    target = today + NEXT_REVIEW[n] * DAY
    plan = plan_create(
        victim=victim,
        by=by,
        data={
            "made_on": made,
            "assessment": assessment,
            "next_review_on": first_review if first_review < target else target,
        },
    )
    goals = [
        (Domain.ACCOMMODATION, "A safe place to live after the shelter.", Agency.HUMAN_SERVICES, "", 60),
        (Domain.LEGAL, "Legal aid for the criminal proceedings.", Agency.NGO, NGO, 90),
        (
            Domain.LIVELIHOOD,
            "Finish a vocational course and find work.",
            Agency.LABOUR,
            "",
            -10 if n in (0, 2) else 120,
        ),
    ]
    for domain, text, agency, name, days in goals:
        goal_save(
            goal=Goal(plan=plan),
            by=by,
            data={
                "domain": domain,
                "description": text,
                "agency": agency,
                "agency_name": name,
                "target_on": today + days * DAY,
            },
        )
    if first_review < target and first_review <= today:
        review_add(
            plan=plan,
            by=by,
            data={
                "reviewed_on": first_review,
                "participants": "The person, the social worker, the shelter manager",
                "changes": "Settled at the shelter; counselling started. Legal aid requested.",
                "next_review_on": target,
            },
        )
    goal = plan.goals.get(domain=Domain.ACCOMMODATION)
    if n == 3:
        goal_save(
            goal=goal,
            by=by,
            data={"status": GoalStatus.DROPPED, "status_note": "The person chose to return home."},
            expected_version=goal.version,
        )
    _referrals(n, victim, by, start, assessed, iom, today)


def _referrals(n, victim, by, start, assessed, iom, today) -> None:
    sent = min(assessed + 5 * DAY, today)
    if n == 0:
        referral = referral_create(
            victim=victim,
            by=by,
            data={
                "referred_on": sent,
                "agency": Agency.IOM,
                "reason": "Assisted voluntary return and reintegration.",
                "shared": "Name, date of birth, nationality; the needs assessment.",
            },
        )
        referral_set_status(
            referral=referral,
            by=by,
            status=ReferralStatus.ACCEPTED,
            on=min(sent + 3 * DAY, today),
            expected_version=referral.version,
        )
        referral_set_status(
            referral=referral,
            by=by,
            status=ReferralStatus.COMPLETED,
            on=min(sent + 30 * DAY, today),
            expected_version=referral.version,
        )
    elif n == 1:
        ngo = _consent(
            victim,
            by,
            ConsentPurpose.SHARING,
            start,
            agency=Agency.NGO,
            name=NGO,
            method=ConsentMethod.VERBAL,
        )
        consent_withdraw(
            consent=ngo,
            by=by,
            on=today - 20 * DAY,
            note="Said at the review she no longer wants it.",
            expected_version=ngo.version,
        )
        referral_create(
            victim=victim,
            by=by,
            data={
                "referred_on": today - 14 * DAY,
                "agency": Agency.NGO,
                "agency_name": NGO,
                "reason": "Legal aid for the trial, which starts next month.",
                "shared": "Name and the hearing dates.",
                "override_reason": "The court appointed the NGO's lawyer; the hearing cannot wait for a "
                "new consent.",
            },
        )
    elif n == 2:
        _consent(victim, by, ConsentPurpose.SHARING, start, agency=Agency.ATIPS_POLICE)
        referral_create(
            victim=victim,
            by=by,
            data={
                "referred_on": today - 12 * DAY,
                "agency": Agency.ATIPS_POLICE,
                "reason": "The person now wants to report the recruiter, who works from a bar in "
                "Orange Walk.",
                "shared": "The person's statement to the social worker.",
            },
        )
    elif n == 3:
        _consent(victim, by, ConsentPurpose.SHARING, start, agency=Agency.LABOUR)
        referral = referral_create(
            victim=victim,
            by=by,
            data={
                "referred_on": sent,
                "agency": Agency.LABOUR,
                "reason": "Unpaid wages at the farm.",
                "shared": "Name and the employer's address.",
            },
        )
        referral_set_status(
            referral=referral,
            by=by,
            status=ReferralStatus.DECLINED,
            on=min(sent + 7 * DAY, today),
            note="Outside its powers: a matter for the courts.",
            expected_version=referral.version,
        )


def _police_referrals(police, today) -> None:
    """Two presumed victims the police registered from an open case this month, one of them
    waiting longer than the overdue limit."""
    case = Case.objects.exclude(status=CaseStatus.CLOSED).order_by("-reported_on", "-id").first()
    if case is None:
        return
    for given, family, days in (("Yessenia", "Coc", 3), ("Marisol", "Teul", 14)):
        case_register_presumed_victim(
            case=case,
            by=police,
            data={
                "given_name": given,
                "family_name": family,
                "sex": "female",
                "age_estimate": 16,
                "nationality": "GT",
                "registered_on": max(today - days * DAY, case.reported_on),
                "exploitation_forms": ["sexual"],
            },
        )
