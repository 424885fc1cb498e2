"""Every rule of spec/data-dictionary.md ("Rules an import enforces"), one broken file each.

Each test breaks one cell of an otherwise valid set of files and asserts the message names
file, row and column, that the import is refused, and that the database is unchanged.
"""

import pytest

from prosecutions.models import Charge
from tests.factories import ActivityFactory, ProsecutionFactory, SuspectFactory, VictimFactory
from tests.records.conftest import counts, run_import, write_files

pytestmark = pytest.mark.django_db

# (file, column, bad value, expected "file:row: column: message" start)
RULES = [
    (
        "victims.csv",
        "sex",
        "woman",
        "victims.csv:2: sex: unknown code “woman” (allowed: female, male, unknown, other)",
    ),
    (
        "victims.csv",
        "identification_status",
        "confirmed",
        "victims.csv:2: identification_status: unknown code",
    ),
    (
        "victims.csv",
        "exploitation_forms",
        "sexual;slavery",
        "victims.csv:2: exploitation_forms: unknown code “slavery”",
    ),
    (
        "victims.csv",
        "district",
        "Cayo",
        "victims.csv:2: district: unknown code “Cayo” (allowed: belize, cayo",
    ),
    ("services.csv", "service_type", "housing", "services.csv:2: service_type: unknown code “housing”"),
    ("charges.csv", "outcome", "guilty", "charges.csv:2: outcome: unknown code “guilty”"),
    (
        "prevention.csv",
        "direct",
        "maybe",
        "prevention.csv:2: direct: unknown code “maybe” (allowed: yes, no)",
    ),
    (
        "victims.csv",
        "registered_on",
        "01/03/2020",
        "victims.csv:2: registered_on: “01/03/2020” is not a date written YYYY-MM-DD",
    ),
    (
        "victims.csv",
        "registered_on",
        "2021-02-30",
        "victims.csv:2: registered_on: 2021-02-30 is not a real date",
    ),
    ("cases.csv", "reported_on", "2020-13-01", "cases.csv:2: reported_on: 2020-13-01 is not a real date"),
    ("victims.csv", "registered_on", "FUTURE", "victims.csv:2: registered_on: This date is in the future."),
    (
        "services.csv",
        "start_date",
        "0024-03-01",
        "services.csv:2: start_date: 0024-03-01 is before 1900: check the year",
    ),
    ("services.csv", "start_date", "FUTURE", "services.csv:2: start_date: This date is in the future."),
    ("prevention.csv", "date", "FUTURE", "prevention.csv:2: date: This date is in the future."),
    (
        "repatriations.csv",
        "return_date",
        "FUTURE",
        "repatriations.csv:2: return_date: A completed return cannot be in the future.",
    ),
    (
        "victims.csv",
        "identification_date",
        "",
        "victims.csv:2: identification_date: An identified person needs the date of the identification.",
    ),
    (
        "victims.csv",
        "identification_date",
        "2001-01-01",
        "victims.csv:2: identification_date: The identification date is before the date of birth "
        "(2004-05-06).",
    ),
    (
        "victims.csv",
        "registered_on",
        "2003-01-01",
        "victims.csv:2: registered_on: The registration date is before the date of birth (2004-05-06).",
    ),
    (
        "services.csv",
        "end_date",
        "2020-03-01",
        "services.csv:2: end_date: The end date is before the start date (2020-03-02).",
    ),
    (
        "repatriations.csv",
        "return_date",
        "",
        "repatriations.csv:2: return_date: A completed repatriation needs its return date.",
    ),
    ("charges.csv", "verdict_date", "", "charges.csv:2: verdict_date: Give the date of the verdict."),
    (
        "services.csv",
        "victim_reference",
        "V-9",
        "services.csv:2: victim_reference: no victim with reference V-9 in victims.csv or in the database",
    ),
    (
        "repatriations.csv",
        "victim_reference",
        "V-9",
        "repatriations.csv:2: victim_reference: no victim with reference V-9",
    ),
    (
        "cases.csv",
        "victim_references",
        "V-1;V-9",
        "cases.csv:2: victim_references: no victim with reference V-9",
    ),
    (
        "suspects.csv",
        "case_reference",
        "C-9",
        "suspects.csv:2: case_reference: no case with reference C-9 in cases.csv",
    ),
    (
        "prosecutions.csv",
        "case_reference",
        "C-9",
        "prosecutions.csv:2: case_reference: no case with reference C-9",
    ),
    (
        "charges.csv",
        "prosecution_reference",
        "MC-9",
        "charges.csv:2: prosecution_reference: no prosecution with reference MC-9",
    ),
    (
        "charges.csv",
        "suspect_reference",
        "S-9",
        "charges.csv:2: suspect_reference: no suspect with reference S-9",
    ),
    (
        "repatriations.csv",
        "destination_country",
        "BZ",
        "repatriations.csv:2: destination_country: A repatriation returns a foreign victim from Belize: "
        "the destination cannot be Belize.",
    ),
    (
        "charges.csv",
        "sentence_months",
        "-3",
        "charges.csv:2: sentence_months: Ensure this value is greater than or equal to 0.",
    ),
    (
        "prevention.csv",
        "participants",
        "-1",
        "prevention.csv:2: participants: Ensure this value is greater than or equal to 0.",
    ),
    (
        "victims.csv",
        "age_estimate",
        "121",
        "victims.csv:2: age_estimate: Ensure this value is less than or equal to 120.",
    ),
    (
        "victims.csv",
        "age_estimate",
        "-1",
        "victims.csv:2: age_estimate: Ensure this value is greater than or equal to 0.",
    ),
    (
        "prevention.csv",
        "participants",
        "12.5",
        "prevention.csv:2: participants: “12.5” is not a whole number",
    ),
    (
        "victims.csv",
        "age_estimate",
        "about 20",
        "victims.csv:2: age_estimate: “about 20” is not a whole number",
    ),
    (
        "prevention.csv",
        "participants",
        "99999999999",
        "prevention.csv:2: participants: 99999999999 is too large",
    ),
    ("victims.csv", "nationality", "XX", "victims.csv:2: nationality: unknown country code “XX”"),
    ("victims.csv", "nationality", "gt", "victims.csv:2: nationality: unknown country code “gt”"),
    ("victims.csv", "nationality", "GTM", "victims.csv:2: nationality: unknown country code “GTM”"),
    (
        "repatriations.csv",
        "destination_country",
        "Guatemala",
        "repatriations.csv:2: destination_country: unknown country code",
    ),
    ("victims.csv", "sex", "", "victims.csv:2: sex: required value is blank"),
    ("cases.csv", "reference", "", "cases.csv:2: reference: required value is blank"),
    ("prevention.csv", "title", "", "prevention.csv:2: title: required value is blank"),
    (
        "victims.csv",
        "given_name",
        "x" * 101,
        "victims.csv:2: given_name: Ensure this value has at most 100 characters (it has 101).",
    ),
    (
        "victims.csv",
        "reference",
        "V-" + "1" * 31,
        "victims.csv:2: reference: Ensure this value has at most 32 characters (it has 33).",
    ),
    ("victims.csv", "reference", "V;1", "victims.csv:2: reference: a reference cannot contain “;”"),
]


