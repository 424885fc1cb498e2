"""The social worker's main path in a real Chromium: log in → register → identify → shelter."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from victims.models import Victim

SHOTS = Path(__file__).resolve().parents[2] / "test-results"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_social_worker_registers_identifies_and_shelters_a_victim(live_server, page):
    UserFactory(username="maria.sw")
    page.goto(live_server.url + "/")
    page.get_by_label("Username").fill("maria.sw")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Human Services")).to_be_visible()

    page.get_by_role("link", name="Register a victim").first.click()
    page.get_by_label("Given name").fill("Rosa")
    page.get_by_label("Family name").fill("Castillo")
    page.get_by_label("Date of birth").fill("2008-04-02")
    page.locator("select[name=sex]").select_option("female")
    page.get_by_label("Nationality").select_option("GT")
    page.get_by_label("Registered on").fill("2024-03-01")
    page.get_by_label("Sexual exploitation").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("as a presumed victim")).to_be_visible()
    reference = Victim.objects.get().reference

    page.get_by_role("link", name="Record a decision").click()
    page.locator("select[name=status]").select_option("identified")
    page.get_by_label("Date of the decision").fill("2024-03-10")
    page.get_by_label("Institution").select_option("human_services")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()

    page.get_by_role("link", name="Add a service").first.click()
    page.get_by_label("Service type").select_option("shelter")
    page.get_by_label("Provider").fill("Haven House")
    page.get_by_label("Start date").fill("2024-03-10")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Service added.")).to_be_visible()
    expect(page.get_by_role("cell", name="Haven House")).to_be_visible()
    expect(page.get_by_text("Officially identified").first).to_be_visible()
    expect(page.get_by_text("In care", exact=True)).to_be_visible()
    assert reference in page.title()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "social_worker_victim_page.png"), full_page=True)
