"""Two-factor authentication in a real Chromium: enrol by the key on the page, log out, log in
with the app's code, log out, log in with a backup code, log out, and see that backup code
refused the second time. Screenshots of the enrolment page at desktop and phone sizes."""

import re
import time
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import expect

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import PASSWORD, UserFactory

SHOTS = Path("/tmp/shots-accounts")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def log_in(page, live_server, code):
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("maria.sw")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your code")).to_be_visible()
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Verify").click()


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()


def test_enrol_then_log_in_with_the_app_and_with_a_backup_code_once(live_server, page):
    SHOTS.mkdir(exist_ok=True)
    UserFactory(username="maria.sw", role=Role.SOCIAL_WORKER)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/victims/")
    page.get_by_label("Username").fill("maria.sw")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Not enrolled: the victims list is out of reach, enrolment is where the user lands.
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()
    expect(page.locator("svg.qr-code")).to_be_visible()
    page.screenshot(path=SHOTS / "enrol-desktop.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS / "enrol-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})

    secret = page.locator("#totp-secret").get_attribute("data-secret")
    shown = page.locator("#totp-secret").inner_text().replace(" ", "")
    assert secret == shown and len(secret) == 32
    app = pyotp.TOTP(secret)
    page.get_by_label("Code from your app").fill(app.now())
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Two-factor authentication is set up.")).to_be_visible()
    codes = [c.strip() for c in page.locator("#backup-codes li").all_inner_texts()]
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", c) for c in codes)
    page.screenshot(path=SHOTS / "backup-codes-desktop.png", full_page=True)
    page.get_by_role("link", name="I have kept them — continue").click()
    expect(page.get_by_role("heading", name="Human Services")).to_be_visible()
    log_out(page)

    # The code used to enrol cannot be used again: the app's next code (within tolerance) works.
    log_in(page, live_server, app.at(time.time() + 30))
    expect(page.get_by_role("heading", name="Human Services")).to_be_visible()
    log_out(page)

    log_in(page, live_server, codes[0])
    expect(page.get_by_text("You logged in with a backup code; 9 left")).to_be_visible()
    log_out(page)

    log_in(page, live_server, codes[0])
    expect(page.get_by_text("That code is not right")).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    assert AuditEvent.objects.filter(action="otp_enrol").count() == 1
    refused = AuditEvent.objects.filter(action="login_failed", detail="maria.sw: wrong two-factor code")
    assert refused.count() == 1
