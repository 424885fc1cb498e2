"""The role table of spec/roles.md, as a matrix: who has which ability."""

import pytest

from atip.roles import GRANTS, Ability, Role

SW, PO, PR, SE, AD = "social_worker", "police", "prosecutor", "secretary", "administrator"
EXPECTED = {
    "view_victims_of_cases": {PO},
    "view_victims_of_prosecutions": {PR},
    "list_victims": {SW},
    "manage_victims": {SW},
    "refer_presumed_victim": {SW, PO},
    "manage_assistance": {SW},
    "view_repatriation": {SW, PO},
    "manage_repatriation": {SW},
    "manage_casework": {SW},
    "decide_police_referral": {PO},
    "view_cases": {SW, PO, PR},
    "view_case_details": {PO, PR},
    "manage_cases": {PO},
    "request_victim_link": {PO, PR},
    "decide_victim_link": {SW},
    "request_case_link": {SW},
    "decide_case_link": {PO},
    "view_prosecutions": {SW, PO, PR},
    "view_prosecution_details": {PO, PR},
    "manage_prosecutions": {PR},
    "view_prevention": {SW, PO, PR, SE},
    "manage_prevention": {SE},
    "view_statistics": {SW, PO, PR, SE},
    "export_statistics": {SE},
    "manage_users": {AD},
    "view_audit": {AD},
}


@pytest.mark.parametrize("ability", list(Ability))
def test_grants_follow_roles_md(ability):
    assert {r.value for r in GRANTS[ability]} == EXPECTED[ability.value]


def test_the_administrator_sees_no_case_data():
    case_data = [a for a in Ability if a not in (Ability.MANAGE_USERS, Ability.VIEW_AUDIT)]
    assert not [a for a in case_data if Role.ADMINISTRATOR in GRANTS[a]]
