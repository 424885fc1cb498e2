"""A social worker switches to Spanish and does the whole registration path in Spanish (issue
11.4), on a desktop and on a phone. Every label is looked up in the Spanish catalogue, so the
test reads the same words the user reads, and fails if any of them is still English."""

from pathlib import Path

import pytest
from django.utils import translation
from django.utils.text import capfirst
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from victims.models import Victim

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "spanish"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def es(english: str) -> str:
    """The Spanish of `english`, which must have one (a field's label is its verbose name, lower
    case in the catalogue, with a capital)."""
    with translation.override("es"):
        spanish = translation.gettext(english)
        if spanish == english:
            spanish = capfirst(translation.gettext(english[0].lower() + english[1:]))
    assert spanish != english, f"{english!r} has no Spanish translation"
    return spanish


def shot(page, device, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{device}-{name}.png"), full_page=True)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_social_worker_registers_identifies_and_shelters_a_victim_in_spanish(live_server, browser, device):
    UserFactory(username="maria.sw")
    context = browser.new_context(viewport=VIEWPORTS[device], locale="en-GB")  # an English browser
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("Username").fill("maria.sw")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    if device == "phone":
        page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name=es("Human Services"))).to_be_visible()
    shot(page, device, "1-home")

    page.get_by_role("link", name=es("Register a victim")).first.click()
    page.get_by_label(es("Given name"), exact=True).fill("Rosa")
    page.get_by_label(es("Family name")).fill("Castillo")
    page.get_by_label(es("Date of birth")).fill("2008-04-02")
    page.locator("select[name=sex]").select_option("female")
    page.get_by_label(es("Nationality")).select_option("GT")
    page.get_by_label(es("Registered on")).fill("2024-03-01")
    page.get_by_label(es("Sexual exploitation")).check()
    shot(page, device, "2-register")
    page.get_by_role("button", name=es("Save")).click()
    reference = Victim.objects.get().reference
    registered = es("Registered %(reference)s as a presumed victim.") % {"reference": reference}
    expect(page.get_by_text(registered)).to_be_visible()
    shot(page, device, "3-registered")

    page.get_by_role("link", name=es("Record a decision")).click()
    page.locator("select[name=status]").select_option("identified")
    page.get_by_label(es("Date of the decision")).fill("2024-03-10")
    page.get_by_label(es("Institution")).select_option("human_services")
    page.get_by_role("button", name=es("Record decision")).click()
    expect(page.get_by_text(es("Decision recorded."))).to_be_visible()

    page.get_by_role("link", name=es("Add a service")).first.click()
    page.get_by_label(es("Service type")).select_option("shelter")
    page.get_by_label(es("Provider")).fill("Haven House")
    page.get_by_label(es("Start date")).fill("2024-03-10")
    page.get_by_role("button", name=es("Save")).click()

    expect(page.get_by_text(es("Service added."))).to_be_visible()
    expect(page.get_by_role("cell", name="Haven House")).to_be_visible()
    expect(page.get_by_text(es("Officially identified")).first).to_be_visible()
    expect(page.get_by_text(es("In care"), exact=True)).to_be_visible()
    shot(page, device, "4-victim")
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[device]["width"]
    context.close()
