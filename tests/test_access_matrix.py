"""roles.md as a matrix: every role × record type × linked/unlinked, with the answer each gets.

"Linked" records hang on a victim listed in a case that has a prosecution; "unlinked" ones on a
case that lists no victim, or on a victim listed in no case. 404 = the role may not know the
record exists; 403 = it may see it but not do this; 200 = it may, and then what it sees is
checked: names of suspects and victims only where roles.md grants them.
"""

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from casework.services import review_add
from tests.casework import factories as casework
from tests.factories import CaseFactory, ChargeFactory, ProsecutionFactory, SuspectFactory, VictimFactory

pytestmark = pytest.mark.django_db

SW, PO, PR, SE, AD = Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR
SUSPECT_NAME = "Trafficker"
VICTIM_NAME = "Rosalinda"


@pytest.fixture
def records():
    linked_victim = VictimFactory(given_name=VICTIM_NAME)
    linked_case = CaseFactory(victims=[linked_victim])
    linked_suspect = SuspectFactory(case=linked_case, family_name=SUSPECT_NAME)
    linked_prosecution = ProsecutionFactory(case=linked_case)
    ChargeFactory(prosecution=linked_prosecution, suspect=linked_suspect)

    unlinked_case = CaseFactory()
    unlinked_suspect = SuspectFactory(case=unlinked_case, family_name=SUSPECT_NAME)
    unlinked_prosecution = ProsecutionFactory(case=unlinked_case)
    ChargeFactory(prosecution=unlinked_prosecution, suspect=unlinked_suspect)
    unlinked_victim = VictimFactory(given_name=VICTIM_NAME)

    # Listed in a case, but that case has no prosecution: police see it, prosecutors do not.
    unprosecuted_victim = VictimFactory(given_name=VICTIM_NAME)
    CaseFactory(victims=[unprosecuted_victim])
    work = {linked: _casework(victim) for linked, victim in ((True, linked_victim), (False, unlinked_victim))}
    return {
        **{
            (record, linked): reverse(name, args=[pks[record]])
            for linked, pks in work.items()
            for record, name in CASEWORK_PAGES.items()
        },
        ("case", True): reverse("cases:detail", args=[linked_case.pk]),
        ("case", False): reverse("cases:detail", args=[unlinked_case.pk]),
        ("suspect", True): reverse("cases:suspect_edit", args=[linked_suspect.pk]),
        ("suspect", False): reverse("cases:suspect_edit", args=[unlinked_suspect.pk]),
        ("prosecution", True): reverse("prosecutions:detail", args=[linked_prosecution.pk]),
        ("prosecution", False): reverse("prosecutions:detail", args=[unlinked_prosecution.pk]),
        ("victim", True): reverse("victims:detail", args=[linked_victim.pk]),
        ("victim", False): reverse("victims:detail", args=[unlinked_victim.pk]),
        ("victim_unprosecuted", True): reverse("victims:detail", args=[unprosecuted_victim.pk]),
        ("victim_services", True): reverse("services:victim", args=[linked_victim.pk]),
        ("victim_services", False): reverse("services:victim", args=[unlinked_victim.pk]),
        # Lists records of people whoever may see them: social workers only (issue 10).
        ("possible_duplicates", True): reverse("victims:duplicates"),
    }


# Casework (issue 10): the social workers' alone, but for the referrals made to the police unit.
CASEWORK_PAGES = {
    "consent": "casework:consent_edit",
    "assessment": "casework:assessment_edit",
    "care_plan": "casework:plan_edit",
    "goal": "casework:goal_edit",
    "review": "casework:review_edit",
    "referral": "casework:referral_status",
    "referral_to_police": "casework:police_referral",
    "case_summary": "casework:summary",
}


