"""Issue 11: every main page of every role, at desktop and phone sizes, with axe-core (the npm
package's axe.min.js shipped in axe-playwright-python, injected by Playwright: never a CDN):
no serious or critical violation, and no page wider than a 390 px phone."""

from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.core.management import call_command
from django.urls import reverse

from cases.models import Case
from casework.models import ContactNote, DocumentShare
from prevention.models import Activity
from prosecutions.models import Prosecution
from records.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS
from victims.models import Victim

SHOTS = Path(__file__).resolve().parents[2] / "test-results" / "a11y"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
BLOCKING = {"serious", "critical"}
# The innermost elements that reach past the window's right edge (what makes a page too wide).
WIDEST = """width => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest(".table-responsive"))
  .slice(0, 4).map(e => e.tagName.toLowerCase()
    + (typeof e.className === "string" && e.className ? "." + e.className.trim().replace(/ +/g, ".") : "")
    + " " + Math.round(e.getBoundingClientRect().right) + "px")"""

# Links, buttons and form controls that start beyond the window's right edge, tables included:
# on a phone an action must not need sideways scrolling (issue 21.1).
OFF_EDGE = """width => [...document.querySelectorAll("main :is(a, button, input, select, textarea)")]
  .filter(e => e.getClientRects().length && e.getBoundingClientRect().left >= width)
  .slice(0, 4).map(e => e.tagName.toLowerCase() + " " + JSON.stringify(e.textContent.trim().slice(0, 30))
    + " at " + Math.round(e.getBoundingClientRect().left) + "px")"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def main_pages() -> dict[str, list[str]]:
    """Demo username -> the main pages of its role (records of the demo data each may reach)."""
    victim = Victim.objects.filter(
        services__isnull=False, case_links__case__prosecutions__isnull=False
    ).first()
    case = Case.objects.filter(victim_links__victim=victim).first()
    prosecution = Prosecution.objects.filter(case=case).first()
    activity = Activity.objects.first()
    # Contact notes and documents (issue 20): a person with both, one of whose documents is
    # shared with a prosecuted case, which the police and prosecutors open.
    shared = DocumentShare.objects.select_related("document", "case").first()
    person, note = shared.document.victim, ContactNote.objects.filter(victim=shared.document.victim).first()
    return {
        "social.worker": [
            reverse("home"),
            reverse("victims:list"),
            reverse("victims:list") + "?q=Maria",
            reverse("victims:create"),
            reverse("victims:detail", args=[victim.pk]),
            reverse("victims:edit", args=[victim.pk]),
            reverse("services:victim", args=[victim.pk]),
            reverse("cases:detail", args=[case.pk]),
            reverse("prosecutions:detail", args=[prosecution.pk]),
            reverse("reports:annual") + "?year=2024",
            reverse("victims:detail", args=[person.pk]),
            reverse("casework:notes", args=[person.pk]),
            reverse("casework:note", args=[note.pk]),
            reverse("casework:note_create", args=[person.pk]),
            reverse("casework:document_create", args=[person.pk]),
            reverse("casework:document_share", args=[shared.document.pk]),
        ],
        "supervisor": [
            reverse("home"),
            reverse("casework:worklists"),
            reverse("victims:list") + "?caseload=all",
            reverse("victims:detail", args=[victim.pk]),
            reverse("reports:performance"),
        ],
        "police.officer": [
            reverse("home"),
            reverse("cases:list"),
            reverse("cases:detail", args=[case.pk]),
            reverse("cases:register_victim", args=[case.pk]),
            reverse("cases:request_victim", args=[case.pk]),
            reverse("victims:detail", args=[victim.pk]),
            reverse("cases:detail", args=[shared.case.pk]),
        ],
        "prosecutor": [
            reverse("home"),
            reverse("prosecutions:list"),
            reverse("prosecutions:detail", args=[prosecution.pk]),
            reverse("cases:detail", args=[case.pk]),
            reverse("cases:detail", args=[shared.case.pk]),
        ],
        "secretary": [
            reverse("home"),
            reverse("reports:annual") + "?year=2024",
            reverse("prevention:list"),
            reverse("prevention:detail", args=[activity.pk]),
            reverse("prevention:create"),
            reverse("reports:person_level"),
            reverse("reports:factsheet_texts", args=[2024, "en"]),
            reverse("reports:performance"),
        ],
        "admin": [reverse("home"), reverse("accounts:list"), reverse("audit_log")],
    }


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def problems(page, width: int) -> list[str]:
    found = [
        f"{v['id']} ({v['impact']}): {len(v['nodes'])} × {v['nodes'][0]['target']}"
        for v in page.evaluate("options => axe.run(options)", {"resultTypes": ["violations"]})["violations"]
        if v["impact"] in BLOCKING
    ]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        widest = page.evaluate(WIDEST, width)
        found.append(f"{scroll} px wide in a {width} px window: {widest}")
    if off_edge := page.evaluate(OFF_EDGE, width):
        found.append(f"beyond the right edge of a {width} px window: {off_edge}")
    return found


# One test per role, so that the roles spread over the test workers; each logs in once and
# reuses its session at the other size.
@pytest.mark.parametrize("username", ["", *DEMO_USERS.values()], ids=lambda name: name or "anonymous")
def test_every_main_page_of_every_role(live_server, browser, settings, username):
    settings.DEBUG = True
    if username:
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        paths = main_pages()[username]
    else:
        paths = [reverse("login"), "/no-such-page/"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    found, session = {}, None
    for size, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, storage_state=session)
        # axe-core in every page the context opens, rather than sent again after each load.
        context.add_init_script(script=AXE_SCRIPT)
        page = context.new_page()
        if username and session is None:
            log_in(page, live_server, username)
            session = context.storage_state()
        for path in paths:
            page.goto(live_server.url + path)
            where = path.strip("/").replace("/", "_").replace("?", "_") or "home"
            name = f"{size}-{username or 'anonymous'}-{where}"
            page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
            if issues := problems(page, viewport["width"]):
                found[f"{size} {username or 'anonymous'} {path}"] = issues
        context.close()
    assert found == {}
