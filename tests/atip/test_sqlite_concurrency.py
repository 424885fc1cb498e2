import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

SCRIPT = Path(__file__).with_name("sqlite_race.py")


@pytest.fixture(scope="module")
def database(tmp_path_factory, django_db_setup, django_db_blocker):
    """A file for the script's database; on SQLite, a copy of the migrated test database, so
    that the script's migrate has nothing left to do (migrating from nothing takes far longer
    than the race). Copied before any test's transaction begins: a backup waits for it."""
    path = tmp_path_factory.mktemp("race") / "race.sqlite3"
    if connection.vendor == "sqlite":
        with django_db_blocker.unblock(), sqlite3.connect(path) as copy:
            connection.ensure_connection()
            connection.connection.backup(copy)
        copy.close()
    return path


@pytest.mark.django_db  # the test database is where the copy's tables come from
def test_two_simultaneous_saves_on_sqlite_give_one_success_and_one_refusal(database):
    # A file database in a fresh process: the test database is in memory, where SQLite's locking
    # is not the one a web server meets.
    result = subprocess.run(
        [sys.executable, str(SCRIPT), f"sqlite:///{database}"],
        env={**os.environ, "DEBUG": "true", "UNDERTAKING_REQUIRED": "false"},  # as tests/conftest.py
        capture_output=True,
        text=True,
        # Only against a hang: migrating from nothing (when the tests run on PostgreSQL) took
        # over 120 s on a busy two-core machine.
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # One redirect (saved), one form shown again with the optimistic-locking message: no 500.
    assert json.loads(result.stdout.splitlines()[-1]) == [[200, True], [302, False]]
