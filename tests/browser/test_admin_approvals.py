"""Issue 21.10 and 21.11, on a phone and at a desk, each page checked with axe-core: the requests
waiting for a second administrator on the administrator's home (the requester told why she may
not approve, the other administrator offered it), the request's page without "Approve" for its
requester, the confirmation of a two-factor reset, and the audit log in lines people read.
Screenshots in test-results/admin-approvals/, to be looked at."""

from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from accounts.services import account_set_role
from atip.roles import Role
from tests.browser.test_accessibility import problems
from tests.factories import PASSWORD, UserFactory, VictimFactory, enrol

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "admin-approvals"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 800}}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(browser, live_server, viewport, username):
    context = browser.new_context(viewport=viewport)
    context.add_init_script(script=AXE_SCRIPT)
    page = context.new_page()
    page.goto(live_server.url + "/victims/")  # not logged in: sent to log in (audited, not a refusal)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    page.goto(live_server.url + reverse("home"))  # not back to the victims, which are not theirs
    return context, page


def shot(page, device, name, found):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{device}-{name}.png"), full_page=True)
    found[name] = problems(page, VIEWPORTS[device]["width"])


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_pending_box_the_request_and_the_two_factor_reset(live_server, browser, device):
    ana = UserFactory(username="ana.admin", role=Role.ADMINISTRATOR, first_name="Ana", last_name="Díaz")
    UserFactory(username="ben.admin", role=Role.ADMINISTRATOR, first_name="Ben", last_name="Cal")
    sam = UserFactory(username="sam.li", role=Role.SECRETARY, first_name="Sam", last_name="Li")
    enrol(sam)
    change = account_set_role(by=ana, account=sam, role=Role.POLICE)
    found = {}

    context, page = log_in(browser, live_server, VIEWPORTS[device], "ana.admin")
    box = page.locator("#pending-approvals")
    expect(box.get_by_text("Role changed: Council secretary → Police officer")).to_be_visible()
    expect(box.get_by_text("Waiting for another administrator")).to_be_visible()
    expect(box.get_by_role("link", name="Approve or reject")).to_have_count(0)
    shot(page, device, "home-requester", found)
    box.get_by_role("link", name="View").click()
    expect(page.get_by_text("You asked for this change yourself")).to_be_visible()
    expect(page.get_by_label("Approve")).to_have_count(0)
    expect(page.get_by_role("button", name="Withdraw the request")).to_be_visible()
    shot(page, device, "request-requester", found)
    context.close()

    context, page = log_in(browser, live_server, VIEWPORTS[device], "ben.admin")
    box = page.locator("#pending-approvals")
    expect(box.get_by_text("Asked by ana.admin")).to_be_visible()
    shot(page, device, "home-approver", found)
    box.get_by_role("link", name="Approve or reject").click()
    expect(page.get_by_label("Approve")).to_be_visible()
    page.goto(live_server.url + reverse("accounts:detail", args=[ana.pk]))
    page.get_by_role("link", name="Reset two-factor").click()
    expect(
        page.get_by_role("heading", name="Reset the two-factor authentication of ana.admin")
    ).to_be_visible()
    page.get_by_role("button", name="Reset two-factor").click()
    expect(page.get_by_text("Nothing was saved")).to_be_visible()  # a reason is required
    shot(page, device, "reset-two-factor", found)
    page.get_by_label("Reason").fill("Phone lost on 3 May (ticket 41)")
    page.get_by_role("button", name="Reset two-factor").click()
    expect(page.get_by_text("Two-factor authentication of ana.admin was reset")).to_be_visible()
    context.close()
    assert change.pk and not any(found.values()), found


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_audit_log_in_lines_people_read(live_server, browser, device):
    UserFactory(username="ben.admin", role=Role.ADMINISTRATOR, first_name="Ben", last_name="Cal")
    worker = UserFactory(username="sofia", role=Role.SOCIAL_WORKER, first_name="Sofía", last_name="Cal")
    people = [VictimFactory() for _ in range(25)]
    other = Client()
    other.force_login(worker)
    other.get(reverse("victims:list"))  # 25 reads: one line
    other.get(people[0].get_absolute_url())
    account_set_role(
        by=UserFactory(username="ana.admin", role=Role.ADMINISTRATOR),
        account=UserFactory(role=Role.SOCIAL_WORKER),
        role=Role.SUPERVISOR,
    )
    found = {}

    context, page = log_in(browser, live_server, VIEWPORTS[device], "ben.admin")
    page.goto(live_server.url + reverse("audit_log"))
    expect(page.get_by_text("Viewed the victim list, 25 people")).to_have_count(1)
    expect(page.locator("tbody").get_by_text("Sent to log in").first).to_be_visible()
    expect(page.get_by_text("asked: role changed from Social worker")).to_be_visible()
    assert page.get_by_label("From").get_attribute("type") == "date"
    assert page.get_by_label("To").get_attribute("type") == "date"
    shot(page, device, "audit-log", found)
    line = page.locator("tr", has_text="Viewed the victim list, 25 people")
    line.get_by_text("25 references").click()
    line.get_by_role("link", name=people[3].reference).click()
    expect(page.get_by_text("Viewed the victim list, 1 person")).to_be_visible()
    shot(page, device, "audit-log-one-reference", found)
    page.get_by_role("link", name="sofia").first.click()
    expect(page.get_by_label("User")).to_have_value("sofia")
    shot(page, device, "audit-log-one-user", found)
    context.close()
    assert not any(found.values()), found
