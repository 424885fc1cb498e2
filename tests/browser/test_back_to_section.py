"""Issue 21.3: after saving, the page opens at the section just saved, not at the top — on a
phone she does not scroll again to the care buttons; and the confirmation is seen there."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from atip.roles import Role
from tests.browser.screens import VIEWPORTS, logged_in
from tests.browser.test_accessibility import problems
from tests.factories import UserFactory, VictimFactory

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "sections"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_saved_service_brings_her_back_to_the_assistance_section(live_server, browser, device):
    UserFactory(username="maria.sw", role=Role.SOCIAL_WORKER)
    victim = VictimFactory(given_name="Rosa", family_name="Castillo", notes="Long notes. " * 80)
    context, page = logged_in(browser, live_server, device, "maria.sw")
    page.goto(live_server.url + victim.get_absolute_url())
    page.get_by_role("link", name="Add a service").first.click()
    page.get_by_label("Service type").select_option("medical")
    page.get_by_label("Provider").fill("Karl Heusner Memorial")
    page.get_by_label("Start date").fill("2024-03-10")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(live_server.url + victim.get_absolute_url() + "#assistance")
    expect(page.locator("#assistance")).to_be_in_viewport()
    expect(page.get_by_role("cell", name="Karl Heusner Memorial")).to_be_in_viewport()
    expect(page.get_by_text("Service added.")).to_be_in_viewport()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{device}-saved.png"))
    assert problems(page, VIEWPORTS[device]["width"]) == []
    context.close()
