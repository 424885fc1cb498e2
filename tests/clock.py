"""A fixed clock for the tests about "today", "this year" and "in the future" (style.md: no test
depends on today's date; they would fail on 1 January).

The `freeze_clock` fixture (tests/conftest.py) sets the application's clock: `timezone.now()`,
and so `timezone.localdate()` and every date validator, reads the moment given. Moments are
local times of settings.TIME_ZONE (America/Belize, UTC-6).
"""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.utils import timezone

# The two moments a "this year" rule breaks on. At 00:30 on 1 January the UTC date is the same
# day; at 23:30 on 31 December it is already the next day, and the next year: code that used the
# UTC date (datetime.date.today() on a server in UTC) instead of the local one fails there.
# Years in the past: a session opened before the clock is set must not have expired.
NEW_YEAR = [
    pytest.param(datetime.datetime(2024, 1, 1, 0, 30), id="1-january"),
    pytest.param(datetime.datetime(2024, 12, 31, 23, 30), id="31-december"),
]


def set_clock(monkeypatch, moment: datetime.datetime | datetime.date) -> datetime.date:
    """Make `timezone.now()` return `moment` (a date: noon of that day); returns the local date."""
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time(12))
    aware = moment.replace(tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE)).astimezone(datetime.UTC)
    # Patched on the module: timezone.localdate() and localtime() look `now` up there too, as does
    # every caller that imported the module (from django.utils import timezone).
    monkeypatch.setattr(timezone, "now", lambda: aware)
    assert timezone.localdate() == moment.date()
    return moment.date()
