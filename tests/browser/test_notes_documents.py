"""Issue 20, "Done when": a social worker on a phone (and at a desk), in Spanish, writes a visit
note, and attaches a photographed signed consent form to a consent — in a real Chromium, each
page checked with axe-core (no serious or critical violation, no page wider than the window).
Every label is looked up in the Spanish catalogue (tests/browser/test_spanish.es). Screenshots
in test-results/notes-documents/, to be looked at."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from accounts.models import LanguagePreference
from casework.models import ContactNote, Document
from casework.sample_files import photo
from tests.browser.screens import VIEWPORTS, checked, logged_in
from tests.browser.test_spanish import es
from tests.casework import factories as casework
from tests.factories import UserFactory, VictimFactory

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "notes-documents"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def rosa():
    today = timezone.localdate()
    victim = VictimFactory(
        given_name="Rosa",
        family_name="Castillo",
        registered_on=today - datetime.timedelta(days=20),
        status="identified",
        identification_date=today - datetime.timedelta(days=15),
    )
    maria = UserFactory(username="maria.sw")
    LanguagePreference.objects.create(user=maria, language="es")
    return victim


def open_rosa(browser, live_server, device, rosa):
    """María's phone or desk, logged in (in Spanish), on Rosa's page."""
    context, page = logged_in(browser, live_server, device, "maria.sw", locale="es-419")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.goto(live_server.url + rosa.get_absolute_url())
    expect(page.get_by_role("heading", name=re.compile("Rosa Castillo"))).to_be_visible()
    return context, page


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_social_worker_writes_a_visit_note_in_spanish(live_server, browser, rosa, device):
    context, page = open_rosa(browser, live_server, device, rosa)
    found = {}
    notes = page.locator("#notes")
    expect(notes.get_by_role("heading", name=es("Contact notes"))).to_be_visible()
    notes.get_by_role("link", name=es("Write a note")).click()

    page.get_by_label(es("Kind of contact")).select_option("visit")
    page.locator("input[name=happened_on]").fill(timezone.localdate().isoformat())
    page.get_by_label(es("Who took part")).fill("Rosa; María (trabajadora social)")
    page.get_by_label(es("Where")).fill("Albergue Haven House")
    page.get_by_label(es("How long (minutes)")).fill("45")
    page.get_by_label(es("What happened")).fill(
        "Rosa está más tranquila; pidió llamar a su hermana el viernes."
    )
    checked(page, SHOTS, device, "1-note-form", found)
    page.get_by_role("button", name=es("Save the note")).click()

    expect(page.get_by_text(es("Note saved."))).to_be_visible()
    note = page.locator("#notes").locator("li").first
    expect(note).to_contain_text("Rosa está más tranquila")
    expect(note).to_contain_text(es("Visit"))
    expect(note).to_contain_text("maria.sw")
    timeline = page.locator("#timeline")
    expect(timeline.get_by_text(es("Contact note"))).to_be_visible()
    expect(timeline).to_contain_text("Albergue Haven House, 45 min")
    checked(page, SHOTS, device, "2-victim-page-with-the-note", found)

    note.get_by_role("link", name=es("Open the note")).click()
    expect(page.get_by_role("heading", name=re.compile(es("Contact note")))).to_be_visible()
    checked(page, SHOTS, device, "3-note", found)
    context.close()

    saved = ContactNote.objects.get()
    assert (saved.kind, saved.duration_minutes, saved.created_by.username) == ("visit", 45, "maria.sw")
    assert found == {}


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_social_worker_attaches_a_photographed_signed_consent_form_in_spanish(
    live_server, browser, rosa, device
):
    consent = casework.consent(rosa, purpose="services", agency="", decided_on=timezone.localdate())
    context, page = open_rosa(browser, live_server, device, rosa)
    found = {}
    page.locator("#consents").get_by_role("link", name=es("Attach the signed form")).click()

    expect(page.get_by_label(es("Kind of document"))).to_have_value("consent_form")
    expect(page.get_by_label(es("Attached to"))).to_have_value(f"consent-{consent.pk}")
    taken = photo("CONSENTIMIENTO", "Firmado", orientation=6)  # as the phone took it: with its location
    page.get_by_label(es("File")).set_input_files(
        files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": taken}]
    )
    page.get_by_label(es("Description")).fill("Formulario firmado, fotografiado")
    checked(page, SHOTS, device, "4-document-form", found)
    page.get_by_role("button", name=es("Keep the document")).click()

    kept = es("Document kept: %(kind)s.") % {"kind": es("Consent form")}
    expect(page.get_by_text(kept)).to_be_visible()
    link = page.locator("#consents").get_by_role("link", name=re.compile("Formulario firmado, fotografiado"))
    expect(link).to_be_visible()
    expect(page.locator("#documents")).to_contain_text(es("Consent form"))
    checked(page, SHOTS, device, "5-victim-page-with-the-form", found)

    with page.expect_download() as download:
        link.click()
    content = Path(download.value.path()).read_bytes()
    context.close()

    document = Document.objects.get()
    assert (document.consent, document.kind, document.file_type) == (consent, "consent_form", "jpeg")
    assert download.value.suggested_filename == f"{rosa.reference}-consent_form-{document.pk}.jpg"
    image = Image.open(io.BytesIO(content))
    assert not image.getexif().get_ifd(0x8825) and b"PhoneMaker" not in content  # no location, no camera
    assert image.getexif().get(0x0112) == 6  # still shown the right way up
    assert found == {}