@pytest.mark.parametrize(("name", "column", "value", "expected"), RULES, ids=lambda p: str(p)[:40])
def test_it_rejects_a_broken_cell(tmp_path, files, tomorrow, name, column, value, expected):
    value = value.replace("FUTURE", tomorrow)
    expected = expected.replace("FUTURE", tomorrow)
    files[name][0][column] = value
    before = counts()

    outcome = run_import(write_files(tmp_path / "in", files))

    assert not outcome.ok
    assert any(line.startswith(expected) for line in outcome.problems), outcome.problems
    assert "nothing was imported" in outcome.error
    assert counts() == before


def test_it_accepts_the_valid_files(tmp_path, files):
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.ok, outcome.err
    assert counts()["Charge"] == 1


def test_it_rejects_identification_data_on_a_person_not_identified(tmp_path, files):
    files["victims.csv"][0]["identification_status"] = "presumed"
    before = counts()
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.problems == [
        "victims.csv:2: identification_date: only recorded for identified persons "
        "(identification_status is presumed)",
        "victims.csv:2: identified_by: only recorded for identified persons "
        "(identification_status is presumed)",
    ]
    assert counts() == before


def test_it_accepts_a_planned_return_in_the_future(tmp_path, files, tomorrow):
    files["repatriations.csv"][0].update(status="planned", return_date=tomorrow)
    assert run_import(write_files(tmp_path / "in", files)).ok


def test_it_rejects_a_reference_duplicated_in_its_file(tmp_path, files):
    files["victims.csv"].append(dict(files["victims.csv"][0]))
    before = counts()
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.problems == ["victims.csv:3: reference: V-1 appears twice in this file (first in row 2)"]
    assert counts() == before


def test_it_rejects_a_reference_already_in_the_database(tmp_path, files):
    VictimFactory(reference="V-1")
    ActivityFactory(reference="P-1")
    before = counts()
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.problems == [
        "victims.csv:2: reference: V-1 already exists in the database",
        "prevention.csv:2: reference: P-1 already exists in the database",
    ]
    assert counts() == before


def test_it_links_to_records_already_in_the_database(tmp_path):
    VictimFactory(reference="V-OLD")
    prosecution = ProsecutionFactory(reference="MC-OLD")
    SuspectFactory(reference="S-OLD", case=prosecution.case)
    folder = write_files(
        tmp_path / "in",
        {
            "services.csv": [
                {"victim_reference": "V-OLD", "service_type": "medical", "start_date": "2021-01-01"}
            ],
            "charges.csv": [
                {
                    "prosecution_reference": "MC-OLD",
                    "suspect_reference": "S-OLD",
                    "offence": "csec",
                    "outcome": "pending",
                }
            ],
        },
    )
    outcome = run_import(folder)
    assert outcome.ok, outcome.err
    assert Charge.objects.get().suspect.reference == "S-OLD"


def test_it_rejects_a_charge_against_a_suspect_of_another_case(tmp_path, files):
    files["cases.csv"].append({**files["cases.csv"][0], "reference": "C-2", "victim_references": ""})
    files["suspects.csv"][0]["case_reference"] = "C-2"
    before = counts()
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.problems == [
        "charges.csv:2: suspect_reference: suspect S-1 belongs to case C-2, "
        "but prosecution MC-1 is of case C-1"
    ]
    assert counts() == before


def test_it_reports_every_problem_of_every_file(tmp_path, files):
    files["victims.csv"][0]["sex"] = "f"
    files["victims.csv"][0]["district"] = "north"
    files["prevention.csv"][0]["kind"] = "workshop"
    outcome = run_import(write_files(tmp_path / "in", files))
    assert [line.split(":")[:3] for line in outcome.problems] == [
        ["victims.csv", "2", " sex"],
        ["victims.csv", "2", " district"],
        ["prevention.csv", "2", " kind"],
    ]
    assert outcome.error == "3 problem(s) in 2 file(s): nothing was imported."
