"""Issue 19, item 1: the second administrator's page, on a phone and at a desk — who asked (with
their name and e-mail), the account, its address when asked, everything recorded since the
request, the warning when the requester made the account — then the approval. Each page
checked with axe-core. Screenshots in test-results/account-approval/, to be looked at."""

from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

from accounts.services import account_create, account_set_role
from atip.roles import Role, role_of
from tests.browser.test_accessibility import problems
from tests.factories import PASSWORD, UserFactory

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "account-approval"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 800}}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_approver_sees_the_whole_request_and_approves(live_server, browser, device):
    ana = UserFactory(username="ana.admin", role=Role.ADMINISTRATOR, first_name="Ana", last_name="Díaz")
    UserFactory(username="ben.admin", role=Role.ADMINISTRATOR, first_name="Ben", last_name="Cal")
    account_create(
        by=ana,
        username="sam.li",
        first_name="Sam",
        last_name="Li",
        email="sam@example.org",
        role=Role.SECRETARY,
        site_url=lambda path: live_server.url + path,
    )
    change = account_set_role(by=ana, account=ana.__class__.objects.get(username="sam.li"), role=Role.POLICE)

    context = browser.new_context(viewport=VIEWPORTS[device])
    context.add_init_script(script=AXE_SCRIPT)
    page = context.new_page()
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("ben.admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + f"/accounts/changes/{change.pk}/")
    expect(page.get_by_text("(Ana Díaz, ana.admin@example.org)").first).to_be_visible()
    expect(page.get_by_text("The requester created this account")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Everything recorded about the account since the request")
    ).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{device}-request.png"), full_page=True)
    found = {"request": problems(page, VIEWPORTS[device]["width"])}

    page.get_by_label("Approve").check()
    page.get_by_label("Reason").fill("Transferred to the police unit (memo 12/2026).")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Approved: Role changed")).to_be_visible()
    page.screenshot(path=str(SHOTS / f"{device}-approved.png"), full_page=True)
    found["approved"] = problems(page, VIEWPORTS[device]["width"])
    context.close()
    assert role_of(change.account.__class__.objects.get(username="sam.li")) == Role.POLICE
    assert not any(found.values()), found
