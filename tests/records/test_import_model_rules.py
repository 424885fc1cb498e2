"""An import checks each row through its model: the model's rules, and only them, decide.

Rules the import gained from the models (a verdict before the filing, a sentence without a
conviction…), rules the model decides otherwise than the old importer did (a cancelled return
may be in the future), and rules between fields waiting for the row's cells to be right.
"""

import datetime

import pytest

from tests.factories import CaseFactory, ProsecutionFactory, SuspectFactory
from tests.records.conftest import counts, run_import, write_files

pytestmark = pytest.mark.django_db


def refused(tmp_path, files) -> list[str]:
    before = counts()
    outcome = run_import(write_files(tmp_path / "in", files))
    assert not outcome.ok
    assert counts() == before
    return outcome.problems


def test_it_accepts_a_cancelled_return_in_the_future(tmp_path, files, tomorrow):
    files["repatriations.csv"][0].update(status="cancelled", return_date=tomorrow)
    outcome = run_import(write_files(tmp_path / "in", files))
    assert outcome.ok, outcome.err


def test_it_rejects_a_verdict_date_on_a_pending_charge(tmp_path, files):
    files["charges.csv"][0].update(outcome="pending", sentence_months="")
    assert refused(tmp_path, files) == [
        "charges.csv:2: verdict_date: A pending charge has no verdict date yet."
    ]


def test_it_rejects_a_sentence_without_a_conviction(tmp_path, files):
    files["charges.csv"][0]["outcome"] = "acquitted"
    assert refused(tmp_path, files) == [
        "charges.csv:2: sentence_months: A sentence is recorded only for a conviction."
    ]


def test_it_rejects_a_verdict_before_the_filing(tmp_path, files):
    files["charges.csv"][0]["verdict_date"] = "2020-04-30"
    assert refused(tmp_path, files) == [
        "charges.csv:2: verdict_date: The verdict is before the filing date (2020-05-01)."
    ]


def test_it_rejects_a_verdict_before_the_filing_of_a_prosecution_in_the_database(tmp_path, files):
    prosecution = ProsecutionFactory(reference="MC-OLD", filed_on="2020-05-01")
    SuspectFactory(reference="S-OLD", case=prosecution.case)
    charge = {**files["charges.csv"][0], "prosecution_reference": "MC-OLD", "suspect_reference": "S-OLD"}
    assert refused(tmp_path, {"charges.csv": [{**charge, "verdict_date": "2020-04-30"}]}) == [
        "charges.csv:2: verdict_date: The verdict is before the filing date (2020-05-01)."
    ]


def test_it_rejects_a_prosecution_filed_before_its_case_was_reported(tmp_path, files):
    files["prosecutions.csv"][0]["filed_on"] = "2020-01-31"
    assert refused(tmp_path, files) == [
        "prosecutions.csv:2: filed_on: The date is before the date the case was reported (2020-02-01)."
    ]


def test_it_rejects_a_prosecution_filed_before_a_case_in_the_database_was_reported(tmp_path):
    CaseFactory(reference="C-OLD", reported_on=datetime.date(2020, 2, 1))
    prosecution = {
        "reference": "MC-1",
        "case_reference": "C-OLD",
        "court": "supreme",
        "filed_on": "2020-01-31",
    }
    assert refused(tmp_path, {"prosecutions.csv": [prosecution]}) == [
        "prosecutions.csv:2: filed_on: The date is before the date the case was reported (2020-02-01)."
    ]


def test_it_rejects_an_investigation_opened_before_the_report(tmp_path, files):
    files["cases.csv"][0]["investigation_opened_on"] = "2020-01-31"
    assert refused(tmp_path, files) == [
        "cases.csv:2: reported_on: The case cannot be reported after its investigation opened (2020-01-31)."
    ]


def test_rules_between_fields_wait_for_the_cells_to_be_right(tmp_path, files):
    # Registered before birth too, but the model's clean() runs on a row whose cells are right.
    files["victims.csv"][0].update(sex="f", registered_on="2003-01-01")
    assert refused(tmp_path, files) == [
        "victims.csv:2: sex: unknown code “f” (allowed: female, male, unknown, other)"
    ]


def test_a_missing_required_column_is_reported_once_not_on_every_row(tmp_path, files):
    del files["charges.csv"][0]["outcome"]
    assert refused(tmp_path, files) == ["charges.csv:1: outcome: missing required column"]


def test_a_charge_whose_prosecution_is_unknown_is_reported_once(tmp_path, files):
    files["charges.csv"][0]["prosecution_reference"] = "MC-9"
    assert refused(tmp_path, files) == [
        "charges.csv:2: prosecution_reference: no prosecution with reference MC-9 in prosecutions.csv "
        "or in the database"
    ]


def test_each_problem_of_a_row_is_reported_in_column_order(tmp_path, files):
    files["charges.csv"][0].update(sentence_months="-1", offence="trafficking", suspect_reference="S-9")
    assert [p.split(":")[2] for p in refused(tmp_path, files)] == [
        " suspect_reference",
        " offence",
        " sentence_months",
    ]
