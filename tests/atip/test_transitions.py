"""atip.transitions: one way to check a status change against its record type's course."""

from atip.transitions import transition_errors
from cases.models import CaseStatus
from cases.services import COURSE as CASE_COURSE
from casework.models.referrals import ReferralStatus
from casework.referrals import NEXT_STATUS
from victims.models import IdentificationStatus
from victims.services import FORWARD

ALREADY, OFF = "already %(status)s", "off %(status)s"


def errors(course, current, to, note=None):
    return transition_errors(course, current=current, to=to, note=note, already=ALREADY, off_course=OFF)


def test_a_move_on_the_course_is_allowed():
    assert errors(NEXT_STATUS, ReferralStatus.SENT, "accepted") == {}
    assert errors(CASE_COURSE, CaseStatus.REPORTED, "closed") == {}  # a case may skip a step
    assert errors(FORWARD, IdentificationStatus.PRESUMED, "identified", note="") == {}


def test_staying_put_is_refused_on_the_status():
    assert errors(NEXT_STATUS, ReferralStatus.SENT, "sent") == {"status": "already Sent"}
    assert errors(CASE_COURSE, CaseStatus.CLOSED, "closed", note="why") == {"status": "already Closed"}


def test_a_move_off_the_course_is_refused_or_needs_a_note():
    assert errors(NEXT_STATUS, ReferralStatus.DECLINED, "accepted") == {"status": "off Declined"}
    assert errors(CASE_COURSE, CaseStatus.CLOSED, "investigating", note=" ") == {"note": "off Closed"}
    assert errors(CASE_COURSE, CaseStatus.CLOSED, "investigating", note="New evidence.") == {}
    identified = IdentificationStatus.IDENTIFIED
    assert errors(FORWARD, identified, "not_victim", note="") == {"note": "off Officially identified"}


def test_every_status_has_its_course():
    for course, statuses in (
        (NEXT_STATUS, ReferralStatus),
        (CASE_COURSE, CaseStatus),
        (FORWARD, IdentificationStatus),
    ):
        assert set(course) == set(statuses)
        assert all(set(nexts) <= set(statuses) for nexts in course.values())
