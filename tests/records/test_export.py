"""export_records: every record in the import format, neutralised, audited."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from atip.models import AuditEvent
from records.formats import FORMATS
from tests.factories import ActivityFactory, ChargeFactory, VictimFactory
from victims.services import victim_archive

pytestmark = pytest.mark.django_db


def export(path, *args) -> str:
    out = io.StringIO()
    call_command("export_records", str(path), *args, stdout=out)
    return out.getvalue()


def read(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_it_writes_every_file_with_every_column(tmp_path):
    export(tmp_path / "out")
    for fmt in FORMATS:
        with open(tmp_path / "out" / fmt.name, encoding="utf-8", newline="") as f:
            assert f.read() == ",".join(fmt.column_names) + "\r\n"


def test_it_writes_records_in_the_import_format(tmp_path):
    victim = VictimFactory(
        reference="V-2020-0001",
        status="identified",
        identification_date=datetime.date(2020, 4, 1),
        identified_by="police",
        exploitation_forms=["sexual", "forced_labour"],
    )
    ChargeFactory(
        prosecution__case__victims=[victim], outcome="convicted", verdict_date=datetime.date(2021, 1, 2)
    )
    ActivityFactory(direct=False, participants=None)

    output = export(tmp_path / "out")

    assert "victims.csv: 1 records" in output
    (row,) = read(tmp_path / "out" / "victims.csv")
    assert row["exploitation_forms"] == "forced_labour;sexual"
    assert (row["identification_status"], row["identification_date"], row["identified_by"]) == (
        "identified",
        "2020-04-01",
        "police",
    )
    assert row["date_of_birth"] == "2000-01-01" and row["age_estimate"] == ""
    (case,) = read(tmp_path / "out" / "cases.csv")
    assert case["victim_references"] == "V-2020-0001"
    (charge,) = read(tmp_path / "out" / "charges.csv")
    assert (charge["outcome"], charge["verdict_date"], charge["sentence_months"]) == (
        "convicted",
        "2021-01-02",
        "",
    )
    (activity,) = read(tmp_path / "out" / "prevention.csv")
    assert (activity["direct"], activity["participants"]) == ("no", "")


def test_it_includes_archived_records(tmp_path):
    victim_archive(victim=VictimFactory(reference="V-OLD"), by=None, expected_version=1)
    export(tmp_path / "out")
    assert [row["reference"] for row in read(tmp_path / "out" / "victims.csv")] == ["V-OLD"]


def test_it_neutralises_formulas(tmp_path):
    ActivityFactory(reference="P-1", title='=HYPERLINK("http://evil")', organiser="@SUM(A1)")
    ActivityFactory(reference="P-2", title="-test-", organiser="+1")
    ActivityFactory(reference="P-3", title="'=already quoted", organiser="It's fine")
    export(tmp_path / "out")
    rows = read(tmp_path / "out" / "prevention.csv")
    assert [(r["title"], r["organiser"]) for r in rows] == [
        ('\'=HYPERLINK("http://evil")', "'@SUM(A1)"),
        ("'-test-", "'+1"),
        ("''=already quoted", "It's fine"),
    ]


def test_it_writes_an_xlsx_workbook_without_formulas(tmp_path):
    ActivityFactory(reference="P-1", title="=1+1", participants=12)
    export(tmp_path / "records.xlsx")
    book = openpyxl.load_workbook(tmp_path / "records.xlsx")
    assert book.sheetnames == [fmt.sheet for fmt in FORMATS]
    sheet = book["prevention"]
    assert [c.value for c in sheet[1]] == next(f.column_names for f in FORMATS if f.sheet == "prevention")
    title, participants = sheet["E2"], sheet["G2"]
    assert (title.value, title.data_type) == ("'=1+1", "s")
    assert participants.value == 12


def test_the_xlsx_leaves_out_characters_a_workbook_cannot_hold(tmp_path):
    # A vertical tab comes with names pasted from a word processor; the CSV keeps it.
    VictimFactory(reference="V-1", given_name="Ana\x0bMaria")
    export(tmp_path / "records.xlsx")
    export(tmp_path / "out")
    assert openpyxl.load_workbook(tmp_path / "records.xlsx")["victims"]["B2"].value == "AnaMaria"
    assert read(tmp_path / "out" / "victims.csv")[0]["given_name"] == "Ana\x0bMaria"


def test_it_is_audited(tmp_path):
    VictimFactory()
    export(tmp_path / "out")
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.object_type == "records"
    assert event.detail.startswith("csv: victims 1, services 0")


def test_it_refuses_to_overwrite_an_export(tmp_path):
    export(tmp_path / "out")
    with pytest.raises(CommandError, match="already holds victims.csv"):
        export(tmp_path / "out")
    export(tmp_path / "records.xlsx")
    with pytest.raises(CommandError, match="already exists"):
        export(tmp_path / "records.xlsx")
    with pytest.raises(CommandError, match="needs a file name ending in .xlsx"):
        export(tmp_path / "records.txt", "--format", "xlsx")
