import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("sqlite_race.py")


def test_two_simultaneous_saves_on_sqlite_give_one_success_and_one_refusal(tmp_path):
    # A file database in a fresh process: the test database is in memory, where SQLite's locking
    # is not the one a web server meets.
    result = subprocess.run(
        [sys.executable, str(SCRIPT), f"sqlite:///{tmp_path / 'race.sqlite3'}"],
        env={**os.environ, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    # One redirect (saved), one form shown again with the optimistic-locking message: no 500.
    assert json.loads(result.stdout.splitlines()[-1]) == [[200, True], [302, False]]
