"""Properties of the role table that follow from spec/roles.md, whatever the abilities are named.

What each role reaches through HTTP is tested as a matrix in tests/test_http_matrix.py and
tests/test_access_matrix.py; here, the rules of roles.md that hold for the table as a whole.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from atip.roles import GRANTS, Ability, Role, can, role_of
from tests.factories import AD, PO, PR, SE, SU, SW, UserFactory

DEPARTMENT = {SW, SU}  # the Department of Human Services: social workers and their supervisors
ADMINISTRATION = {Ability.MANAGE_USERS, Ability.VIEW_AUDIT}
# Prevention and aggregate statistics: the only records of roles.md that name no person.
NO_PERSON = {
    Ability.VIEW_PREVENTION,
    Ability.MANAGE_PREVENTION,
    Ability.VIEW_STATISTICS,
    Ability.EXPORT_STATISTICS,
    Ability.PUBLISH_STATISTICS,
    # De-identified person-level files (HTCDS, CTDC): no name, date of birth, reference or text.
    Ability.EXPORT_PERSON_LEVEL,
}
# Writing a record implies reading it: (ability, what it implies).
IMPLIES = [
    (Ability.MANAGE_VICTIMS, Ability.LIST_VICTIMS),
    (Ability.MANAGE_REPATRIATION, Ability.VIEW_REPATRIATION),
    (Ability.MANAGE_CASES, Ability.VIEW_CASE_DETAILS),
    (Ability.VIEW_CASE_DETAILS, Ability.VIEW_CASES),
    (Ability.MANAGE_PROSECUTIONS, Ability.VIEW_PROSECUTION_DETAILS),
    (Ability.VIEW_PROSECUTION_DETAILS, Ability.VIEW_PROSECUTIONS),
    (Ability.MANAGE_PREVENTION, Ability.VIEW_PREVENTION),
    (Ability.EXPORT_STATISTICS, Ability.VIEW_STATISTICS),
    (Ability.WRITE_NOTES, Ability.READ_NOTES),
    (Ability.READ_RESTRICTED_NOTES, Ability.READ_NOTES),
    (Ability.ADD_DOCUMENTS, Ability.READ_DOCUMENTS),
    (Ability.SHARE_DOCUMENTS, Ability.READ_DOCUMENTS),
    (Ability.SUPERVISE_CASELOADS, Ability.KEEP_CASELOAD),
    (Ability.REASSIGN_CASES, Ability.SUPERVISE_CASELOADS),
    (Ability.APPROVE_CASEWORK, Ability.MANAGE_CASEWORK),
]
# roles.md "Supervision, notes and documents": the supervisor's alone.
# How well the unit works (issue 23.5): aggregates only, for the Council and supervisors.
PERFORMANCE = {Ability.VIEW_PERFORMANCE}
SUPERVISOR_ONLY = {
    Ability.READ_RESTRICTED_NOTES,
    Ability.SUPERVISE_CASELOADS,
    Ability.REASSIGN_CASES,
    Ability.APPROVE_CASEWORK,
    Ability.HOLD_FROM_RETENTION,
}


def abilities_of(role: Role) -> set[Ability]:
    return {ability for ability, roles in GRANTS.items() if role in roles}


def test_every_ability_is_granted_to_some_role_and_only_to_roles():
    assert set(GRANTS) == set(Ability)
    for ability, roles in GRANTS.items():
        assert roles, f"{ability} is granted to nobody"
        assert roles <= set(Role), ability


def test_a_supervisor_may_do_all_a_social_worker_may_and_supervise():
    assert abilities_of(SU) == abilities_of(SW) | SUPERVISOR_ONLY | PERFORMANCE
    assert not abilities_of(SW) & SUPERVISOR_ONLY
    assert all(GRANTS[ability] == {SU} for ability in SUPERVISOR_ONLY)


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_something_to_do(role):
    assert abilities_of(role)


def test_the_administrator_manages_users_and_reads_the_log_and_sees_no_case_data():
    assert abilities_of(AD) == ADMINISTRATION
    assert all(GRANTS[ability] == {AD} for ability in ADMINISTRATION)  # and nobody else does


def test_the_secretary_never_reaches_a_person():
    assert abilities_of(SE) <= NO_PERSON | PERFORMANCE
    assert Ability.MANAGE_PREVENTION in abilities_of(SE) and Ability.EXPORT_STATISTICS in abilities_of(SE)


def test_the_council_and_supervisors_alone_see_how_well_the_unit_works():
    assert GRANTS[Ability.VIEW_PERFORMANCE] == {SE, SU}


# Writing prevention, and exporting or publishing statistics, are the secretary's alone.
SECRETARY_ONLY = {
    Ability.MANAGE_PREVENTION,
    Ability.EXPORT_STATISTICS,
    Ability.PUBLISH_STATISTICS,
    Ability.EXPORT_PERSON_LEVEL,
}


@pytest.mark.parametrize("ability", sorted(SECRETARY_ONLY))
def test_the_secretary_alone_keeps_prevention_and_publishes(ability):
    assert GRANTS[ability] == {SE}


@pytest.mark.parametrize("ability", sorted(NO_PERSON - SECRETARY_ONLY))
def test_every_agency_reads_prevention_and_statistics(ability):
    assert GRANTS[ability] == set(Role) - {AD}


@pytest.mark.parametrize("ability", [a for a in Ability if a.startswith("manage_")])
def test_each_kind_of_record_is_kept_by_one_agency(ability):
    # One role, or the Department (social workers and their supervisors).
    assert len(GRANTS[ability]) == 1 or GRANTS[ability] == DEPARTMENT


@pytest.mark.parametrize("ability, implied", IMPLIES, ids=[f"{a}->{b}" for a, b in IMPLIES])
def test_who_writes_a_record_may_read_it(ability, implied):
    assert GRANTS[ability] <= GRANTS[implied]


def test_only_the_department_sees_its_whole_caseload_and_its_assistance():
    # Social workers share the caseload; police and prosecutors reach a victim through a link.
    assert GRANTS[Ability.LIST_VICTIMS] == GRANTS[Ability.MANAGE_VICTIMS] == DEPARTMENT
    assert GRANTS[Ability.MANAGE_ASSISTANCE] == DEPARTMENT
    for role in (PO, PR):
        assert Ability.LIST_VICTIMS not in abilities_of(role)
        assert abilities_of(role) & {Ability.VIEW_VICTIMS_OF_CASES, Ability.VIEW_VICTIMS_OF_PROSECUTIONS}


def test_only_the_department_reads_and_writes_notes():
    # roles.md: "Police, prosecutors, the secretary and administrators never read notes."
    notes = {Ability.READ_NOTES, Ability.WRITE_NOTES, Ability.READ_RESTRICTED_NOTES}
    for role in (PO, PR, SE, AD):
        assert not abilities_of(role) & notes, role
    assert GRANTS[Ability.READ_NOTES] == GRANTS[Ability.WRITE_NOTES] == DEPARTMENT
    # A restricted note's text: its author (casework.notes) and supervisors.
    assert GRANTS[Ability.READ_RESTRICTED_NOTES] == {SU}


def test_documents_are_the_departments_and_police_and_prosecutors_read_only_shared_ones():
    kept = {Ability.READ_DOCUMENTS, Ability.ADD_DOCUMENTS, Ability.SHARE_DOCUMENTS}
    assert all(GRANTS[ability] == DEPARTMENT for ability in kept)
    assert GRANTS[Ability.READ_SHARED_DOCUMENTS] == {PO, PR}


def test_social_workers_read_cases_and_prosecutions_only_in_part():
    # roles.md: "R (cases linked to their victims: status and dates)", "R (linked: status and outcome)".
    assert {Ability.VIEW_CASES, Ability.VIEW_PROSECUTIONS} <= abilities_of(SW)
    assert not {Ability.VIEW_CASE_DETAILS, Ability.VIEW_PROSECUTION_DETAILS} & abilities_of(SW)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_a_users_abilities_are_those_of_its_role(role):
    user = UserFactory(role=role)
    assert role_of(user) == role
    assert {ability for ability in Ability if can(user, ability)} == abilities_of(role)


@pytest.mark.django_db
def test_a_user_without_exactly_one_active_role_can_do_nothing(django_user_model):
    """(A second role cannot be given: the database holds one per user, tests/accounts.)"""
    no_group = django_user_model.objects.create_user("nobody")
    inactive = UserFactory(role=SW, username="gone")
    inactive.is_active = False
    inactive.save()
    for user in (AnonymousUser(), no_group, inactive):
        assert role_of(user) is None, user
        assert not [ability for ability in Ability if can(user, ability)], user
