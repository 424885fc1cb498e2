"""Casework of Human Services (issue 10): consent, needs and risk assessments, care plans with
goals and reviews, referrals to other agencies.

Every record is versioned (django-simple-history, and VersionedModel's optimistic locking through
atip.services.model_save) and none is ever deleted: a consent is withdrawn, a goal dropped, a plan
closed at its last review, a referral declined.
"""

from casework.models.agencies import NAMED_AGENCIES, OUTSIDE_AGENCIES, AgencyFields, minor_on
from casework.models.assessments import NEED_FIELDS, Assessment, Domain, RiskLevel
from casework.models.consent import Consent, ConsentAnswer, ConsentMethod, ConsentPurpose
from casework.models.plans import CarePlan, Goal, GoalStatus, Review
from casework.models.referrals import Referral, ReferralStatus

__all__ = [
    "NAMED_AGENCIES",
    "NEED_FIELDS",
    "OUTSIDE_AGENCIES",
    "AgencyFields",
    "Assessment",
    "CarePlan",
    "Consent",
    "ConsentAnswer",
    "ConsentMethod",
    "ConsentPurpose",
    "Domain",
    "Goal",
    "GoalStatus",
    "Referral",
    "ReferralStatus",
    "Review",
    "RiskLevel",
    "minor_on",
]
