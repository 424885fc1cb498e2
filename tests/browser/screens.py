"""What the browser tests of each role's main path share: the two screens they walk at, a page
that opens logged in (axe-core loaded in every page it opens, as in test_accessibility), and a
page checked (a screenshot to look at, and axe's findings with the page's width)."""

from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT

from tests.browser.test_accessibility import problems
from tests.factories import PASSWORD

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 800}}


def new_page(browser, device, **options):
    """A new phone or desk (`options` for Playwright's context: locale, downloads…)."""
    context = browser.new_context(viewport=VIEWPORTS[device], **options)
    context.add_init_script(script=AXE_SCRIPT)
    return context, context.new_page()


def logged_in(browser, live_server, device, username, **options):
    """A phone or a desk, logged in as `username` (the form's fields found by name: any language)."""
    context, page = new_page(browser, device, **options)
    page.goto(live_server.url + "/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("button.btn-primary[type=submit]").click()
    page.wait_for_load_state()
    return context, page


def checked(page, shots: Path, device, name, found):
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / f"{device}-{name}.png"), full_page=True)
    if issues := problems(page, VIEWPORTS[device]["width"]):
        found[name] = issues
