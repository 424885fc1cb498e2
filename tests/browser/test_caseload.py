"""Issue 20, "Done when": a social worker on a phone (and at a desk), in Spanish, opens her
caseload, closes a case (it goes to her supervisor, who approves it), and sees a 3-month
follow-up come due after a return — in a real Chromium, each page checked with axe-core (no
serious or critical violation, no page wider than the window). Labels are looked up in the
Spanish catalogue. Screenshots in test-results/caseload/, to be looked at."""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import LanguagePreference
from atip.roles import Role
from casework.models import Closure, ClosureStatus, FollowUp
from casework.returns import add_months
from tests.browser import screens
from tests.browser.screens import VIEWPORTS, checked
from tests.browser.test_spanish import es
from tests.factories import RepatriationFactory, UserFactory, VictimFactory

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "caseload"
DAY = datetime.timedelta(days=1)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def spanish_user(username, role=Role.SOCIAL_WORKER):
    user = UserFactory(username=username, role=role)
    LanguagePreference.objects.create(user=user, language="es")
    return user


@pytest.fixture
def rosa():
    """Rosa, in María's caseload; Ana, in another worker's (not in María's list)."""
    today = timezone.localdate()
    maria, other = spanish_user("maria.sw"), UserFactory(username="jose.sw")
    spanish_user("lucia.su", role=Role.SUPERVISOR)
    dates = {
        "registered_on": today - 200 * DAY,
        "status": "identified",
        "identification_date": today - 190 * DAY,
    }
    VictimFactory(given_name="Ana", family_name="Bol", responsible_worker=other, **dates)
    return VictimFactory(given_name="Rosa", family_name="Castillo", responsible_worker=maria, **dates)


def logged_in(browser, live_server, device, username):
    """A phone or a desk, logged in as `username` (in Spanish), on the home page."""
    context, page = screens.logged_in(browser, live_server, device, username, locale="es-419")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    return context, page


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_social_worker_closes_a_case_and_her_supervisor_approves_it_in_spanish(
    live_server, browser, rosa, device
):
    found = {}
    context, page = logged_in(browser, live_server, device, "maria.sw")
    expect(page.locator("#home-scope")).to_contain_text(es("Showing your caseload."))
    checked(page, SHOTS, device, "1-home", found)
    page.goto(live_server.url + reverse("victims:list"))  # opens on her caseload
    expect(page.locator("main table")).to_contain_text("Rosa Castillo")
    expect(page.get_by_text("Ana Bol")).to_have_count(0)  # another worker's: one click away
    checked(page, SHOTS, device, "2-my-caseload", found)

    page.get_by_role("link", name=rosa.reference).click()
    expect(page.locator("#responsible-worker")).to_have_text("maria.sw")
    page.locator("#caseload").get_by_role("link", name=es("Close the case")).click()
    page.get_by_label(es("Reintegrated")).check()
    page.locator("input[name=closed_on]").fill(timezone.localdate().isoformat())
    page.get_by_role("textbox", name=es("Note")).fill(
        "Vive con su familia y trabaja; sin preocupaciones en las visitas."
    )
    checked(page, SHOTS, device, "3-closure-form", found)
    page.get_by_role("button", name=es("Ask to close the case")).click()
    expect(page.get_by_text(es("The closure is waiting for the supervisor's approval."))).to_be_visible()
    expect(page.locator("#closure-state")).to_contain_text(es("Waiting for the supervisor's approval"))
    checked(page, SHOTS, device, "4-closure-waiting", found)
    context.close()

    context, page = logged_in(browser, live_server, device, "lucia.su")
    approvals = page.locator("#approvals")
    expect(approvals).to_contain_text("Rosa Castillo")
    checked(page, SHOTS, device, "5-supervisor-home", found)
    approvals.get_by_role("link", name=es("Approve or refuse")).click()
    page.get_by_label(es("Approve: close the case")).check()
    checked(page, SHOTS, device, "6-decision", found)
    page.get_by_role("button", name=es("Save")).click()
    expect(page.get_by_text(es("Decision recorded."))).to_be_visible()
    expect(page.locator("#closure-state")).to_contain_text(es("Closed"))
    checked(page, SHOTS, device, "7-case-closed", found)
    context.close()

    closure = Closure.objects.get()
    assert (closure.status, closure.created_by.username, closure.decided_by.username) == (
        ClosureStatus.CLOSED,
        "maria.sw",
        "lucia.su",
    )
    rosa.refresh_from_db()
    assert rosa.closed_on == timezone.localdate()
    assert found == {}


@pytest.mark.parametrize("device", VIEWPORTS)
def test_a_social_worker_sees_a_three_month_follow_up_come_due_after_a_return_in_spanish(
    live_server, browser, rosa, device
):
    today = timezone.localdate()
    returned = add_months(today, -3) - 2 * DAY
    repatriation = RepatriationFactory(victim=rosa, return_date=returned)
    FollowUp.objects.create(
        repatriation=repatriation, months=1, done_on=add_months(returned, 1), outcome="settled"
    )
    found = {}
    context, page = logged_in(browser, live_server, device, "maria.sw")
    due = es("%(months)s-month follow-up after the return") % {"months": 3}
    item = page.locator("li", has_text=due)
    expect(item).to_contain_text("Rosa Castillo")
    checked(page, SHOTS, device, "8-home-follow-up-due", found)
    item.get_by_role("link", name=es("Record the follow-up")).click()
    page.get_by_label(es("Concerns: support arranged")).check()
    page.locator("input[name=done_on]").fill(today.isoformat())
    page.get_by_label(es("What was found")).fill("Vive con su tía; necesita ayuda con la matrícula escolar.")
    checked(page, SHOTS, device, "9-follow-up-form", found)
    page.get_by_role("button", name=es("Save")).click()
    expect(page.get_by_text(es("Follow-up recorded."))).to_be_visible()
    expect(page.locator("#returns")).to_contain_text(es("Concerns: support arranged"))
    checked(page, SHOTS, device, "10-victim-page-with-the-follow-up", found)
    page.goto(live_server.url + "/")
    expect(page.locator("li", has_text=due)).to_have_count(0)
    context.close()

    assert list(FollowUp.objects.order_by("months").values_list("months", "outcome")) == [
        (1, "settled"),
        (3, "concerns"),
    ]
    assert found == {}
