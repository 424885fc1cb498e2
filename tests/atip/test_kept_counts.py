"""atip.paging: a long list's "… in all" is kept a minute under its own query (filters, scope and
role in it); a short one is counted at every page."""

import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from atip import paging
from atip.roles import Role
from tests.factories import CaseFactory, VictimFactory

pytestmark = pytest.mark.django_db
URL = reverse("victims:list")


def in_all(response) -> int:
    return response.context["page"].paginator.count


@pytest.fixture
def long_from_three(monkeypatch):
    monkeypatch.setattr(paging, "KEEP_COUNT_FROM", 3)


def test_a_long_list_keeps_its_count_a_minute(client, login, long_from_three, monkeypatch):
    login()
    VictimFactory.create_batch(3)
    assert in_all(client.get(URL)) == 3
    VictimFactory()
    assert in_all(client.get(URL)) == 3
    started = time.time()
    monkeypatch.setattr(time, "time", lambda: started + paging.COUNT_SECONDS + 1)
    assert in_all(client.get(URL)) == 4


def test_a_short_list_is_counted_at_every_page(client, login, long_from_three):
    login()
    VictimFactory.create_batch(2)
    assert in_all(client.get(URL)) == 2
    VictimFactory()
    assert in_all(client.get(URL)) == 3


def test_each_filter_has_its_own_count(client, login, long_from_three):
    login()
    VictimFactory.create_batch(3, sex="female")
    VictimFactory(sex="male")
    assert in_all(client.get(URL)) == 4
    assert in_all(client.get(URL, {"sex": "male"})) == 1
    assert in_all(client.get(URL, {"sex": "female"})) == 3


def test_each_role_has_its_own_count(client, login, long_from_three):
    """Social workers list the cases a victim is linked to, the police every case: the police's
    count kept is never shown to a social worker."""
    CaseFactory.create_batch(3)
    CaseFactory(victims=[VictimFactory()])
    cases = reverse("cases:list")
    login(Role.POLICE)
    assert in_all(client.get(cases)) == 4
    login(Role.SOCIAL_WORKER)
    assert in_all(client.get(cases)) == 1


def test_the_cache_holds_no_search_text(client, login, long_from_three):
    login()
    VictimFactory.create_batch(3, family_name="Castillo")
    assert in_all(client.get(URL, {"q": "castillo"})) == 3
    keys = [key for key in cache._cache if "paging:count:" in key]  # locmem: the keys themselves
    assert keys and not any("astillo" in key.lower() for key in keys)
