"""A social worker's morning in a real Chromium, on a desktop and on a phone: open the worklist,
accept a police link request, record consent, assess needs and risk, make a plan with a review
date, refer to IOM, print the case summary. Then the police unit answers a referral made to it.
Screenshots in /tmp/shots-casework/, to be looked at."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from atip.roles import Role
from cases.links import link_request_victim
from cases.models import CaseVictim
from casework.models import Assessment, CarePlan, Consent, Goal, Referral
from tests.casework import factories as casework
from tests.factories import PASSWORD, CaseFactory, ServiceEpisodeFactory, UserFactory, VictimFactory

SHOTS = Path("/tmp/shots-casework")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def shot(page, device, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{device}-{name}.png"), full_page=True)


@pytest.fixture
def morning():
    """Rosa, in a shelter since last month, whom the police ask to list in their case; and
    a colleague's person whose review is overdue."""
    today = timezone.localdate()
    rosa = VictimFactory(
        given_name="Rosa",
        family_name="Castillo",
        date_of_birth=datetime.date(1999, 4, 2),
        registered_on=today - datetime.timedelta(days=40),
        status="identified",
        identification_date=today - datetime.timedelta(days=35),
    )
    ServiceEpisodeFactory(victim=rosa, start_date=today - datetime.timedelta(days=35), provider="Haven House")
    officer = UserFactory(username="officer.pop", role=Role.POLICE)
    case = CaseFactory(reference="C-2026-014", reported_on=today - datetime.timedelta(days=20))
    link_request_victim(case=case, by=officer, typed_reference=rosa.reference, reason="Named by the witness.")
    other = VictimFactory(given_name="Kenia", family_name="Bol", status="identified")
    casework.plan(other, next_review_on=today - datetime.timedelta(days=3))
    return rosa, case


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_social_workers_morning(live_server, browser, morning, device):
    rosa, case = morning
    today = timezone.localdate()
    UserFactory(username="maria.sw")
    context = browser.new_context(viewport=VIEWPORTS[device])
    page = context.new_page()
    log_in(page, live_server, "maria.sw")

    # The worklist.
    worklist = page.locator("#worklist")
    expect(worklist.get_by_role("heading", name=re.compile(r"^Worklist"))).to_be_visible()
    expect(worklist.get_by_text("Care-plan review overdue")).to_be_visible()
    expect(worklist.get_by_text("Kenia Bol")).to_be_visible()
    expect(page.locator("#link-requests").get_by_text(case.reference)).to_be_visible()
    shot(page, device, "01-worklist")

    # Accept the police link request.
    page.locator("#link-requests").get_by_role("link", name="Decide").click()
    page.get_by_label("Accept: list the person in the case").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Request accepted.")).to_be_visible()
    assert CaseVictim.objects.filter(case=case, victim=rosa).exists()

    # From the count "in care today" to Rosa's record.
    page.locator("#worklist-figures").get_by_role("link", name=re.compile("in care today")).click()
    page.get_by_role("link", name=rosa.reference).click()
    expect(page.get_by_role("heading", name=re.compile("Rosa Castillo"))).to_be_visible()
    expect(page.get_by_role("link", name=case.reference)).to_be_visible()

    # Consent to share with IOM.
    page.get_by_role("link", name="Record consent").click()
    page.get_by_label("Purpose").select_option("sharing")
    page.get_by_label("Agency (for sharing)").select_option("iom")
    expect(page.get_by_label("Name of the NGO or agency")).to_be_hidden()  # only for an NGO
    page.get_by_label("Given").check()
    page.locator("input[name=decided_on]").fill(today.isoformat())
    page.get_by_label("How").select_option("signed_form")
    page.get_by_label("Expires on").fill((today + datetime.timedelta(days=180)).isoformat())
    shot(page, device, "02-consent-form")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Consent recorded.")).to_be_visible()
    expect(page.locator("#consents").get_by_text("Current")).to_be_visible()

    # Needs and risk.
    page.get_by_role("link", name="New assessment").click()
    page.locator("select[name=risk]").select_option("high")
    page.get_by_label("Basis of the risk level").fill("The recruiter knows where her family lives.")
    page.get_by_label("Safety").fill("No contact with the recruiter; a shelter place.")
    page.get_by_label("Legal").fill("Legal aid as a witness.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Assessment recorded.")).to_be_visible()
    expect(page.get_by_text("High risk").first).to_be_visible()

    # A care plan with its first review, and a goal.
    review_on = today + datetime.timedelta(days=3)
    page.get_by_role("link", name="Start a care plan").click()
    page.get_by_label("First review on").fill(review_on.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Care plan started. Add its first goal.")).to_be_visible()
    page.get_by_label("Domain").select_option("legal")
    page.get_by_label("Goal").fill("A lawyer for the trial.")
    page.get_by_label("Responsible agency").select_option("ngo")
    page.get_by_label("Name of the NGO or agency").fill("Haven House")
    page.get_by_label("Target date").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Goal added.")).to_be_visible()
    plan = page.locator("#care-plan")
    expect(plan.get_by_text("this week")).to_be_visible()
    expect(plan.get_by_text("Haven House (NGO)")).to_be_visible()

    # Refer to IOM: the consent of this morning counts.
    page.get_by_role("link", name="Refer to another agency").click()
    expect(page.locator("#sharing-consents").get_by_text("IOM")).to_be_visible()
    page.get_by_label("Referred to").select_option("iom")
    page.get_by_label("Reason for the referral").fill("Assisted voluntary return to Guatemala.")
    page.get_by_label("What was shared").fill("Name, date of birth, the needs assessment.")
    page.get_by_role("button", name="Record the referral").click()
    expect(page.get_by_text("Referral to IOM recorded.")).to_be_visible()
    expect(page.locator("#referrals").get_by_text("Consent of")).to_be_visible()
    shot(page, device, "03-victim-page")

    # Print the summary.
    page.get_by_role("link", name="Print case summary").click()
    expect(page.get_by_text("CONFIDENTIAL").first).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text("printed by maria.sw")
    expect(page.get_by_role("link")).to_have_count(0)  # no navigation, no edit link
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    shot(page, device, "04-summary")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    # One screen of the printed look: the footer is fixed to each page's foot, so not full_page.
    page.screenshot(path=str(SHOTS / f"{device}-05-summary-print.png"))
    if device == "desktop":
        page.pdf(path=str(SHOTS / "summary.pdf"))  # what the printer gets
    context.close()

    assert Consent.objects.filter(victim=rosa, agency="iom").count() == 1
    assert Assessment.objects.get(victim=rosa).risk == "high"
    assert CarePlan.objects.get(victim=rosa).next_review_on == review_on
    assert Goal.objects.get(plan__victim=rosa).agency_name == "Haven House"
    assert Referral.objects.get(victim=rosa).consent is not None


def test_the_police_unit_accepts_a_referral_into_a_new_case(live_server, browser):
    rosa = VictimFactory(given_name="Rosa", family_name="Castillo")
    casework.consent(rosa, agency="atips_police", decided_on=timezone.localdate())
    referral = casework.referral(
        rosa,
        agency="atips_police",
        referred_on=timezone.localdate(),
        reason="She wants to report the bar owner in Orange Walk.",
    )
    UserFactory(username="officer.pop", role=Role.POLICE)
    for device in VIEWPORTS:
        context = browser.new_context(viewport=VIEWPORTS[device])
        page = context.new_page()
        log_in(page, live_server, "officer.pop")
        panel = page.locator("#police-referrals")
        expect(panel.get_by_text(rosa.reference)).to_be_visible()
        expect(page.get_by_text("Rosa")).to_have_count(0)  # not linked yet: no name
        shot(page, device, "06-police-home")
        context.close()
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    log_in(page, live_server, "officer.pop")
    page.locator("#police-referrals").get_by_role("link", name="Answer").click()
    page.get_by_label("Accept: open a new case").check()
    page.get_by_label("District").select_option("orange_walk")
    shot(page, "desktop", "07-police-answer")
    page.get_by_role("button", name="Record the answer").click()
    expect(page.get_by_text("the person is listed in it")).to_be_visible()
    expect(page.get_by_role("link", name=rosa.reference)).to_be_visible()
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert CaseVictim.objects.filter(case=referral.case, victim=rosa).exists()
    context.close()
