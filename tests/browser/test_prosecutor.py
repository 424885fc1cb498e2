"""The prosecutor path in a real Chromium: from a case the police referred for prosecution, file
a prosecution → add charges → record a conviction with its sentence."""

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from atip.roles import Role
from prosecutions.models import Charge
from tests.factories import PASSWORD, CaseFactory, SuspectFactory, UserFactory, VictimFactory

SHOTS = Path(__file__).resolve().parents[2] / "test-results"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_prosecutor_files_charges_and_records_a_conviction(live_server, page):
    SHOTS.mkdir(exist_ok=True)
    UserFactory(username="dpp.young", role=Role.PROSECUTOR)
    case = CaseFactory(
        reference="C-2025-014",
        reported_on=datetime.date(2025, 2, 3),
        status="prosecution",  # referred by the police (issue 19.7)
        investigation_opened_on=datetime.date(2025, 2, 5),
        victims=[VictimFactory(given_name="Rosa", registered_on=datetime.date(2025, 2, 1))],
    )
    SuspectFactory(case=case, given_name="Julio", family_name="Ramirez")
    SuspectFactory(case=case, given_name="Elena", family_name="Flores")
    SuspectFactory(given_name="Other", family_name="Case")  # never offered: another case's suspect

    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("dpp.young")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Office of the Director of Public Prosecutions")).to_be_visible()

    page.get_by_role("link", name="Reported cases").click()
    page.get_by_role("link", name="C-2025-014").click()
    expect(page.get_by_text("shown once a prosecution is filed")).to_be_visible()  # no victim names yet
    page.get_by_role("link", name="File a prosecution").click()
    page.get_by_label("Court case number").fill("SC-2025-031")
    page.locator("select[name=court]").select_option("supreme")
    page.get_by_label("Filed on").fill("2025-06-02")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Prosecution SC-2025-031 filed.")

    for suspect, offence in [("Julio Ramirez", "tip_trafficking"), ("Elena Flores", "tip_other")]:
        page.get_by_role("link", name="Add a charge").click()
        expect(page.get_by_label("Suspect")).to_be_visible()  # the new page, before its options are read
        options = page.locator("select[name=suspect] option").all_inner_texts()
        assert not any("Other" in o for o in options)
        page.get_by_label("Suspect").select_option(label=next(o for o in options if suspect.split()[0] in o))
        page.get_by_label("Offence").select_option(offence)
        page.get_by_label("Exploitation form").select_option("sexual")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("alert")).to_contain_text("Charge added.")

    page.locator("tr", has_text="Julio Ramirez").get_by_role("link", name="Record verdict").click()
    page.get_by_label("Outcome").select_option("convicted")
    page.get_by_label("Verdict date").fill("2025-11-20")
    page.get_by_label("Prison term: years").fill("8")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Charge saved.")
    row = page.locator("tr", has_text="Julio Ramirez")
    expect(row).to_contain_text("Convicted")
    expect(row).to_contain_text("8 years")
    expect(page.locator("tr", has_text="Elena Flores")).to_contain_text("Pending")
    page.get_by_label("Hearing date").fill("2025-07-15")
    page.get_by_label("Note").fill("Preliminary inquiry")
    page.get_by_role("button", name="Add a hearing").click()
    expect(page.get_by_role("cell", name="Preliminary inquiry")).to_be_visible()
    page.screenshot(path=str(SHOTS / "prosecutor_prosecution_page.png"), full_page=True)

    charge = Charge.objects.get(suspect__given_name="Julio")
    assert (charge.outcome, charge.verdict_date, charge.sentence_months) == (
        "convicted",
        datetime.date(2025, 11, 20),
        96,
    )
    case.refresh_from_db()
    assert case.status == "prosecution"

    # The case page now shows the victim to the prosecutor, and the prosecution with its outcome.
    page.get_by_role("link", name="C-2025-014").first.click()
    expect(page.get_by_role("cell", name="Rosa")).to_be_visible()
    page.screenshot(path=str(SHOTS / "prosecutor_case_page.png"), full_page=True)
    page.get_by_role("link", name="Home").click()
    expect(page.locator("#pending")).to_contain_text("SC-2025-031")
    page.screenshot(path=str(SHOTS / "prosecutor_home.png"), full_page=True)
