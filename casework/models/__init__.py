"""Casework of Human Services: consent, needs and risk assessments, care plans with
goals and reviews, referrals to other agencies; contact notes and documents.

Every record is versioned (django-simple-history, and VersionedModel's optimistic locking through
atip.services.model_save) and none is ever deleted: a consent is withdrawn, a goal dropped, a plan
closed at its last review, a referral declined.
"""

from casework.models.agencies import NAMED_AGENCIES, OUTSIDE_AGENCIES, AgencyFields, minor_on
from casework.models.assessments import NEED_FIELDS, Assessment, Domain, RiskLevel
from casework.models.closures import Closure, ClosureReason, ClosureStatus
from casework.models.consent import Consent, ConsentAnswer, ConsentMethod, ConsentPurpose
from casework.models.documents import Document, DocumentKind, DocumentShare, FileType
from casework.models.notes import ContactNote, NoteKind
from casework.models.plans import CarePlan, Goal, GoalStatus, Review
from casework.models.referrals import Referral, ReferralStatus
from casework.models.returns import FOLLOW_UP_MONTHS, FollowUp, FollowUpOutcome, Receiver, ReturnAssessment

__all__ = [
    "FOLLOW_UP_MONTHS",
    "FollowUp",
    "FollowUpOutcome",
    "Receiver",
    "ReturnAssessment",
    "NAMED_AGENCIES",
    "NEED_FIELDS",
    "OUTSIDE_AGENCIES",
    "AgencyFields",
    "Assessment",
    "CarePlan",
    "Closure",
    "ClosureReason",
    "ClosureStatus",
    "Consent",
    "ConsentAnswer",
    "ConsentMethod",
    "ConsentPurpose",
    "ContactNote",
    "Document",
    "DocumentKind",
    "DocumentShare",
    "Domain",
    "FileType",
    "Goal",
    "GoalStatus",
    "NoteKind",
    "Referral",
    "ReferralStatus",
    "Review",
    "RiskLevel",
    "minor_on",
]
