"""The import format: files, columns, encodings, empty files, dry runs, what an import writes."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command

from atip.models import AuditEvent
from cases.models import Case
from prevention.models import Activity
from tests.records.conftest import counts, run_import, write_csv, write_files
from victims.models import IdentificationDecision, Victim

pytestmark = pytest.mark.django_db


def test_column_order_does_not_matter(tmp_path, files):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, rows in files.items():
        write_csv(folder / name, rows, columns=sorted(rows[0], reverse=True))
    assert run_import(folder).ok
    assert Victim.objects.get().given_name == "Ana"


def test_optional_columns_may_be_left_out(tmp_path):
    folder = write_files(
        tmp_path / "in",
        {
            "victims.csv": [
                {
                    "reference": "V-1",
                    "sex": "male",
                    "registered_on": "2020-01-01",
                    "identification_status": "presumed",
                }
            ]
        },
    )
    outcome = run_import(folder)
    assert outcome.ok, outcome.err
    victim = Victim.objects.get()
    assert (victim.given_name, victim.nationality, victim.adult_on) == ("", "", None)


def test_it_rejects_an_unknown_column(tmp_path, files):
    files["victims.csv"][0]["colour"] = "red"
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.problems[0].startswith(
        "victims.csv:1: colour: unknown column (the columns of victims.csv are: reference, given_name"
    )
    assert counts()["Victim"] == 0


def test_it_rejects_a_missing_required_column(tmp_path, files):
    del files["services.csv"][0]["start_date"]
    before = counts()
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.problems == ["services.csv:1: start_date: missing required column"]
    assert counts() == before


def test_it_rejects_a_column_given_twice(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "prevention.csv").write_text(
        "reference,date,kind,direct,title,title\nP-1,2020-01-01,training,yes,A,B\n", encoding="utf-8"
    )
    assert run_import(folder).problems == ["prevention.csv:1: title: the column appears twice"]


def test_it_rejects_a_file_not_in_utf8(tmp_path, files):
    files["victims.csv"].append({**files["victims.csv"][0], "reference": "V-2", "family_name": "Díaz"})
    folder = tmp_path / "in"
    folder.mkdir()
    write_csv(folder / "victims.csv", files["victims.csv"], encoding="latin-1")
    before = counts()
    outcome = run_import(folder)
    assert outcome.problems == [
        "victims.csv:3: -: the file is not UTF-8 (byte 0xed on line 3): "
        "save it as “CSV UTF-8” and import again"
    ]
    assert counts() == before


def test_it_accepts_a_utf8_bom(tmp_path, files):
    folder = tmp_path / "in"
    folder.mkdir()
    write_csv(folder / "victims.csv", files["victims.csv"], encoding="utf-8-sig")
    assert run_import(folder).ok
    assert Victim.objects.get().reference == "V-1"


def test_it_rejects_an_unknown_file(tmp_path, files):
    folder = write_files(tmp_path / "in", {"victim.csv": files["victims.csv"]})
    (folder / "notes.txt").write_text("not part of the import")
    outcome = run_import(folder)
    assert outcome.problems[0].startswith("victim.csv:1: -: unknown file (an import holds: victims.csv,")
    assert len(outcome.problems) == 1


def test_empty_files_import_nothing(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "victims.csv").write_bytes(b"")
    (folder / "services.csv").write_text("victim_reference,service_type,provider,start_date,end_date\n")
    (folder / "cases.csv").write_text("reference,reported_on,source,status\n\n\n")
    before = counts()
    outcome = run_import(folder)
    assert outcome.ok
    assert "victims.csv: 0 records imported" in outcome.out
    assert "services.csv: 0 records imported" in outcome.out
    assert {k: v for k, v in counts().items() if k != "AuditEvent"} == {
        k: v for k, v in before.items() if k != "AuditEvent"
    }


def test_absent_files_import_nothing(tmp_path, files):
    outcome = run_import(write_files(tmp_path / "in", {"prevention.csv": files["prevention.csv"]}))
    assert outcome.ok
    assert outcome.out.splitlines() == ["prevention.csv: 1 records imported"]
    assert counts()["Activity"] == 1 and counts()["Victim"] == 0


def test_a_folder_without_files_imports_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    outcome = run_import(tmp_path / "in")
    assert outcome.ok
    assert "nothing was imported" in outcome.out


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_number(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "prevention.csv").write_text(
        "reference,date,kind,direct,title\nP-1,2020-01-01,training,yes,A\n\n,,,,\nP-2,2020-01-01,talk,yes,B\n"
    )
    assert run_import(folder).problems == [
        "prevention.csv:5: kind: unknown code “talk” (allowed: training, campaign, other)"
    ]


def test_it_rejects_values_outside_the_columns(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "prevention.csv").write_text(
        "reference,date,kind,direct,title,\nP-1,2020-01-01,training,yes,A,oops\nP-2,2020-01-01,other,no,B,,x\n"
    )
    assert run_import(folder).problems == [
        "prevention.csv:2: column 6: a value under a column without a name",
        "prevention.csv:3: column 7: a value beyond the last column of row 1",
    ]


def test_it_says_when_the_path_is_not_an_import(tmp_path):
    outcome = run_import(tmp_path / "missing")
    assert not outcome.ok and "does not exist" in outcome.error
    (tmp_path / "data.json").write_text("{}")
    assert "neither a folder of CSV files nor an .xlsx workbook" in run_import(tmp_path / "data.json").error
    (tmp_path / "broken.xlsx").write_text("not a zip")
    assert "is not a readable .xlsx workbook" in run_import(tmp_path / "broken.xlsx").error


def test_dry_run_checks_and_writes_nothing(tmp_path, files):
    before = counts()
    outcome = run_import(write_files(tmp_path / "in", files), dry_run=True)
    assert outcome.ok
    assert "victims.csv: 1 records would be imported" in outcome.out
    assert "Dry run: nothing was written." in outcome.out
    assert counts() == before


def test_dry_run_reports_problems(tmp_path, files):
    files["victims.csv"][0]["sex"] = "f"
    outcome = run_import(write_files(tmp_path / "in", files), dry_run=True)
    assert not outcome.ok
    assert outcome.problems[0].startswith("victims.csv:2: sex: unknown code")


def test_it_prints_what_it_imported_per_file(tmp_path, files):
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.out.splitlines() == [
        "victims.csv: 1 records imported",
        "services.csv: 1 records imported",
        "repatriations.csv: 1 records imported",
        "cases.csv: 1 records imported",
        "suspects.csv: 1 records imported",
        "prosecutions.csv: 1 records imported",
        "charges.csv: 1 records imported",
        "prevention.csv: 1 records imported",
    ]


def test_imported_records_keep_their_references_and_derived_fields(tmp_path, files):
    files["victims.csv"].append(
        {
            **files["victims.csv"][0],
            "reference": "V-2",
            "date_of_birth": "",
            "age_estimate": "15",
            "identification_status": "presumed",
            "identification_date": "",
            "identified_by": "",
            "exploitation_forms": "",
        }
    )
    assert run_import(write_files(tmp_path / "in", files)).ok

    identified, presumed = Victim.objects.order_by("reference")
    assert identified.reference == "V-1"
    assert identified.adult_on == datetime.date(2022, 5, 6) == identified.derive_adult_on()
    assert presumed.adult_on == datetime.date(2023, 3, 1) == presumed.derive_adult_on()
    assert sorted(identified.exploitation_forms.values_list("code", flat=True)) == ["forced_labour", "sexual"]
    assert identified.created_by is None and identified.version == 1
    # The decision history starts from the imported status.
    assert list(
        IdentificationDecision.objects.order_by("victim__reference").values_list(
            "victim__reference", "status", "decided_on", "identified_by", "note"
        )
    ) == [
        ("V-1", "identified", datetime.date(2020, 4, 1), "police", "Imported"),
        ("V-2", "presumed", datetime.date(2020, 3, 1), "", "Imported"),
    ]


def test_imported_records_start_their_history(tmp_path, files):
    assert run_import(write_files(tmp_path / "in", files)).ok
    victim = Victim.objects.get()
    (record,) = victim.history.all()
    assert (record.history_type, record.history_change_reason, record.reference) == ("+", "Imported", "V-1")
    assert sorted(f.exploitationform_id for f in record.exploitation_forms.all()) == [
        "forced_labour",
        "sexual",
    ]
    case = Case.objects.get()
    assert case.history.get().history_type == "+"
    assert [v.reference for v in case.victims.all()] == ["V-1"]
    assert list(case.status_changes.values_list("status", "changed_on", "note")) == [
        ("investigating", datetime.date(2020, 2, 10), "Imported")
    ]


def test_a_closed_case_gets_a_closing_reason(tmp_path, files):
    files["cases.csv"][0]["status"] = "closed"
    assert run_import(write_files(tmp_path / "in", files)).ok
    assert Case.objects.get().closing_reason == "Closed before import."


def test_each_imported_file_is_audited(tmp_path, files):
    assert run_import(write_files(tmp_path / "in", files)).ok
    events = AuditEvent.objects.filter(action=AuditEvent.Action.IMPORT).order_by("id")
    assert [(e.object_type, e.detail) for e in events][:2] == [
        ("victims.csv", "1 rows imported"),
        ("services.csv", "1 rows imported"),
    ]
    assert events.count() == 8


def test_it_removes_the_quote_that_neutralises_a_formula(tmp_path, files):
    files["prevention.csv"][0]["title"] = "'-test-"
    files["prevention.csv"].append({**files["prevention.csv"][0], "reference": "P-2", "title": "''=x"})
    files["prevention.csv"].append({**files["prevention.csv"][0], "reference": "P-3", "title": "'Quoted'"})
    assert run_import(write_files(tmp_path / "in", files)).ok
    assert list(Activity.objects.order_by("reference").values_list("title", flat=True)) == [
        "-test-",
        "'=x",
        "'Quoted'",
    ]


def test_sets_ignore_spaces_and_repeats(tmp_path, files):
    files["victims.csv"][0]["exploitation_forms"] = " sexual ; sexual;;forced_labour "
    files["cases.csv"][0]["victim_references"] = "V-1; V-1"
    assert run_import(write_files(tmp_path / "in", files)).ok
    assert Victim.objects.get().exploitation_forms.count() == 2
    assert Case.objects.get().victims.count() == 1


def test_it_reads_an_xlsx_workbook(tmp_path, files):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in files.items():
        sheet = book.create_sheet(name.removesuffix(".csv"))
        sheet.append(list(rows[0]))
        for row in rows:
            sheet.append(list(row.values()))
    # Spreadsheets type their cells: a real date, a number, and a blank row in between.
    prevention = book["prevention"]
    prevention.append([])
    prevention.append(["P-2", datetime.datetime(2020, 7, 1), "campaign", "yes", "Blue Heart", "", 40.0, ""])
    book.save(tmp_path / "records.xlsx")

    outcome = run_import(tmp_path / "records.xlsx")

    assert outcome.ok, outcome.err
    assert "prevention: 2 records imported" in outcome.out
    campaign = Activity.objects.get(reference="P-2")
    assert (campaign.date, campaign.participants) == (datetime.date(2020, 7, 1), 40)


def test_xlsx_problems_name_the_sheet_and_row(tmp_path, files):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "prevention"
    sheet.append(list(files["prevention.csv"][0]))
    sheet.append([])
    sheet.append(["P-1", "2020-02-30", "training", "yes", "T", "", "", ""])
    book.create_sheet("Notes")
    book.save(tmp_path / "records.xlsx")
    assert run_import(tmp_path / "records.xlsx").problems == [
        "Notes:1: -: unknown file (an import holds: victims, services, repatriations, cases, suspects, "
        "prosecutions, charges, prevention)",
        "prevention:3: date: 2020-02-30 is not a real date",
    ]


def test_it_rejects_a_file_that_is_not_csv(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "prevention.csv").write_text(
        "reference,date,kind,direct,title\nP-1,2020-01-01,other,no,A\nP-2,2020-01-01,other,no,"
        + "x" * 140_000
    )
    outcome = run_import(folder)
    assert outcome.problems == [
        "prevention.csv:3: -: not a readable CSV file from here on (field larger than field limit (131072))"
    ]


def test_it_shows_progress_only_on_a_terminal(tmp_path, files, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr("records.importer.PROGRESS_EVERY", 2)
    files["prevention.csv"] += [{**files["prevention.csv"][0], "reference": f"P-{n}"} for n in range(2, 6)]
    folder = write_files(tmp_path / "in", files)
    terminal = Terminal()
    call_command("import_records", str(folder), stdout=io.StringIO(), stderr=terminal)
    assert "\rprevention.csv: checking 5 rows…" in terminal.getvalue()
    assert "\rprevention.csv: importing 5 rows…" in terminal.getvalue()

    wipe_output = run_import(tmp_path / "in")  # all duplicates now; not a terminal: no progress
    assert "\r" not in wipe_output.err
