"""The TIP Report's year (1 April Y – 31 March Y+1): in annual_report --period tip, on the
statistics page (?period=tip) and in its downloads (docs/tip-indicators.md)."""

import csv
import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from reports.periods import Period
from tests.factories import ChargeFactory, ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db
D = datetime.date
URL = reverse("reports:annual")


@pytest.fixture
def edges():
    """One person identified on each side of the TIP year's two edges of 2024-25."""
    for day in (D(2024, 3, 31), D(2024, 4, 1), D(2025, 3, 31), D(2025, 4, 1)):
        VictimFactory(
            status="identified", identification_date=day, registered_on=D(2024, 1, 2), nationality="GT"
        )
    ChargeFactory(outcome="convicted", verdict_date=D(2025, 3, 31), exploitation_form="sexual")
    ChargeFactory(outcome="convicted", verdict_date=D(2025, 4, 1), exploitation_form="sexual")


def report(*args) -> dict:
    out = io.StringIO()
    call_command("annual_report", "--year", "2024", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_the_tip_year_runs_from_1_april_to_31_march():
    assert (Period(2024, "tip").first, Period(2024, "tip").last) == (D(2024, 4, 1), D(2025, 3, 31))
    assert (Period(2024).first, Period(2024).last) == (D(2024, 1, 1), D(2024, 12, 31))


def test_a_person_identified_on_31_march_and_one_on_1_april_fall_in_their_periods(edges):
    tip = report("--period", "tip")
    # 1 April 2024 and 31 March 2025 are in; 31 March 2024 and 1 April 2025 are not.
    assert tip["identification"]["identified_total"] == 2
    assert tip["prosecution"]["persons_convicted"] == 1
    assert tip["period"] == {"kind": "tip", "first": "2024-04-01", "last": "2025-03-31"}
    assert tip["year"] == 2024
    calendar = report()
    assert calendar["identification"]["identified_total"] == 2  # 31 March and 1 April 2024
    assert calendar["prosecution"]["persons_convicted"] == 0
    assert "period" not in calendar  # the calendar year's object stays exactly the spec's


def test_the_tip_indicators_follow_the_period(edges):
    from reports.figures import compute_figures

    tip = compute_figures(Period(2024, "tip"))["tip"]
    assert tip["persons_convicted"] == 1
    assert tip["convicted_by_form"]["sex_trafficking"] == 1
    assert compute_figures(Period(2025, "tip"))["tip"]["persons_convicted"] == 1


def test_assistance_overlapping_the_period(edges):
    victim = VictimFactory(status="identified", identification_date=D(2023, 5, 1))
    ServiceEpisodeFactory(victim=victim, start_date=D(2023, 6, 1), end_date=D(2024, 3, 31))
    assert report("--period", "tip")["assistance"]["assisted_total"] == 0
    assert report()["assistance"]["assisted_total"] == 1


def test_the_csv_names_the_period(edges, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command(
        "annual_report", "--year", "2024", "--period", "tip", "--format", "csv", stderr=io.StringIO()
    )
    rows = list(csv.DictReader(io.StringIO((tmp_path / "annual-report-2024-tip.csv").read_text("utf-8-sig"))))
    assert {row["year"] for row in rows} == {"2024-04-01/2025-03-31"}
    assert AuditEvent.objects.get(action="export").object_ref == "2024-tip"


@pytest.mark.parametrize("extra", [["--published"], ["--format", "pdf"]])
def test_editions_and_the_factsheet_are_the_calendar_years(extra):
    with pytest.raises(CommandError):
        call_command("annual_report", "--year", "2024", "--period", "tip", *extra)


def test_the_page_shows_the_tip_year(client, login, edges):
    login(Role.SECRETARY)
    body = client.get(URL, {"year": 2024, "period": "tip"}).content.decode()
    assert "TIP Report year 1 Apr 2024 – 31 Mar 2025" in body
    assert 'id="editions"' not in body and 'id="tip"' in body
    assert "?period=tip" in body


def test_the_page_in_spanish(client, login, edges):
    login(Role.SECRETARY)
    body = client.get(URL, {"year": 2024, "period": "tip"}, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "1 de abril de 2024" in body and "Año del Informe TIP" in body


def test_a_bad_period_shows_the_calendar_year(client, login, edges):
    login(Role.SECRETARY)
    body = client.get(URL, {"year": 2024, "period": "<script>"}).content.decode()
    assert 'id="editions"' in body and "<script>" not in body.split("<main")[-1].split("</main>")[0]


def test_downloads_of_the_tip_year(client, login, edges):
    login(Role.SECRETARY)
    response = client.get(reverse("reports:export", args=[2024, "json"]), {"period": "tip"})
    assert json.loads(response.content)["identification"]["identified_total"] == 2
    assert "2024-tip" in response["Content-Disposition"]
    assert client.get(reverse("reports:export", args=[2024, "pdf"]), {"period": "tip"}).status_code == 404
    assert client.get(reverse("reports:export", args=[2024, "csv"]), {"period": "fiscal"}).status_code == 404


@pytest.mark.parametrize("rows", [2, 20])
def test_the_query_count_does_not_grow(client, login, django_assert_num_queries, rows):
    login(Role.SECRETARY)
    for i in range(rows):
        victim = VictimFactory(status="identified", identification_date=D(2024, 4 + i % 6, 1))
        ServiceEpisodeFactory(victim=victim, start_date=D(2024, 5, 2))
    # Expect 55: as the calendar year's page (test_annual_view) without the editions' query.
    with django_assert_num_queries(55):
        assert client.get(URL, {"year": 2024, "period": "tip"}).status_code == 200
