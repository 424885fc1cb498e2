"""The HTCDS 2.0 facts of a victim (victims.trafficking) in the import format: optional columns of
victims.csv (docs/import-format.md) in the standard's codes, lists separated by ";"; files without
them import as before; a wrong code is a problem of its row and column and nothing is written;
export → import gives the same records, by CSV and by XLSX, on SQLite and PostgreSQL (COPY)."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from records import importer
from records.formats import VICTIMS
from tests.factories import VictimFactory
from tests.records.conftest import counts, run_import, write_csv, write_files
from tests.records.test_round_trip import wipe
from victims.models import Victim
from victims.trafficking import TRAFFICKING_FIELDS

pytestmark = pytest.mark.django_db

CELLS = {
    "exploitation_country": "BZ",
    "exploitation_district": "cayo",
    "labour_industry": "A_AgricultureForestryAndFishing",
    "sex_exploitation_types": "Prostitution;PrivateSexualServices",
    "control_methods": "WithholdsDocuments;DebtBondage",  # kept in the order written
    "recruitment_methods": "ThroughFriendsOrSocialEvents",
    "recruiter_relationship": "Unaquainted",  # the standard's spelling
    "recruitment_country": "GT",
    "transit_country": "MX",
}
FACTS = {
    "exploitation_country": "BZ",
    "exploitation_district": "cayo",
    "labour_industry": "A_AgricultureForestryAndFishing",
    "sex_exploitation_types": ["Prostitution", "PrivateSexualServices"],
    "control_methods": ["WithholdsDocuments", "DebtBondage"],
    "recruitment_methods": ["ThroughFriendsOrSocialEvents"],
    "recruiter_relationship": "Unaquainted",
    "recruitment_country": "GT",
    "transit_country": "MX",
}


def facts_of(victim: Victim) -> dict:
    return {name: getattr(victim, name) for name in TRAFFICKING_FIELDS}


def export(path, *args) -> None:
    call_command("export_records", str(path), *args, stdout=io.StringIO())


def read(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_columns_are_the_fields_after_the_specs_columns():
    assert VICTIMS.column_names[-len(TRAFFICKING_FIELDS) :] == list(TRAFFICKING_FIELDS)
    assert not any(VICTIMS.column(name).required for name in TRAFFICKING_FIELDS)


def test_a_file_with_the_columns_imports_them_in_the_standards_codes(tmp_path, files):
    files["victims.csv"][0].update(CELLS)
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.ok, outcome.err
    victim = Victim.objects.get()
    assert {k: str(v) if k.endswith("_country") else v for k, v in facts_of(victim).items()} == FACTS
    # The first version, written by the import, holds them too.
    assert victim.history.get().control_methods == ["WithholdsDocuments", "DebtBondage"]


def test_a_file_in_the_old_format_still_imports_and_the_facts_stay_unknown(tmp_path, files):
    assert not set(TRAFFICKING_FIELDS) & set(files["victims.csv"][0])  # the spec's columns only
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.ok, outcome.err
    victim = Victim.objects.get()
    assert facts_of(victim) == {
        name: [] if name in ("control_methods", "recruitment_methods", "sex_exploitation_types") else ""
        for name in TRAFFICKING_FIELDS
    }


def test_blank_cells_are_not_known(tmp_path, files):
    files["victims.csv"][0].update({name: "" for name in TRAFFICKING_FIELDS})
    files["victims.csv"][0]["control_methods"] = " ; "
    assert run_import(write_files(tmp_path / "in", files)).ok
    victim = Victim.objects.get()
    assert (victim.control_methods, victim.labour_industry, victim.exploitation_country) == ([], "", "")


@pytest.mark.parametrize(
    "column, text, message",
    [
        (
            "control_methods",
            "DebtBondage;Beating",
            "unknown code “Beating” (allowed: PhysicalThreats, ThreatsLawEnforcement",
        ),
        ("sex_exploitation_types", "prostitution", "unknown code “prostitution” (allowed: Prostitution"),
        ("recruitment_methods", "AtWork;Debt Bondage", "unknown code “Debt Bondage”"),
        ("labour_industry", "Z_Nowhere", "unknown code “Z_Nowhere” (allowed: A_AgricultureForestry"),
        ("recruiter_relationship", "Unacquainted", "unknown code “Unacquainted” (allowed: Familial"),
        ("exploitation_district", "Petén", "unknown code “Petén” (allowed: belize, cayo"),
        ("exploitation_country", "XX", "unknown country code “XX”"),
        ("transit_country", "mx", "unknown country code “mx”"),
    ],
)
def test_a_wrong_code_is_a_problem_of_its_row_and_column_and_nothing_is_written(
    tmp_path, files, column, text, message
):
    good = {**files["victims.csv"][0], **CELLS}
    bad = {**good, "reference": "V-2", column: text}
    files["victims.csv"] = [good, bad]
    before = counts()
    outcome = run_import(write_files(tmp_path / "in", files))
    assert not outcome.ok
    (problem,) = outcome.problems
    assert problem.startswith(f"victims.csv:3: {column}: {message}"), problem
    assert counts() == before


def test_every_wrong_cell_of_a_row_is_named(tmp_path, files):
    files["victims.csv"][0].update(CELLS, control_methods="Beating", labour_industry="Mining")
    outcome = run_import(write_files(tmp_path / "in", files))
    assert [p.split(": ")[0:2] for p in outcome.problems] == [
        ["victims.csv:2", "labour_industry"],
        ["victims.csv:2", "control_methods"],
    ]
    assert counts()["Victim"] == 0


def test_the_export_writes_them_as_the_import_reads_them(tmp_path):
    VictimFactory(reference="V-2020-0001", **FACTS)
    VictimFactory(reference="V-2020-0002")
    export(tmp_path / "out")
    first, second = read(tmp_path / "out" / "victims.csv")
    assert {name: first[name] for name in TRAFFICKING_FIELDS} == CELLS
    assert {name: second[name] for name in TRAFFICKING_FIELDS} == dict.fromkeys(TRAFFICKING_FIELDS, "")


@pytest.mark.parametrize("via", ["csv", "xlsx"])
def test_export_then_import_into_an_empty_database_gives_the_same_facts(tmp_path, via):
    VictimFactory(reference="V-2020-0001", **FACTS)
    VictimFactory(reference="V-2020-0002", control_methods=["Other"], exploitation_country="GT")
    VictimFactory(reference="V-2020-0003")
    before = {v.reference: facts_of(v) for v in Victim.objects.all()}
    target = tmp_path / ("first" if via == "csv" else "first.xlsx")
    export(target, *(["--format", "xlsx"] if via == "xlsx" else []))
    export(tmp_path / "csv-first")

    wipe()
    outcome = run_import(target)
    assert outcome.ok, outcome.err
    assert {v.reference: facts_of(v) for v in Victim.objects.all()} == before
    export(tmp_path / "second")
    first = (tmp_path / "csv-first" / "victims.csv").read_text()
    assert (tmp_path / "second" / "victims.csv").read_text() == first


def test_an_xlsx_import_reads_them(tmp_path, files):
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("victims")
    row = {**files["victims.csv"][0], **CELLS}
    sheet.append(list(row))
    sheet.append(list(row.values()))
    book.save(tmp_path / "in.xlsx")
    outcome = run_import(tmp_path / "in.xlsx")
    assert outcome.ok, outcome.err
    assert Victim.objects.get().sex_exploitation_types == ["Prostitution", "PrivateSexualServices"]


def test_many_rows_import_in_batches_on_this_database(tmp_path, files, monkeypatch):
    """More rows than a batch (records.importer.BATCH_SIZE, lowered): each batch's JSON lists go
    to the database as it takes them (COPY on PostgreSQL, INSERT on SQLite)."""
    base = {**files["victims.csv"][0], **CELLS}
    codes = ["Other", "DebtBondage"]
    rows = [{**base, "reference": f"V-{n}", "control_methods": codes[n % 2]} for n in range(7)]
    (tmp_path / "in").mkdir()
    write_csv(tmp_path / "in" / "victims.csv", rows)
    monkeypatch.setattr(importer, "BATCH_SIZE", 3)
    outcome = run_import(tmp_path / "in")
    assert outcome.ok, outcome.err
    stored = dict(Victim.objects.values_list("reference", "control_methods"))
    assert stored == {f"V-{n}": [codes[n % 2]] for n in range(7)}
    # Read back by the database itself, not only by Django: a JSON array, not a string of one.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT jsonb_typeof(control_methods::jsonb) FROM victims_victim")
        else:
            cursor.execute("SELECT json_type(control_methods) FROM victims_victim")
        assert {row[0] for row in cursor.fetchall()} == {"array"}


def test_the_exports_query_count_does_not_grow_with_the_records(tmp_path):
    def queries(more: int) -> int:
        for _ in range(more):
            VictimFactory(**FACTS)
        with CaptureQueriesContext(connection) as done:
            export(tmp_path / f"out-{more}")
        return len(done)

    assert queries(2) == queries(20)
