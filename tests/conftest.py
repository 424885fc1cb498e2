import os
import shutil

import pytest

from atip.roles import Role
from tests.clock import set_clock
from tests.factories import UserFactory

CHROMIUM = "/usr/bin/chromium"
# Playwright's sync API keeps an event loop in the test thread; the ORM calls made by tests
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing strength is Django's concern; the suite creates many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def login(client):
    """login(role) -> the user, logged in on `client` (force_login: the lockout backend wants a
    request, and the login form itself has its own tests)."""

    def _login(role=Role.SOCIAL_WORKER, **kwargs):
        user = UserFactory(role=role, **kwargs)
        client.force_login(user)
        return user

    return _login


@pytest.fixture
def freeze_clock(monkeypatch):
    """freeze_clock(moment) -> the local date: the application's clock stands at `moment` (a local
    datetime, or a date for its noon) until the test ends. See tests/clock.py."""
    return lambda moment: set_clock(monkeypatch, moment)


# --- Browser tests: Debian's Chromium, never a downloaded browser. ----------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
