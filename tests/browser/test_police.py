"""The police path in a real Chromium: log in → report a case → open the investigation → add a
suspect → register a presumed victim; then a social worker sees the referral on their home page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from atip.roles import Role
from cases.models import Case
from tests.factories import PASSWORD, UserFactory
from victims.models import Victim

SHOTS = Path(__file__).resolve().parents[2] / "test-results"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_police_report_a_case_and_refer_a_presumed_victim(live_server, page, browser):
    SHOTS.mkdir(exist_ok=True)
    UserFactory(username="officer.pop", role=Role.POLICE)
    UserFactory(username="maria.sw", role=Role.SOCIAL_WORKER)
    log_in(page, live_server, "officer.pop")
    expect(page.get_by_role("heading", name="ATIPs Police Unit")).to_be_visible()

    page.get_by_role("link", name="Report a case").first.click()
    page.get_by_label("Reported on").fill("2026-01-12")
    page.get_by_label("Source").select_option("hotline")
    page.get_by_label("District").select_option("cayo")
    page.get_by_label("Summary").fill("Hotline: minors working at a bar in San Ignacio at night.")
    page.get_by_label("Sexual exploitation").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("recorded.")
    case = Case.objects.get()
    expect(page.get_by_role("heading", name=f"Case {case.reference}")).to_be_visible()

    page.get_by_role("link", name="Change status").click()
    page.get_by_label("New status").select_option("investigating")
    page.get_by_label("Date of the change").fill("2026-01-14")
    page.get_by_role("button", name="Change").click()
    expect(page.get_by_text("Status changed.")).to_be_visible()
    expect(page.get_by_text("Under investigation").first).to_be_visible()

    page.get_by_role("link", name="Add a suspect").click()
    page.get_by_label("Given name").fill("Julio")
    page.get_by_label("Family name").fill("Ramirez")
    page.locator("select[name=sex]").select_option("male")
    page.get_by_label("Nationality").select_option("BZ")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Julio Ramirez")).to_be_visible()

    page.get_by_role("link", name="Register a presumed victim").click()
    page.get_by_label("Given name").fill("Ana")
    page.locator("select[name=sex]").select_option("female")
    page.get_by_label("Age estimate").fill("15")
    page.get_by_label("Nationality").select_option("HN")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("referred to Human Services")).to_be_visible()
    victim = Victim.objects.get()
    expect(page.get_by_role("link", name=victim.reference)).to_be_visible()
    page.screenshot(path=str(SHOTS / "police_case_page.png"), full_page=True)

    # The police home page lists the new presumed victim (reference, sex, date only).
    page.get_by_role("link", name="Home").click()
    expect(page.locator("#awaiting").get_by_role("link", name=victim.reference)).to_be_visible()
    page.screenshot(path=str(SHOTS / "police_home.png"), full_page=True)

    # A social worker, in another session, sees the referral at once.
    other = browser.new_context()
    sw_page = other.new_page()
    log_in(sw_page, live_server, "maria.sw")
    expect(sw_page.get_by_role("heading", name="Human Services")).to_be_visible()
    expect(sw_page.locator("#referrals").get_by_role("link", name=victim.reference)).to_be_visible()
    sw_page.screenshot(path=str(SHOTS / "social_worker_sees_police_referral.png"), full_page=True)
    # ... and the victim's page shows the case's status and dates.
    sw_page.locator("#referrals").get_by_role("link", name=victim.reference).click()
    expect(sw_page.get_by_role("link", name=case.reference)).to_be_visible()
    expect(sw_page.get_by_text("Julio")).to_have_count(0)
    sw_page.screenshot(path=str(SHOTS / "social_worker_victim_cases_panel.png"), full_page=True)
    other.close()
