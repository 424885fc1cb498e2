"""Issue 21, item 13, in a real Chromium at phone and desk sizes, with axe-core: the secretary
writes the year's texts of the factsheet (the year in brief, the definition under the Act, the
prevention summary, the contact block) from the statistics page, sees them on the factsheet, and
publishes the year: the edition keeps them, and what she changes afterwards goes into the next
one only. Screenshots in test-results/factsheet-texts/, to be looked at."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from atip.roles import Role
from reports.models import Edition, FactsheetDraft
from tests.browser.screens import VIEWPORTS, checked, logged_in
from tests.factories import ActivityFactory, UserFactory, VictimFactory

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "factsheet-texts"
YEAR = 2024

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARRATIVE = "In 2024 the Council opened a shelter for men and trained <every> border post."
SUMMARY = "Radio spots in English, Spanish and Q'eqchi' reached every district."


@pytest.mark.parametrize("device", VIEWPORTS)
def test_the_secretary_writes_the_texts_and_publishes_the_year(live_server, browser, device):
    for _ in range(3):
        VictimFactory(status="identified", identification_date=datetime.date(YEAR, 5, 2))
    ActivityFactory(kind="training", date=datetime.date(YEAR, 3, 4), audience="police", participants=20)
    UserFactory(username="council.sec", role=Role.SECRETARY)
    context, page = logged_in(browser, live_server, device, "council.sec")
    found = {}

    page.goto(live_server.url + reverse("reports:annual") + f"?year={YEAR}")
    page.locator("#factsheet-texts").get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", name=f"Factsheet texts for {YEAR}, in English")).to_be_visible()
    # The defaults: the definition naming the Act, the Council's address; she keeps them.
    expect(page.get_by_label("Definition of trafficking")).to_have_value(
        re.compile(
            r"^The Trafficking in Persons \(Prohibition\) Act 2013 makes trafficking in persons a crime"
        )
    )
    expect(page.get_by_label("Address")).to_have_value(
        "Anti-Trafficking in Persons (ATIPs) Council\n"
        "Ministry of Human Development, Families and Indigenous Peoples' Affairs\n"
        "Belmopan, Belize"
    )
    page.get_by_label("The year in brief").fill(NARRATIVE)
    page.get_by_label("Prevention summary").fill(SUMMARY)
    page.get_by_label("E-mail").fill("not an address")
    page.get_by_label("Telephone").fill("+501 822-0000")
    checked(page, SHOTS, device, "1-texts", found)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Enter a valid email address.").first).to_be_visible()  # next to the field
    assert not FactsheetDraft.objects.exists()
    checked(page, SHOTS, device, "2-refused", found)
    page.get_by_label("E-mail").fill("atips.council@example.org")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"The texts of the {YEAR} factsheet in English are saved")).to_be_visible()
    checked(page, SHOTS, device, "3-saved-back-at-the-statistics", found)

    # The factsheet shows them as written: the angle brackets are text, not markup.
    page.goto(live_server.url + reverse("reports:export", args=[YEAR, "html"]) + "?language=en")
    expect(page.locator("#in-brief")).to_have_text(NARRATIVE)
    expect(page.locator("#prevention")).to_contain_text(SUMMARY)
    expect(page.locator("#definition")).to_contain_text("Trafficking in Persons (Prohibition) Act 2013")
    expect(page.locator("#contact")).to_contain_text("atips.council@example.org")
    expect(page.locator("#contact")).to_contain_text("+501 822-0000")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{device}-4-factsheet.png"), full_page=True)

    page.goto(live_server.url + reverse("reports:annual") + f"?year={YEAR}")
    page.locator("#publish-form").get_by_role("button", name=f"Publish {YEAR}").click()
    expect(page.get_by_text(f"Edition 1 of {YEAR} is published.")).to_be_visible()
    edition = Edition.objects.get(year=YEAR)
    assert (edition.narrative, edition.prevention_summary) == (NARRATIVE, SUMMARY)
    stored = bytes(edition.pdf)

    # Afterwards the draft changes; the edition keeps what it was published with.
    page.locator("#factsheet-texts").get_by_role("link", name="English").click()
    expect(page.get_by_text("Edition 1 was published on")).to_be_visible()
    page.get_by_label("The year in brief").fill("A corrected paragraph for the next edition.")
    checked(page, SHOTS, device, "5-after-publishing", found)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"The texts of the {YEAR} factsheet in English are saved")).to_be_visible()
    context.close()

    edition.refresh_from_db()
    assert edition.narrative == NARRATIVE and bytes(edition.pdf) == stored
    assert FactsheetDraft.objects.get().narrative == "A corrected paragraph for the next edition."
    assert found == {}
