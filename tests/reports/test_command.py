"""python manage.py annual_report"""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from atip.models import AuditEvent
from reports.editions import edition_publish
from reports.models import Edition
from reports.statistics import annual_report
from tests.factories import VictimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    for _ in range(2):
        VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1))


def test_json_prints_the_exact_report(records):
    out = io.StringIO()
    call_command("annual_report", "--year", "2020", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == annual_report(2020)
    assert json.loads(out.getvalue())["identification"]["identified_total"] == 2
    event = AuditEvent.objects.get(action="export")
    assert (event.object_ref, event.detail) == ("2020", "json internal (command)")


def test_csv_public_is_suppressed(records, tmp_path):
    path = tmp_path / "r.csv"
    call_command(
        "annual_report",
        "--year",
        "2020",
        "--format",
        "csv",
        "--public",
        "--output",
        str(path),
        stderr=io.StringIO(),
    )
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    identified = [r for r in rows if r["row"] == "Officially identified victims"]
    assert identified[0]["value"] == "<5" and identified[0]["edition"] == "public"


def test_xlsx_internal_is_exact_and_has_a_default_name(records, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command("annual_report", "--year", "2020", "--format", "xlsx", stderr=io.StringIO())
    book = openpyxl.load_workbook(tmp_path / "annual-report-2020.xlsx")
    rows = [r[:2] for r in book["Identification"].iter_rows(values_only=True)]
    assert ("Officially identified victims", 2) in rows


def test_it_refuses_a_public_json():
    with pytest.raises(CommandError, match="internal edition"):
        call_command("annual_report", "--year", "2020", "--format", "json", "--public")
    assert not AuditEvent.objects.exists()


def test_it_takes_the_years_of_the_statistics_page():
    out = io.StringIO()
    call_command("annual_report", "--year", "2000", stdout=out)
    assert json.loads(out.getvalue())["year"] == 2000


@pytest.mark.parametrize(
    "year",
    [lambda: 20, lambda: 1999, lambda: timezone.localdate().year + 1],
    ids=["two digits", "before the first", "next year"],
)
def test_it_refuses_a_year_the_statistics_page_refuses(year):
    this_year = timezone.localdate().year
    with pytest.raises(CommandError, match=f"--year must be a year from 2000 to {this_year}"):
        call_command("annual_report", "--year", str(year()))
    assert not AuditEvent.objects.exists()


# --- Published editions (--published) -----------------------------------------------------


def test_the_command_prints_the_stored_edition(victims, secretary, tmp_path):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    VictimFactory(status="identified", identification_date=datetime.date(2020, 5, 1))
    edition_publish(year=2020, threshold=5, reason="Late.", by=secretary)
    out = io.StringIO()
    call_command("annual_report", "--year", "2020", "--published", "--edition", "1", stdout=out)
    assert json.loads(out.getvalue())["identification"]["identified_total"] == 6
    out = io.StringIO()
    call_command("annual_report", "--year", "2020", "--published", stdout=out)
    assert json.loads(out.getvalue())["identification"]["identified_total"] == 7  # the latest
    path = tmp_path / "e.pdf"
    call_command(
        "annual_report", "--year", "2020", "--published", "--format", "pdf", "--output", str(path),
        stderr=io.StringIO(),
    )  # fmt: skip
    assert path.read_bytes() == bytes(Edition.objects.get(number=2).pdf)


def test_the_command_says_when_nothing_is_published():
    with pytest.raises(CommandError, match="No edition of 2020 is published"):
        call_command("annual_report", "--year", "2020", "--published")
    with pytest.raises(CommandError, match="Edition 3 of 2020 is not published"):
        call_command("annual_report", "--year", "2020", "--published", "--edition", "3")
