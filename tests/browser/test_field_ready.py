"""Issue 21 (items 2, 4 and 6) in a real Chromium, on a phone (390 × 844) and at a desk
(1366 × 800), each page checked with axe-core (no serious or critical violation, nothing wider
than the window, no control beyond its right edge). Screenshots in test-results/field-ready/,
to be looked at.

- 21.2 The victim list's filters fold behind one button on a phone, which says how many are
  given; at a desk they are shown. The yes/no filters say "Any".
- 21.4 Two-factor enrolment on the phone it is for: the otpauth:// link, the key copied by its
  button (app.js), and a wrong code's message at the top of the form, focused.
- 21.6 The last try warned, the lockout page saying until when and leading back to the login
  form, and an administrator unlocking the account (confirmed) from its page.
"""

import re
from pathlib import Path

import pyotp
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from atip.models import AuditEvent
from atip.roles import Role
from tests.browser.screens import VIEWPORTS, checked, new_page
from tests.factories import PASSWORD, ServiceEpisodeFactory, UserFactory, VictimFactory

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "field-ready"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


# --- 21.2 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_victim_filters_fold_on_a_phone_and_say_any(live_server, browser, device):
    UserFactory(username="maria.sw", role=Role.SOCIAL_WORKER)
    rosa = VictimFactory(given_name="Rosa", family_name="Castillo", sex="female")
    ServiceEpisodeFactory(victim=rosa)  # in care today
    luis = VictimFactory(given_name="Luis", family_name="Pop", sex="male")
    found = {}
    context, page = new_page(browser, device)
    log_in(page, live_server, "maria.sw")
    page.goto(live_server.url + reverse("victims:list") + "?caseload=all")
    toggle = page.get_by_role("button", name=re.compile(r"^Filters"))
    in_care = page.get_by_label("In care today")
    expect(page.get_by_role("link", name=rosa.reference)).to_be_visible()
    checked(page, SHOTS, device, "1-victims", found)

    if device == "phone":
        # The first result comes before the eleven filters: they wait behind one button.
        expect(toggle).to_have_text("Filters")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(in_care).to_be_hidden()
        link = page.get_by_role("link", name=rosa.reference).bounding_box()
        assert link["y"] + link["height"] < VIEWPORTS["phone"]["height"]  # on the first screen
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        page.mouse.move(0, 0)  # off the button, whose colours change on hover (in 0.15 s)
        page.wait_for_timeout(400)
        checked(page, SHOTS, device, "2-filters-unfolded", found)
    else:
        expect(toggle).to_be_hidden()  # at a desk the filters are simply there
    expect(in_care).to_be_visible()
    assert in_care.locator("option").all_inner_texts() == ["Any", "Yes", "No"]
    in_care.select_option(label="Yes")
    page.get_by_label("Sex").select_option(label="Female")
    page.get_by_role("button", name="Filter", exact=True).click()

    expect(page.get_by_role("link", name=rosa.reference)).to_be_visible()
    expect(page.get_by_role("link", name=luis.reference)).to_have_count(0)
    assert "in_care=true" in page.url and "sex=female" in page.url  # the parameters of before
    if device == "phone":
        expect(toggle).to_have_text("Filters (2)")
        expect(in_care).to_be_hidden()
    else:
        expect(in_care).to_have_value("true")
    checked(page, SHOTS, device, "3-filtered", found)
    context.close()
    assert found == {}, found