def _casework(victim) -> dict:
    plan = casework.plan(victim)
    review = review_add(
        plan=plan,
        by=None,
        data={
            "reviewed_on": plan.made_on,
            "participants": "x",
            "changes": "y",
            "next_review_on": plan.next_review_on,
        },
    )
    return {
        "consent": casework.consent(victim).pk,
        "assessment": casework.assessment(victim).pk,
        "care_plan": plan.pk,
        "goal": casework.goal(plan).pk,
        "review": review.pk,
        "referral": casework.referral(victim).pk,
        "referral_to_police": casework.referral(victim, agency="atips_police").pk,
        "case_summary": victim.pk,
    }


SOCIAL_WORKERS_ONLY = {SW: 200, PO: 404, PR: 404, SE: 404, AD: 404}

# (record, linked): {role: status}
MATRIX = {
    **{(record, linked): SOCIAL_WORKERS_ONLY for record in CASEWORK_PAGES for linked in (True, False)},
    # The police unit reads the referrals made to it, linked or not (the name only once linked).
    ("referral_to_police", True): {SW: 200, PO: 200, PR: 404, SE: 404, AD: 404},
    ("referral_to_police", False): {SW: 200, PO: 200, PR: 404, SE: 404, AD: 404},
    ("case", True): {SW: 200, PO: 200, PR: 200, SE: 404, AD: 404},
    ("case", False): {SW: 404, PO: 200, PR: 200, SE: 404, AD: 404},
    # The suspect's own page is its edit form: police only; prosecutors read suspects on the case.
    ("suspect", True): {SW: 404, PO: 200, PR: 403, SE: 404, AD: 404},
    ("suspect", False): {SW: 404, PO: 200, PR: 403, SE: 404, AD: 404},
    ("prosecution", True): {SW: 200, PO: 200, PR: 200, SE: 404, AD: 404},
    ("prosecution", False): {SW: 404, PO: 200, PR: 200, SE: 404, AD: 404},
    ("victim", True): {SW: 200, PO: 200, PR: 200, SE: 404, AD: 404},
    ("victim", False): {SW: 200, PO: 404, PR: 404, SE: 404, AD: 404},
    ("victim_unprosecuted", True): {SW: 200, PO: 200, PR: 404, SE: 404, AD: 404},
    ("victim_services", True): {SW: 200, PO: 404, PR: 404, SE: 404, AD: 404},
    ("victim_services", False): {SW: 200, PO: 404, PR: 404, SE: 404, AD: 404},
    ("possible_duplicates", True): {SW: 200, PO: 404, PR: 404, SE: 404, AD: 404},
}

# Where a 200 shows a person's name, and to whom: suspects on case and prosecution pages
# (never to social workers), victims on their own page.
NAME_SHOWN = {
    ("case", SW): False,
    ("case", PO): True,
    ("case", PR): True,
    ("prosecution", SW): False,
    ("prosecution", PO): True,
    ("prosecution", PR): True,
}

CELLS = [
    pytest.param(
        record,
        linked,
        role,
        status,
        id=f"{record}-{'linked' if linked else 'unlinked'}-{role}",
    )
    for (record, linked), row in MATRIX.items()
    for role, status in row.items()
]


@pytest.mark.parametrize("record, linked, role, expected", CELLS)
def test_the_role_table_holds(client, login, records, record, linked, role, expected):
    login(role)
    response = client.get(records[(record, linked)])
    assert response.status_code == expected
    body = response.content.decode()
    if expected == 200 and (record, role) in NAME_SHOWN:
        assert (SUSPECT_NAME in body) is NAME_SHOWN[(record, role)]
    if expected == 200 and (record.startswith("victim") or record in CASEWORK_PAGES):
        # The police read a referral's person by reference until the person is linked.
        assert (VICTIM_NAME in body) is (role != PO or linked)
    if expected == 404:
        assert VICTIM_NAME not in body and SUSPECT_NAME not in body
    if expected in (403, 404):
        assert AuditEvent.objects.filter(action="denied", user__isnull=False).exists()
