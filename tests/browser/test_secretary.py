"""The secretary's path in a real Chromium: log in → record an activity → open the statistics of
2020 (the sample import) → see the charts → download every export."""

import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from atip.models import AuditEvent
from atip.roles import Role
from prevention.models import Activity
from tests.factories import PASSWORD, UserFactory
from tests.samples import SAMPLE

SHOTS = Path(__file__).resolve().parents[2] / "test-results"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def log_in(page, live_server, username):
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_secretary_records_an_activity_and_downloads_the_2020_report(live_server, page):
    SHOTS.mkdir(exist_ok=True)
    call_command("import_records", str(SAMPLE), stdout=io.StringIO(), stderr=io.StringIO())
    UserFactory(username="council.sec", role=Role.SECRETARY)
    log_in(page, live_server, "council.sec")
    expect(page.get_by_role("heading", name="ATIPs Council secretariat")).to_be_visible()
    page.screenshot(path=SHOTS / "secretary-home.png", full_page=True)

    page.get_by_role("link", name="Record an activity").first.click()
    page.get_by_label("Date").fill("2020-10-15")
    page.get_by_label("Kind").select_option("training")
    page.get_by_label("Title").fill("Judges' seminar on the TIP Act")
    page.get_by_label("Audience").select_option("judiciary")
    page.get_by_label("Participants").fill("12")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("P-2020-")
    assert Activity.objects.filter(
        title="Judges' seminar on the TIP Act", reference__startswith="P-2020-"
    ).exists()

    page.get_by_role("link", name="Statistics").click()
    page.get_by_label("Year").select_option("2020")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", name="Actions against human trafficking — 2020")).to_be_visible()
    expect(page.locator("svg.chart")).to_have_count(9)
    expect(page.locator("#table-prevention_figures")).to_contain_text("People trained")
    expect(page.locator("#table-prevention_figures")).to_contain_text("409")  # 397 + the 12 just added
    page.screenshot(path=SHOTS / "secretary-statistics-2020.png", full_page=True)

    files = {}
    for name in ["Factsheet (PDF)", "XLSX", "CSV", "JSON (internal, exact)"]:
        with page.expect_download() as download:
            page.get_by_role("link", name=name, exact=True).click()
        path = SHOTS / download.value.suggested_filename
        download.value.save_as(path)
        files[name] = path
    assert files["Factsheet (PDF)"].read_bytes().startswith(b"%PDF")
    assert json.loads(files["JSON (internal, exact)"].read_text())["prevention"]["people_trained"] == 409
    assert "<5" in files["CSV"].read_text()
    book = openpyxl.load_workbook(files["XLSX"])
    assert book.sheetnames[:5] == [
        "Identification",
        "Assistance",
        "Prosecution",
        "Repatriation",
        "Prevention",
    ]
    assert book.sheetnames[5:] == ["TIP Report"]

    page.get_by_role("link", name="Factsheet (HTML, printable)").click()
    expect(page.get_by_role("heading", name="Actions against human trafficking")).to_be_visible()
    expect(page.locator(".masthead .year")).to_have_text("2020")
    page.screenshot(path=SHOTS / "secretary-factsheet-2020.png", full_page=True)
    assert AuditEvent.objects.filter(action="export", object_ref="2020").count() == 5
