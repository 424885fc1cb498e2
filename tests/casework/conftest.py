import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.utils import timezone

# A Wednesday, in the past (a session opened before the clock is set must not have expired).
TODAY = datetime.date(2025, 3, 12)


@pytest.fixture
def today(monkeypatch) -> datetime.date:
    """The application's clock stands at noon of TODAY (style.md: no test depends on the day the
    suite runs): timezone.now(), so localdate() and every date validator, read it."""
    moment = datetime.datetime.combine(TODAY, datetime.time(12), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))
    assert timezone.localdate() == TODAY
    return TODAY
