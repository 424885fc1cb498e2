"""Issue 21.10: the requests waiting for a second administrator, on every administrator's home —
who asked, what, when, a link — and "Approve" offered only to an administrator the rules of
accounts.approval let approve; the others are told why not, never sent to a 403 that tells an
administrator to ask a system administrator."""

from html import escape

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.timezone import localtime

from accounts.approval import OWN_ACCOUNT, OWN_LINEAGE, OWN_REQUEST, refusal, related_by_creation, related_to
from accounts.models import AccountChange
from accounts.services import account_create, account_edit, account_set_role
from atip.roles import Role
from tests.accounts.flows import decide
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
HOME = reverse("home")
APPROVE_LINK = "Approve or reject"
ASK_ADMIN = "ask your supervisor or a system administrator"


def site_url(path):
    return "http://testserver" + path


def change_url(change):
    return reverse("accounts:change", args=[change.pk])


@pytest.fixture
def ana():
    return UserFactory(username="ana.admin", role=Role.ADMINISTRATOR, first_name="Ana", last_name="Díaz")


@pytest.fixture
def ben():
    return UserFactory(username="ben.admin", role=Role.ADMINISTRATOR, first_name="Ben", last_name="Cal")


@pytest.fixture
def request_by_ana(ana):
    """ana.admin asks for a secretary to become a police officer."""
    sam = UserFactory(username="sam.li", role=Role.SECRETARY, first_name="Sam", last_name="Li")
    return account_set_role(by=ana, account=sam, role=Role.POLICE)


def test_every_administrators_home_lists_what_waits_with_who_what_when(client, ana, ben, request_by_ana):
    for admin in (ana, ben):
        client.force_login(admin)
        body = client.get(HOME).content.decode()
        assert 'id="pending-approvals"' in body and "Awaiting approval" in body
        assert "sam.li" in body and "Role changed: Council secretary → Police officer" in body
        assert "Asked by ana.admin" in body and "(Ana Díaz, ana.admin@example.org)" in body
        assert localtime(request_by_ana.requested_at).strftime("%Y-%m-%d %H:%M") in body
        assert f'href="{change_url(request_by_ana)}"' in body


def test_the_requester_is_told_it_waits_and_the_other_is_offered_approval(client, ana, ben, request_by_ana):
    client.force_login(ana)
    body = client.get(HOME).content.decode()
    assert "Waiting for another administrator" in body and APPROVE_LINK not in body
    client.force_login(ben)
    body = client.get(HOME).content.decode()
    assert APPROVE_LINK in body and "Waiting for another administrator" not in body


def test_the_requesters_page_offers_no_approval_and_says_why(client, ana, request_by_ana):
    client.force_login(ana)
    body = client.get(change_url(request_by_ana)).content.decode()
    assert 'value="approve"' not in body and "Approve" not in body
    assert "Waiting for another administrator" in body and str(OWN_REQUEST) in body
    assert "Withdraw the request" in body and 'name="reason"' in body
    # Withdrawing stays possible.
    client.post(change_url(request_by_ana), {"decision": "reject", "reason": "asked by mistake"})
    request_by_ana.refresh_from_db()
    assert request_by_ana.status == "rejected"


def test_the_other_administrators_page_offers_approval(client, ben, request_by_ana):
    client.force_login(ben)
    body = client.get(change_url(request_by_ana)).content.decode()
    assert 'value="approve"' in body and "Record the decision" in body and 'id="why-not"' not in body


def test_an_approval_posted_all_the_same_says_why_not_ask_a_system_administrator(client, ana, request_by_ana):
    client.force_login(ana)
    response = client.post(change_url(request_by_ana), {"decision": "approve", "reason": "me"})
    assert response.status_code == 403
    body = response.content.decode()
    assert str(OWN_REQUEST) in body and ASK_ADMIN not in body
    request_by_ana.refresh_from_db()
    assert request_by_ana.status == "pending"


def test_an_administrator_made_by_the_requester_is_told_a_third_must_approve(client, ana, ben):
    # ana asks for cleo's account, ben approves it: cleo and ana are related by creation.
    creation = account_create(
        by=ana,
        username="cleo.admin",
        first_name="Cleo",
        last_name="Ramos",
        email="cleo@example.org",
        role=Role.ADMINISTRATOR,
        site_url=site_url,
    )
    client.force_login(ben)
    decide(client, creation)
    cleo = User.objects.get(username="cleo.admin")
    change = account_set_role(by=ana, account=UserFactory(role=Role.SECRETARY), role=Role.SOCIAL_WORKER)
    client.force_login(cleo)
    body = client.get(HOME).content.decode()
    assert "Waiting for a third administrator" in body and APPROVE_LINK not in body
    body = client.get(change_url(change)).content.decode()
    assert 'value="approve"' not in body and escape(str(OWN_LINEAGE)) in body and "Reject the request" in body
    body = client.get(reverse("accounts:list")).content.decode()
    assert "Waiting for a third administrator" in body and APPROVE_LINK not in body
    client.force_login(ben)
    assert APPROVE_LINK in client.get(HOME).content.decode()


def test_a_request_about_the_readers_own_account_offers_no_decision(client, ana, ben):
    change = account_edit(by=ben, account=ana, first_name="Ana", last_name="Díaz", email="ana@new.example")[0]
    assert change.status == "pending"
    client.force_login(ana)
    assert "About your own account" in client.get(HOME).content.decode()
    body = client.get(change_url(change)).content.decode()
    assert str(OWN_ACCOUNT) in body and 'name="decision"' not in body and 'name="reason"' not in body


def test_the_box_says_when_nothing_waits(client, ana):
    client.force_login(ana)
    assert "No request is waiting." in client.get(HOME).content.decode()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.POLICE, Role.SECRETARY])
def test_no_other_role_sees_the_box(client, login, request_by_ana, role):
    login(role)
    body = client.get(HOME).content.decode()
    assert 'id="pending-approvals"' not in body and "sam.li" not in body


def test_the_home_shows_the_oldest_twenty_and_links_to_the_rest(client, ana, ben):
    for n in range(21):
        account_set_role(
            by=ana, account=UserFactory(username=f"sec{n:02}", role=Role.SECRETARY), role="police"
        )
    client.force_login(ben)
    body = client.get(HOME).content.decode()
    assert "sec00" in body and "sec19" in body and "sec20" not in body
    assert "See all 21 requests" in body


def test_the_box_and_the_approval_rule_agree(ana, ben, request_by_ana):
    """One rule: what the pages offer is what change_approve accepts (accounts.approval)."""
    assert refusal(by=ana, change=request_by_ana).reason == OWN_REQUEST
    assert refusal(by=ben, change=request_by_ana) is None
    assert related_to(ben.pk) == set() and not related_by_creation(ana.pk, ben.pk)
    assert AccountChange.objects.filter(status="pending").count() == 1
