"""roles.md as a matrix: every role × record type × linked/unlinked, with the answer each gets.

"Linked" records hang on a victim listed in a case that has a prosecution; "unlinked" ones on a
case that lists no victim, or on a victim listed in no case. 404 = the role may not know the
record exists; 403 = it may see it but not do this; 200 = it may, and then what it sees is
checked: names of suspects and victims only where roles.md grants them.
"""

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from casework.document_services import document_share
from casework.services import review_add
from tests.casework import factories as casework
from tests.factories import (
    AD,
    PO,
    PR,
    SE,
    SU,
    SW,
    CaseFactory,
    ChargeFactory,
    ProsecutionFactory,
    RepatriationFactory,
    SuspectFactory,
    UserFactory,
    VictimFactory,
)

pytestmark = pytest.mark.django_db

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
    unprosecuted_case = CaseFactory(victims=[unprosecuted_victim])
    shared = {
        "document_shared": _shared(linked_victim, linked_case),
        "document_shared_unprosecuted": _shared(unprosecuted_victim, unprosecuted_case),
    }
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
        # Documents (issue 20): a person's, and one shared with a case that lists the person.
        ("document", True): reverse("casework:document_download", args=[casework.document(linked_victim).pk]),
        ("document", False): reverse(
            "casework:document_download", args=[casework.document(unlinked_victim).pk]
        ),
        **{(name, True): reverse("casework:document_download", args=[pk]) for name, pk in shared.items()},
    }


def _shared(victim, case) -> int:
    """A document of `victim` shared with `case` (which lists the victim), and another one not."""
    casework.document(victim, description="Not shared")
    document = casework.document(victim)
    document_share(document=document, case=case, by=UserFactory(), reason="For the prosecution.")
    return document.pk


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
    # Contact notes (issue 20): social workers only; never police, prosecutors, secretary, admin.
    "note": "casework:note",
    "notes": "casework:notes",
    "note_correction": "casework:note_correct",
    # Closure, return and documents (issue 20).
    "closure": "casework:closure_create",
    "closure_decision": "casework:closure_decide",
    "return_assessment": "casework:return_assessment",
    "document_sharing": "casework:document_share",
}


def _casework(victim) -> dict:
    plan = casework.plan(victim)
    note = casework.note(victim)
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
        "note": note.pk,
        "notes": victim.pk,
        "note_correction": note.pk,
        "closure": victim.pk,
        "closure_decision": casework.closure(victim).pk,
        "return_assessment": RepatriationFactory(victim=victim).pk,
        "document_sharing": casework.document(victim).pk,
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
    # Documents: the Department's; one shared with a case, also of the police and prosecutors who
    # see that case (prosecutors see every case, prosecuted or not: roles.md, "Reported case").
    ("document", True): SOCIAL_WORKERS_ONLY,
    ("document", False): SOCIAL_WORKERS_ONLY,
    ("document_shared", True): {SW: 200, PO: 200, PR: 200, SE: 404, AD: 404},
    ("document_shared_unprosecuted", True): {SW: 200, PO: 200, PR: 200, SE: 404, AD: 404},
}

# roles.md: a supervisor has every ability of a social worker, so every answer of hers.
MATRIX = {cell: {**row, SU: row[SW]} for cell, row in MATRIX.items()}
for linked in (True, False):
    # Only its author corrects a note (the others of the Department read it); a supervisor decides
    # a closure the worker asked for.
    MATRIX["note_correction", linked] = {**MATRIX["note_correction", linked], SW: 403, SU: 403}
    MATRIX["closure_decision", linked] = {**MATRIX["closure_decision", linked], SW: 403, SU: 200}

# Where a 200 shows a person's name, and to whom: suspects on case and prosecution pages
# (never to social workers), victims on their own page.
NAME_SHOWN = {
    ("case", SW): False,
    ("case", PO): True,
    ("case", PR): True,
    ("prosecution", SW): False,
    ("case", SU): False,
    ("prosecution", SU): False,
    ("prosecution", PO): True,
    ("prosecution", PR): True,
}

ROLES = [SW, SU, PO, PR, SE, AD]


# One test per role, over every cell of its column: the records are made once per role, not once
# per cell (216 cells), and a failure names every wrong cell at once.
@pytest.mark.parametrize("role", ROLES)
def test_the_role_table_holds(client, login, records, role):
    login(role)
    wrong = []
    for (record, linked), row in MATRIX.items():
        cell = f"{record}-{'linked' if linked else 'unlinked'}"
        wrong += [
            f"{cell}: {problem}" for problem in _problems(client, records, record, linked, role, row[role])
        ]
    assert wrong == []


def _problems(client, records, record, linked, role, expected) -> list[str]:
    denied = AuditEvent.objects.filter(action="denied", user__isnull=False)
    denied_before = denied.count()
    response = client.get(records[(record, linked)])
    if response.status_code != expected:
        return [f"answered {response.status_code}, roles.md says {expected}"]
    body = response.content.decode()
    problems = []
    if (
        expected == 200
        and (record, role) in NAME_SHOWN
        and (SUSPECT_NAME in body) is not NAME_SHOWN[(record, role)]
    ):
        problems.append("the suspect's name shown where it may not be, or missing where it should be")
    if expected == 200 and (record.startswith("victim") or record in CASEWORK_PAGES):
        # The police read a referral's person by reference until the person is linked.
        if (VICTIM_NAME in body) is not (role != PO or linked):
            problems.append("the victim's name shown where it may not be, or missing where it should be")
    if expected == 404 and (VICTIM_NAME in body or SUSPECT_NAME in body):
        problems.append("a name in the refusal")
    if expected in (403, 404) and denied.count() != denied_before + 1:
        problems.append("the refusal is not in the audit log")
    return problems
