"""Two simultaneous saves of one victim on a file-based SQLite database, each request in its own
thread with its own connection, as two web server workers would. Run by test_sqlite_concurrency:

    python tests/atip/sqlite_race.py sqlite:////tmp/x.sqlite3

The database may be empty or already migrated (the test copies its own migrated database there).

Prints one JSON line: [[status, refused_as_stale], …] for the two requests.
"""

import json
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = sys.argv[1]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atip.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# As in every test (tests/conftest.py): hashing strength is Django's concern, and the race below
# logs in with force_login.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from atip.versioning import STALE_MESSAGE  # noqa: E402
from tests.factories import UserFactory, VictimFactory  # noqa: E402
from victims.models import Victim  # noqa: E402

call_command("migrate", verbosity=0)
user = UserFactory()
victim = VictimFactory(given_name="Rosa")
data = {
    "version": victim.version,
    "family_name": victim.family_name,
    "sex": victim.sex,
    "date_of_birth": victim.date_of_birth.isoformat(),
    "nationality": victim.nationality.code,
    "registered_on": victim.registered_on.isoformat(),
    "district": victim.district,
}
connection.close()

# Both requests read the version before either writes: validation takes a while.
full_clean = Victim.full_clean


def slow_full_clean(self, *args, **kwargs):
    time.sleep(0.5)
    return full_clean(self, *args, **kwargs)


Victim.full_clean = slow_full_clean

start = threading.Barrier(2)
results = []


def save(given_name):
    client = Client(raise_request_exception=False, HTTP_HOST="localhost")
    client.force_login(user)
    start.wait()
    response = client.post(reverse("victims:edit", args=[victim.pk]), {**data, "given_name": given_name})
    results.append([response.status_code, str(STALE_MESSAGE) in response.content.decode()])
    connection.close()


threads = [threading.Thread(target=save, args=(name,)) for name in ("First", "Second")]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(json.dumps(sorted(results)))