# --- 21.4 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("device", VIEWPORTS)
def test_enrolment_on_the_phone_it_is_for(live_server, browser, settings, device):
    settings.TWO_FACTOR_REQUIRED = True
    UserFactory(username="maria.sw", role=Role.SOCIAL_WORKER)
    found = {}
    context, page = new_page(browser, device, permissions=["clipboard-read", "clipboard-write"])
    log_in(page, live_server, "maria.sw")
    expect(page.get_by_role("heading", name="Set up two-factor authentication")).to_be_visible()

    link = page.get_by_role("link", name="Open in your authenticator app")
    expect(link).to_be_visible()
    secret = page.locator("#totp-secret").get_attribute("data-secret")
    assert link.get_attribute("href").startswith(
        "otpauth://totp/"
    ) and f"secret={secret}" in link.get_attribute("href")
    if device == "phone":  # what the phone can use comes before what it cannot (a code to scan)
        assert link.bounding_box()["y"] < page.locator("svg.qr-code").bounding_box()["y"]
    expect(page.locator("svg.qr-code")).to_be_visible()
    key = page.locator("#totp-secret")
    expect(key).to_have_text(" ".join(re.findall(".{4}", secret)))
    assert "monospace" in key.evaluate("element => getComputedStyle(element).fontFamily")
    checked(page, SHOTS, device, "4-enrol", found)

    page.get_by_role("button", name="Copy the key").click()
    expect(page.locator("#totp-secret ~ [role=status]")).to_have_text("Key copied.")
    assert page.evaluate("navigator.clipboard.readText()") == secret

    # A wrong code: said at the top of the form, focused (and so read out), and by the field.
    app = pyotp.TOTP(secret)
    wrong = f"{(int(app.now()) + 500_000) % 1_000_000:06d}"
    page.get_by_label("Code from your app").fill(wrong)
    page.get_by_role("button", name="Confirm").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("That code is not right")
    expect(alert).to_be_focused()
    expect(alert).to_be_in_viewport()
    field = page.get_by_label("Code from your app")
    assert alert.bounding_box()["y"] < field.bounding_box()["y"]
    expect(page.locator("#error_1_id_code")).to_contain_text("That code is not right")  # crispy's
    checked(page, SHOTS, device, "5-wrong-code", found)
    alert.get_by_role("link", name="Code from your app").click()
    expect(field).to_be_focused()

    field.fill(app.now())
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Two-factor authentication is set up.")).to_be_visible()
    context.close()
    assert found == {}, found


# --- 21.6 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("device", VIEWPORTS)
def test_locked_out_told_until_when_and_unlocked_by_an_administrator(live_server, browser, device):
    pat = UserFactory(username="pat.police", role=Role.POLICE)
    UserFactory(username="ana.admin", role=Role.ADMINISTRATOR)
    found = {}
    context, page = new_page(browser, device)
    for _ in range(3):
        page.goto(live_server.url + reverse("login"))
        page.get_by_label("Username").fill("pat.police")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    expect(page.get_by_text("One more failed attempt")).to_have_count(0)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#last-try")).to_have_text(
        "One more failed attempt will lock this account for 30 minutes."
    )
    checked(page, SHOTS, device, "6-last-try", found)

    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Too many failed log-ins")).to_be_visible()
    expect(page.locator("main time")).to_have_text(re.compile(r"^\d\d:\d\d( on \d{4}-\d\d-\d\d)?$"))
    expect(page.get_by_text(re.compile(r"is locked until \d\d:\d\d"))).to_be_visible()
    checked(page, SHOTS, device, "7-locked-out", found)
    page.get_by_role("link", name="Back to the login form").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()

    # Another computer (here: another browser, the same address in the test), the administrator.
    admin_context, admin = new_page(browser, device)
    log_in(admin, live_server, "ana.admin")
    admin.goto(live_server.url + reverse("accounts:detail", args=[pat.pk]))
    expect(admin.locator("#lockout")).to_contain_text(re.compile(r"locked until \d\d:\d\d"))
    checked(admin, SHOTS, device, "8-account-locked", found)
    asked = []
    admin.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    admin.get_by_role("button", name="Unlock").click()
    expect(admin.get_by_text("pat.police is unlocked: they can log in again.")).to_be_visible()
    assert asked and asked[0].startswith("Unlock pat.police?")
    expect(admin.locator("#lockout")).to_have_count(0)
    checked(admin, SHOTS, device, "9-unlocked", found)
    admin_context.close()
    assert AuditEvent.objects.filter(action="unlock", object_ref="pat.police").count() == 1

    page.get_by_label("Username").fill("pat.police")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="ATIPs Police Unit")).to_be_visible()  # logged in
    context.close()
    assert found == {}, found
