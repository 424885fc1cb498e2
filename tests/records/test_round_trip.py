"""The sample import, and export → import into an empty database (spec: same records, same figures)."""

import csv
import io
import json
import shutil

import openpyxl
import pytest
from django.core.management import call_command

from cases.models import Case, CaseStatusChange, CaseVictim, Suspect
from prevention.models import Activity
from prosecutions.models import Charge, Hearing, Prosecution
from records.formats import FORMATS
from reports.statistics import annual_report
from services.models import Repatriation, ServiceEpisode
from tests.records.conftest import counts, run_import
from tests.samples import SAMPLE
from victims.models import IdentificationDecision, Victim
from victims.trafficking import TRAFFICKING_FIELDS

pytestmark = [
    pytest.mark.django_db,
]
YEARS = range(2015, 2026)


def wipe() -> None:
    """Empty every table the import writes (the application itself never deletes)."""
    for model in (Charge, Hearing, Prosecution, Suspect, CaseVictim, CaseStatusChange, Case):
        model.objects.all().delete()
    for model in (ServiceEpisode, Repatriation, IdentificationDecision, Victim, Activity):
        model.objects.all().delete()
    assert not any(n for name, n in counts().items() if not name.startswith(("history:", "AuditEvent")))


def export(path) -> None:
    call_command("export_records", str(path), stdout=io.StringIO())


def files_of(folder) -> dict[str, str]:
    return {fmt.name: (folder / fmt.name).read_text(encoding="utf-8") for fmt in FORMATS}


def figures() -> dict:
    return {year: annual_report(year) for year in YEARS}


def published_2020() -> dict:
    """The figures annual-statistics.md gives for the sample in 2020."""
    return json.loads((SAMPLE / "expected-2020.json").read_text())


def test_the_sample_imports_cleanly():
    outcome = run_import(SAMPLE)
    assert outcome.ok, outcome.err
    assert outcome.problems == []
    assert counts()["Victim"] == 30 and counts()["ServiceEpisode"] == 44 and counts()["Charge"] == 8


def test_the_sample_imports_from_an_xlsx_workbook(tmp_path):
    book = openpyxl.Workbook(write_only=True)
    for fmt in FORMATS:
        sheet = book.create_sheet(fmt.sheet)
        with open(SAMPLE / fmt.name, encoding="utf-8") as f:
            for line in f.read().splitlines():
                sheet.append(line.split(","))  # the sample has no quoted commas
    book.save(tmp_path / "sample.xlsx")

    outcome = run_import(tmp_path / "sample.xlsx")

    assert outcome.ok, outcome.err
    assert counts()["Victim"] == 30 and counts()["Activity"] == 41
    run_import(SAMPLE)  # the same records again: all duplicates, nothing written
    assert counts()["Victim"] == 30


@pytest.mark.parametrize("via", ["csv", "xlsx"])
def test_export_then_import_into_an_empty_database_keeps_every_record(tmp_path, via):
    assert run_import(SAMPLE).ok
    export(tmp_path / "first")
    export(tmp_path / "first.xlsx")
    before = {k: v for k, v in counts().items() if not k.startswith(("history:", "AuditEvent"))}

    wipe()
    outcome = run_import(tmp_path / ("first" if via == "csv" else "first.xlsx"))
    assert outcome.ok, outcome.err
    export(tmp_path / "second")

    assert files_of(tmp_path / "second") == files_of(tmp_path / "first")
    assert {k: v for k, v in counts().items() if not k.startswith(("history:", "AuditEvent"))} == before


def test_export_of_the_sample_holds_the_same_values(tmp_path):
    """The export is the sample, in another order of columns, rows and members of sets; the
    columns the sample (written in the spec's format) does not have are blank."""
    assert run_import(SAMPLE).ok
    export(tmp_path / "out")

    def rows(path, columns):
        with open(path, encoding="utf-8", newline="") as f:
            return sorted(
                tuple(sorted((k, ";".join(sorted(v.split(";")))) for k, v in row.items() if k in columns))
                for row in csv.DictReader(f)
            )

    for fmt in FORMATS:
        with open(SAMPLE / fmt.name, encoding="utf-8", newline="") as f:
            columns = next(csv.reader(f))
        assert rows(tmp_path / "out" / fmt.name, columns) == rows(SAMPLE / fmt.name, columns), fmt.name
        others = set(fmt.column_names) - set(columns)
        assert others == (set(TRAFFICKING_FIELDS) if fmt.name == "victims.csv" else set())
        assert {cell for row in rows(tmp_path / "out" / fmt.name, others) for _name, cell in row} <= {""}


def test_export_then_import_keeps_every_figure(tmp_path):
    assert run_import(SAMPLE).ok
    expected = figures()
    export(tmp_path / "first")
    wipe()
    assert run_import(tmp_path / "first").ok
    assert figures() == expected
    # What is compared is the real thing: the published figures, and more than one year of them.
    assert json.loads(json.dumps(expected[2020])) == published_2020()
    assert {year for year, report in expected.items() if report["identification"]["identified_total"]} >= {
        2018,
        2019,
        2020,
    }


def test_the_sample_gives_the_published_figures(tmp_path):
    assert run_import(SAMPLE).ok
    assert json.loads(json.dumps(annual_report(2020))) == published_2020()


def test_a_tampered_export_is_refused_whole(tmp_path):
    assert run_import(SAMPLE).ok
    export(tmp_path / "first")
    wipe()
    before = counts()
    shutil.copy(tmp_path / "first" / "charges.csv", tmp_path / "charges.csv")
    text = (tmp_path / "first" / "charges.csv").read_text().replace("S-0007", "S-0001", 1)
    (tmp_path / "first" / "charges.csv").write_text(text)
    outcome = run_import(tmp_path / "first")
    assert not outcome.ok
    assert outcome.problems[0].startswith("charges.csv:")
    assert "suspect S-0001 belongs to case C-2018-002" in outcome.problems[0]
    assert counts() == before
