"""More than one application server: two processes sharing Redis (CACHE_URL=redis://…, Django's
own backend) keep the figures once for both, and a write through one is seen, with fresh
figures, through the other (docs/deployment.md, "Several servers")."""

import datetime
import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import VictimFactory

ROOT = Path(__file__).resolve().parents[2]
REDIS = ("127.0.0.1", 6379)


def redis_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = [
    pytest.mark.skipif(not redis_up(), reason="no Redis on 127.0.0.1:6379 (.ci/run starts redis-server)"),
    pytest.mark.django_db(transaction=True),
]

# One application process's step: optionally write, then what it knows of 2020's figures.
STEP = """
import datetime, json, sys
from django.conf import settings
settings.CACHES["default"]["KEY_PREFIX"] = sys.argv[2]
import django
django.setup()
from reports.figures import Tokens, is_kept, shown_figures, year_figures
if sys.argv[1] == "keep":
    year_figures(2020)
if sys.argv[1] == "write":
    from tests.factories import VictimFactory
    VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1))
kept = is_kept("figures", 2020, Tokens().of(2020))
shown = shown_figures(2020)
print(json.dumps({"kept": kept, "identified": shown.value["identification"]["identified_total"],
                  "as_of": shown.as_of is not None}))
"""


def database_url() -> str:
    db = settings.DATABASES["default"]
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{db['NAME']}"


def process(step: str, prefix: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "atip.settings",
        "DEBUG": "true",
        "DATABASE_URL": database_url(),
        "CACHE_URL": "redis://127.0.0.1:6379/0",
    }
    env.pop("MIGRATION_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", STEP, step, prefix],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite's test database is this process's own (in memory): run with DATABASE_URL=postgres://…",
)
def test_a_write_through_one_server_is_seen_with_fresh_figures_through_the_other():
    VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1))
    prefix = f"test-{uuid.uuid4().hex}"  # this test's keys only, in a Redis others may share
    # Each call is a new application process, as on another server; only Redis is shared.
    assert process("keep", prefix) == {"kept": True, "identified": 1, "as_of": False}
    assert process("read", prefix) == {"kept": True, "identified": 1, "as_of": False}  # kept by the first
    assert process("write", prefix)["identified"] == 2
    assert process("read", prefix) == {"kept": True, "identified": 2, "as_of": False}
