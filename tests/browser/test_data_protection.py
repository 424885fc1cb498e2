"""Issue 22 in a real Chromium, phone and desk, each page checked with axe-core: a social worker
(in Spanish) accepts the confidentiality undertaking before anything else, then produces a
person's own copy as a PDF; the secretary makes the encrypted HTCDS archive and sees its password
once; an administrator's register of incidents. Screenshots in test-results/data-protection/."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import LanguagePreference, Undertaking
from atip.models import AuditEvent
from atip.roles import Role
from tests.browser import screens
from tests.browser.screens import VIEWPORTS, checked
from tests.browser.test_spanish import es
from tests.factories import UserFactory, VictimFactory

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "data-protection"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _undertaking_required(settings, transactional_db):
    settings.UNDERTAKING_REQUIRED = True
    # The migration's first version, whether or not a transactional test before emptied the table.
    Undertaking.objects.get_or_create(version=1, defaults={"text": "Keep everything confidential."})


def logged_in(browser, live_server, device, username, locale="en-GB"):
    return screens.logged_in(browser, live_server, device, username, locale=locale, accept_downloads=True)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_undertaking_first_then_the_person_s_own_copy_in_spanish(live_server, browser, device):
    victim = VictimFactory(given_name="Rosa", family_name="Castillo")
    LanguagePreference.objects.create(user=UserFactory(username="maria.sw"), language="es")
    context, page = logged_in(browser, live_server, device, "maria.sw", locale="es-419")
    found = {}
    page.goto(live_server.url + victim.get_absolute_url())
    expect(page.get_by_role("heading", name=es("Confidentiality undertaking"))).to_be_visible()
    checked(page, SHOTS, device, "undertaking", found)
    page.get_by_label(es("I have read this undertaking and I accept it.")).check()
    page.get_by_role("button", name=es("Accept and continue")).click()
    expect(page.get_by_role("link", name=es("Own copy"))).to_be_visible()  # back on Rosa's page
    page.get_by_role("link", name=es("Own copy")).click()
    checked(page, SHOTS, device, "own-copy", found)
    page.get_by_label(es("Reference of the request")).fill("SAR-2026-001")
    page.locator("input[name=received_on]").fill("2026-01-15")
    page.get_by_label(es("Language of the copy")).select_option("es")
    with page.expect_download() as download:
        page.get_by_role("button", name=es("Produce the copy")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert AuditEvent.objects.filter(action="export", object_ref=victim.reference).exists()
    context.close()
    assert found == {}, json.dumps(found, indent=1)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_secretary_gets_the_encrypted_archive_and_its_password(live_server, browser, device):
    VictimFactory()
    UserFactory(username="sec", role=Role.SECRETARY)
    context, page = logged_in(browser, live_server, device, "sec")
    page.get_by_label("I have read this undertaking and I accept it.").check()
    page.get_by_role("button", name="Accept and continue").click()
    found = {}
    page.goto(live_server.url + "/reports/person-level/")
    page.get_by_label("Reference of the data-sharing agreement").fill("DSA-2026-03")
    page.get_by_role("button", name="Make the encrypted HTCDS archive").click()
    expect(page.locator("#archive-password")).to_have_text(re.compile(r"^\S{5}(-\S{5}){4}$"))
    checked(page, SHOTS, device, "archive", found)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the archive (zip)").click()
    assert download.value.suggested_filename == "htcds-victims.zip"
    context.close()
    assert found == {}, json.dumps(found, indent=1)


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_register_of_incidents(live_server, browser, device):
    UserFactory(username="adm", role=Role.ADMINISTRATOR)
    context, page = logged_in(browser, live_server, device, "adm")
    page.get_by_label("I have read this undertaking and I accept it.").check()
    page.get_by_role("button", name="Accept and continue").click()
    found = {}
    page.get_by_role("link", name="Security incidents").click()
    page.locator("input[name=happened_on]").fill("2026-02-01")
    page.locator("input[name=discovered_on]").fill("2026-02-03")
    page.get_by_label("What happened").fill("A laptop left on a bus.")
    page.get_by_role("button", name="Record the incident").click()
    expect(page.locator("#incidents")).to_contain_text("A laptop left on a bus.")
    checked(page, SHOTS, device, "incidents", found)
    context.close()
    assert found == {}, json.dumps(found, indent=1)
