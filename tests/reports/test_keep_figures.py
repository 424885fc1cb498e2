"""manage.py keep_figures: the statistics pages' figures computed off the request path, into the
cache the server shares (reports/management/commands/keep_figures.py)."""

import datetime
import io
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from atip.roles import Role
from reports.forms import statistics_years
from reports.management.commands import keep_figures
from tests.factories import ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(tmp_path):
    """A cache outside the process, as the server's (CACHE_URL=filecache://…): its directory."""
    backend = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    with override_settings(CACHES={"default": backend}):
        yield tmp_path


def keep(*args) -> str:
    out = io.StringIO()
    call_command("keep_figures", *args, stdout=out)
    return out.getvalue()


def records():
    victim = VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1))
    ServiceEpisodeFactory(victim=victim, start_date=datetime.date(2020, 4, 2))


def test_the_statistics_page_finds_the_figures_kept(shared_cache, client, login, django_assert_num_queries):
    records()
    output = keep("--years", "2020")
    # The year, its data quality, and the year before (the page's previous-year column).
    assert "2020 figures: computed" in output and "2020 quality: computed" in output
    assert "2019 figures: computed" in output and "3 computed" in output
    login(Role.SECRETARY)
    # Expect 10, as when a secretary has already seen the year: session, user, role, data
    # generation, editions, session saved, 4 savepoints; no counting.
    with django_assert_num_queries(10):
        response = client.get(reverse("reports:annual"), {"year": 2020})
    assert response.context["sections"][0]["tables"][0]["rows"]  # the figures are there


def test_only_what_is_not_kept_is_computed(shared_cache):
    records()
    keep("--years", "2019-2020")
    assert keep("--years", "2019-2020").startswith("0 computed")
    VictimFactory(status="identified", identification_date=datetime.date(2020, 5, 1))  # a write
    # 2020's figures and quality; 2018 and 2019, which the write does not reach, stay kept.
    assert "2 computed" in keep("--years", "2019-2020")


def test_the_cache_does_not_grow_with_the_changes(shared_cache):
    """Figures of older records are replaced, not left beside the new ones until the file cache
    culls at random (it keeps at most 300 entries)."""
    records()
    keep("--years", "2019-2020")
    entries = len(list(shared_cache.iterdir()))
    for day in (1, 2, 3):
        VictimFactory(status="identified", identification_date=datetime.date(2020, 5, day))  # a write
        assert "2 computed" in keep("--years", "2019-2020")  # 2020's figures and quality
    # 5 figures and the time keep_figures last ran.
    assert len(list(shared_cache.iterdir())) == entries == 6


def test_the_figures_it_keeps_are_those_of_the_records(shared_cache, client, login):
    records()
    keep("--years", "2020")
    login(Role.SECRETARY)
    body = client.get(reverse("reports:export", args=[2020, "json"])).json()
    assert body["identification"]["identified_total"] == 1
    assert body["assistance"]["assisted_total"] == 1


def test_every_statistics_year_by_default(shared_cache):
    years = statistics_years()
    output = keep()
    assert f"{years[-1]} quality: computed" in output and f"{years[0]} quality: computed" in output
    assert f"{years[0] - 1} figures: computed" in output and f"{years[0] - 1} quality" not in output


@pytest.mark.parametrize("years", ["1999", "2015-3000", "soon", "2020-", "2021-2019"])
def test_years_outside_the_statistics_years_are_refused(shared_cache, years):
    with pytest.raises(CommandError):
        keep("--years", years)


def test_it_refuses_a_cache_of_its_own_process(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with pytest.raises(CommandError, match="CACHE_URL"):
        keep()


def identified_2020() -> int:
    return VictimFactory(status="identified", identification_date=datetime.date(2020, 5, 1)).pk


def test_after_a_write_the_page_shows_the_kept_figures_as_of_their_time(shared_cache, client, login):
    """keep_figures has run and will run again: the page does not wait for a computation."""
    records()
    keep("--years", "2020")
    identified_2020()
    login(Role.SECRETARY)
    response = client.get(reverse("reports:annual"), {"year": 2020})
    note = response.context["as_of"]
    assert note is not None and response.context["next_due"] > note
    assert b'id="figures-as-of"' in response.content
    assert f"Figures as of {timezone.localtime(note):%H:%M}".encode() in response.content
    keep("--years", "2020")  # the next run: the note goes, the new figures come
    response = client.get(reverse("reports:annual"), {"year": 2020})
    assert response.context["as_of"] is None and b"figures-as-of" not in response.content
    assert b"Figures as of" not in response.content


def test_without_keep_figures_lately_the_page_computes(shared_cache, client, login, settings):
    records()
    keep("--years", "2020")
    settings.FIGURES_EVERY = 0  # its next run is overdue
    identified_2020()
    login(Role.SECRETARY)
    response = client.get(reverse("reports:annual"), {"year": 2020})
    assert response.context["as_of"] is None and b"figures-as-of" not in response.content


@pytest.mark.parametrize("after, computes", [(300 + 100, False), (300 + 121, True)])
def test_while_its_next_run_is_under_way_the_page_does_not_compute(
    shared_cache, client, login, settings, monkeypatch, after, computes
):
    """Its interval has passed: the page computes only once the run it is due for (two minutes at
    most) should have ended too, not at every write while keep_figures is at work."""
    records()
    settings.FIGURES_EVERY = 300
    keep("--years", "2020")
    identified_2020()
    ran_at = time.time()
    monkeypatch.setattr(time, "time", lambda: ran_at + after)
    login(Role.SECRETARY)
    response = client.get(reverse("reports:annual"), {"year": 2020})
    assert (response.context["as_of"] is None) is computes
    if not computes:
        assert response.context["next_due"] >= timezone.now() + datetime.timedelta(seconds=after - 1)


def test_a_year_the_write_does_not_reach_has_no_note(shared_cache, client, login):
    records()
    keep("--years", "2020")
    on = datetime.date(2024, 5, 1)
    VictimFactory(status="identified", registered_on=on, identification_date=on)
    login(Role.SECRETARY)
    response = client.get(reverse("reports:annual"), {"year": 2020})
    assert response.context["as_of"] is None


@pytest.mark.parametrize("pace, waits", [("1", True), ("0", False)])
def test_it_gives_way_to_the_pages(shared_cache, monkeypatch, pace, waits):
    """After each computation it waits as long as the computation took (--pace 1, the default),
    or not at all (--pace 0)."""
    slept = []
    monkeypatch.setattr(keep_figures.time, "sleep", slept.append)
    records()
    out = keep("--years", "2020", "--pace", pace)
    assert "computed in" in out and len(slept) == 3  # 2019 figures, 2020 figures and quality
    assert all(seconds > 0 for seconds in slept) is waits


def test_its_pace_is_bounded(shared_cache):
    with pytest.raises(CommandError, match="pace"):
        keep("--pace", "-1")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's parallel workers")
@pytest.mark.django_db(transaction=True)  # as in production: no test transaction around it
def test_at_its_pace_it_leaves_the_other_cores_to_the_pages(shared_cache, monkeypatch):
    settings_seen = []
    real = keep_figures.year_figures

    def year_figures(year, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SHOW max_parallel_workers_per_gather")
            settings_seen.append(cursor.fetchone()[0])
        return real(year, **kwargs)

    monkeypatch.setattr(keep_figures, "year_figures", year_figures)
    monkeypatch.setattr(keep_figures.time, "sleep", lambda seconds: None)
    records()
    keep("--years", "2020")
    assert settings_seen == ["0", "0"]
    with connection.cursor() as cursor:  # the setting ended with each computation
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] != "0"
