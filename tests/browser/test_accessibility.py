"""Issue 11: every main page of every role, at desktop and phone sizes, with axe-core (the npm
package's axe.min.js shipped in axe-playwright-python, injected by Playwright: never a CDN):
no serious or critical violation, and no page wider than a 390 px phone."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.urls import reverse

from cases.models import Case
from prevention.models import Activity
from prosecutions.models import Prosecution
from records.management.commands.seed_demo import DEMO_PASSWORD
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

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def main_pages() -> dict[str, list[str]]:
    """Demo username -> the main pages of its role (records of the demo data each may reach)."""
    victim = Victim.objects.filter(
        services__isnull=False, case_links__case__prosecutions__isnull=False
    ).first()
    case = Case.objects.filter(victim_links__victim=victim).first()
    prosecution = Prosecution.objects.filter(case=case).first()
    activity = Activity.objects.first()
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
        ],
        "police.officer": [
            reverse("home"),
            reverse("cases:list"),
            reverse("cases:detail", args=[case.pk]),
            reverse("cases:register_victim", args=[case.pk]),
            reverse("cases:request_victim", args=[case.pk]),
            reverse("victims:detail", args=[victim.pk]),
        ],
        "prosecutor": [
            reverse("home"),
            reverse("prosecutions:list"),
            reverse("prosecutions:detail", args=[prosecution.pk]),
            reverse("cases:detail", args=[case.pk]),
        ],
        "secretary": [
            reverse("home"),
            reverse("reports:annual") + "?year=2024",
            reverse("prevention:list"),
            reverse("prevention:detail", args=[activity.pk]),
            reverse("prevention:create"),
            reverse("reports:person_level"),
        ],
        "admin": [reverse("home"), reverse("accounts:list"), reverse("audit_log")],
    }


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def problems(page, axe: Axe, width: int) -> list[str]:
    found = [
        f"{v['id']} ({v['impact']}): {len(v['nodes'])} × {v['nodes'][0]['target']}"
        for v in axe.run(page).response["violations"]
        if v["impact"] in BLOCKING
    ]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        widest = page.evaluate(WIDEST, width)
        found.append(f"{scroll} px wide in a {width} px window: {widest}")
    return found


@pytest.mark.parametrize("size", VIEWPORTS)
def test_every_main_page_of_every_role(live_server, browser, settings, size):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    axe, width = Axe(), VIEWPORTS[size]["width"]
    found = {}
    for username, paths in {"": [reverse("login"), "/no-such-page/"], **main_pages()}.items():
        context = browser.new_context(viewport=VIEWPORTS[size])
        page = context.new_page()
        if username:
            log_in(page, live_server, username)
        for path in paths:
            page.goto(live_server.url + path)
            where = path.strip("/").replace("/", "_").replace("?", "_") or "home"
            name = f"{size}-{username or 'anonymous'}-{where}"
            page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
            if issues := problems(page, axe, width):
                found[f"{username or 'anonymous'} {path}"] = issues
        context.close()
    assert found == {}
