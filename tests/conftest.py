import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import translation

from atip.database import CREDENTIALS, connect_as, owner_configured
from atip.roles import Role
from casework.documents import new_key
from tests.atip.database import audit_protections_lifted
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


@pytest.fixture(autouse=True)
def _two_factor_optional(settings):
    # Tests log in with force_login; the two-factor tests turn the requirement on themselves.
    settings.TWO_FACTOR_REQUIRED = False


@pytest.fixture(autouse=True)
def _undertaking_optional(settings):
    # The undertaking's own tests (tests/accounts/test_undertaking.py) turn it on.
    settings.UNDERTAKING_REQUIRED = False


@pytest.fixture
def login(client):
    """login(role) -> the user, logged in on `client` (force_login: the lockout backend wants a
    request, and the login form itself has its own tests)."""

    def _login(role=Role.SOCIAL_WORKER, **kwargs):
        user = UserFactory(role=role, **kwargs)
        client.force_login(user)
        return user

    return _login


# --- Database roles: with MIGRATION_DATABASE_URL (CI on PostgreSQL) the test database is created
# and migrated by the owner role, then every test runs as the application's role (DATABASE_URL),
# which may not change the audit log, as in production. ------------------------------------------

RUNTIME_CREDENTIALS = {key: settings.DATABASES["default"].get(key) for key in CREDENTIALS}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    if owner_configured(connections["default"]):
        connect_as(connections["default"], settings.DATABASE_OWNER)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    connection = connections["default"]
    if not owner_configured(connection):
        yield
        return
    connect_as(connection, RUNTIME_CREDENTIALS)
    yield
    connect_as(connection, settings.DATABASE_OWNER)  # who drops the test database


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_audit_protections():
    """Transactional tests end by emptying every table, the audit log too: as its owner. The
    rows the migrations made (roles, code lists) come back by post_migrate after the flush
    (atip.reference_rows), whatever test runs next on this worker: so no test asks for
    serialized_rollback, whose flush skips post_migrate and leaves the next plain test an empty
    database."""
    execute_sql_flush = BaseDatabaseOperations.execute_sql_flush

    def flush(self, sql_list):
        with audit_protections_lifted(self.connection):
            execute_sql_flush(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = flush
    yield
    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush


TEST_DOCUMENT_KEY = new_key()  # the tests run with DEBUG off: a key of their own, new each run


@pytest.fixture(autouse=True)
def documents_folder(settings, tmp_path_factory):
    """Each test stores documents in a folder of its own (never the project's documents/), under
    a key of the test run."""
    settings.DOCUMENT_KEY, settings.DOCUMENT_OLD_KEYS = TEST_DOCUMENT_KEY, []
    folder = tmp_path_factory.mktemp("documents")
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {**settings.STORAGES["documents"], "OPTIONS": {"location": str(folder)}},
    }
    return folder


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in Spanish leaves its thread in
    Spanish (translation.activate), which a later test on the same worker would inherit."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counts and figures kept in the cache never pass from one test to the next."""
    cache.clear()
    yield
    cache.clear()


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
