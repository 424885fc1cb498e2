"""The HTCDS 2.0 fields recorded (victims.trafficking), the HTCDS file with the standard's names
and codes, one row per person per case, validate_htcds, and the CTDC file's country and sector
columns under k-anonymity."""

import csv
import datetime
import io
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from reports.person_level import CTDC_COLUMNS, anonymise, ctdc_csv, forms_in_case, htcds_csv, persons
from tests.factories import CaseFactory, ServiceEpisodeFactory, VictimFactory
from victims.services import victim_mark_duplicate

pytestmark = pytest.mark.django_db
FACTS = {
    "exploitation_country": "BZ",
    "exploitation_district": "cayo",
    "labour_industry": "A_AgricultureForestryAndFishing",
    "control_methods": ["DebtBondage", "WithholdsDocuments"],
    "recruitment_methods": ["ThroughFriendsOrSocialEvents"],
    "recruiter_relationship": "Acquainted",
}


def rows(body: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def test_the_htcds_file_has_thirty_standard_fields_in_the_standards_codes(tmp_path):
    VictimFactory(
        status="identified",
        identification_date=datetime.date(2020, 4, 1),
        exploitation_forms=["forced_labour"],
        **FACTS,
    )
    body = htcds_csv(persons())
    (row,) = rows(body)
    assert len([name for name, value in row.items() if value]) >= 25
    assert len(row) >= 30
    assert row["vic_ForcedLabourIndustry"] == "A_AgricultureForestryAndFishing"
    assert row["vic_MethodsOfControl"] == "DebtBondage;WithholdsDocuments"
    assert (row["MethodsOfControlDebtBondage"], row["MethodsOfControlSexualAbuse"]) == ("true", "false")
    assert (row["hte_Type"], row["hte_Country"], row["hte_State"]) == ("Exploitation", "BZ", "cayo")
    assert row["vic_RelationshipToTrafficker"] == "Acquainted"
    path = tmp_path / "htcds.csv"
    path.write_text(body, encoding="utf-8")
    out = io.StringIO()
    call_command("validate_htcds", str(path), stdout=out)
    assert "every code in the standard's lists" in out.getvalue()


def test_validate_htcds_names_a_wrong_code(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "prs_Gender,vic_MethodsOfControl,hte_Country,NotAField\nFemale,DebtBondage;Beating,XX,1\n"
    )
    with pytest.raises(CommandError) as refused:
        call_command("validate_htcds", str(path))
    message = str(refused.value)
    assert "'Female'" in message and "'Beating'" in message and "'XX'" in message and "NotAField" in message


def test_a_code_outside_the_list_is_refused():
    victim = VictimFactory()
    victim.control_methods = ["Beating"]
    with pytest.raises(ValidationError):
        victim.full_clean()


def test_the_ctdc_file_fills_country_and_sector_and_stays_k_anonymous():
    for _ in range(12):
        VictimFactory(
            status="identified",
            identification_date=datetime.date(2020, 4, 1),
            exploitation_forms=["forced_labour"],
            **FACTS,
        )
    VictimFactory(exploitation_country="MX")  # alone in Mexico: generalised or left out
    result = anonymise(persons(), 11)
    table = rows(ctdc_csv(result))
    assert table and all(row["CountryOfExploitation"] in ("BZ", "") for row in table)
    assert sum(row["CountryOfExploitation"] == "BZ" for row in table) >= 11
    assert all(row["typeOfLabourAgriculture"] == "1" for row in table if row["CountryOfExploitation"] == "BZ")
    quasi = CTDC_COLUMNS[: CTDC_COLUMNS.index("CountryOfExploitation") + 1]
    assert min(Counter(tuple(row[c] for c in quasi) for row in table).values()) >= 11


# --- One row per person per case ---------------------------------------------------------------


def test_a_person_in_two_cases_has_two_rows_with_each_cases_facts_and_one_in_none_has_one():
    listed = VictimFactory(
        status="identified",
        identification_date=datetime.date(2020, 4, 1),
        exploitation_forms=["sexual", "forced_labour"],
        reference="V-2020-0099",
        **FACTS,
    )
    alone = VictimFactory(exploitation_forms=["forced_begging"])
    ServiceEpisodeFactory(victim=alone, start_date=datetime.date(2020, 5, 2), end_date=None)  # in care
    closed = CaseFactory(
        victims=[listed], status="closed", closing_reason="Insufficient evidence.",
        investigation_opened_on=datetime.date(2020, 1, 2), exploitation_forms=["sexual"],
    )  # fmt: skip
    open_ = CaseFactory(victims=[listed], investigation_opened_on=datetime.date(2020, 1, 2))  # no forms

    table = rows(htcds_csv(persons()))

    assert len(table) == 3
    (in_closed,) = [row for row in table if row["cas_Status"] == "Closed"]
    (in_open,) = [row for row in table if row["cas_Id"] and row is not in_closed]
    (alone_row,) = [row for row in table if not row["cas_Id"]]
    # The same person on both rows, under one pseudonym; each case under its own.
    assert in_closed["prs_Id"] == in_open["prs_Id"] != alone_row["prs_Id"]
    assert in_closed["cas_Id"] != in_open["cas_Id"]
    # The case's own facts where it has them: its status, its forms that are the person's.
    assert (in_closed["cas_Status"], in_closed["vic_TypeOfExploitation"]) == ("Closed", "SexualExploitation")
    assert (in_open["cas_Status"], in_open["vic_TypeOfExploitation"]) == (
        "Active",
        "ForcedLabour;SexualExploitation",
    )
    # The person's own facts on every row of the person.
    for row in (in_closed, in_open):
        assert row["vic_MethodsOfControl"] == "DebtBondage;WithholdsDocuments"
        assert (row["hte_Country"], row["hte_State"], row["prs_Citizenship"]) == ("BZ", "cayo", "GT")
    # A person in no case: one row, the person's case with Human Services.
    assert (alone_row["cas_Id"], alone_row["cas_Status"], alone_row["vic_TypeOfExploitation"]) == (
        "",
        "Active",
        "ForcedBegging",
    )
    body = htcds_csv(persons())
    for secret in ("V-2020-0099", closed.reference, open_.reference, str(closed.pk), str(listed.pk)):
        assert f",{secret}," not in body and not body.startswith(secret)


def test_two_victims_of_one_case_share_its_pseudonym():
    first, second = VictimFactory(), VictimFactory()
    CaseFactory(victims=[first, second], exploitation_forms=["forced_labour"])
    table = rows(htcds_csv(persons()))
    assert len({row["cas_Id"] for row in table}) == 1 and len({row["prs_Id"] for row in table}) == 2
    # Neither person's forms are recorded: the case's.
    assert {row["vic_TypeOfExploitation"] for row in table} == {"ForcedLabour"}


def test_the_pseudonyms_hold_in_one_file_only():
    victim = VictimFactory()
    CaseFactory(victims=[victim])
    (first,), (second,) = rows(htcds_csv(persons())), rows(htcds_csv(persons()))
    assert first["prs_Id"] != second["prs_Id"] and first["cas_Id"] != second["cas_Id"]
    assert all(len(row[c]) == 16 for row in (first, second) for c in ("prs_Id", "cas_Id"))


@pytest.mark.parametrize(
    "forms_of_person, forms_of_case, written",
    [
        (("sexual", "forced_labour"), ("sexual",), ("sexual",)),
        (("sexual",), ("forced_labour",), ("sexual",)),  # none shared: the person's
        ((), ("forced_labour",), ("forced_labour",)),  # only the case knows
        (("sexual",), (), ("sexual",)),
        ((), (), ()),
    ],
)
def test_the_forms_in_a_case(forms_of_person, forms_of_case, written):
    assert forms_in_case(forms_of_person, forms_of_case) == written


def test_the_ctdc_file_still_counts_each_person_once():
    victims = [VictimFactory() for _ in range(3)]
    CaseFactory(victims=victims)
    CaseFactory(victims=victims[:2])
    people = persons()
    assert len(rows(htcds_csv(people))) == 5
    assert anonymise(people, 1).records == anonymise(persons(cases=False), 1).records == 3


@pytest.mark.parametrize("victims", [2, 20])
def test_the_files_query_count_does_not_grow_with_the_data(django_assert_num_queries, victims):
    for n in range(victims):
        victim = VictimFactory(exploitation_forms=["sexual"], **FACTS)
        CaseFactory(victims=[victim], exploitation_forms=["sexual", "forced_labour"][: 1 + n % 2])
        if n % 3 == 0:
            CaseFactory(victims=[victim])
    # Expect 5: the cases' links and statuses, the cases' forms; the victims, their HTCDS facts,
    # their forms.
    with django_assert_num_queries(5):
        people = persons()
    assert len(rows(htcds_csv(people))) == victims + len(range(0, victims, 3))
    with django_assert_num_queries(3):
        persons(cases=False)


def test_validate_htcds_checks_one_row_per_person_per_case(tmp_path):
    person, other, case = "0123456789abcdef", "fedcba9876543210", "00112233445566ff"
    path = tmp_path / "rows.csv"
    path.write_text(
        "prs_Id,cas_Id,prs_Gender\n"
        f"{person},{case},Feminine\n"
        f"{person},{case},Feminine\n"  # the same person and case twice
        f"{person},,Feminine\n"  # without a case, for a person in a case
        f",{case},Masculine\n"  # nobody
        f"{other},P-1,Masculine\n"  # not a pseudonym
    )
    with pytest.raises(CommandError) as refused:
        call_command("validate_htcds", str(path))
    message = str(refused.value)
    assert f"lines 2, 3: the same person and case ({person}, {case})" in message
    assert f"line 4: a row without a case for person {person}, who has rows in cases" in message
    assert "line 5, prs_Id: empty" in message
    assert "line 6, cas_Id: 'P-1' is not in the standard's code list" in message


def test_a_case_listing_a_record_marked_as_a_duplicate_is_the_originals():
    original, duplicate = VictimFactory(), VictimFactory()
    CaseFactory(victims=[duplicate])
    CaseFactory(victims=[original, duplicate])  # both records: one row
    victim_mark_duplicate(victim=duplicate, original=original, by=None, expected_version=duplicate.version)
    table = rows(htcds_csv(persons()))
    assert len(table) == 2 and len({row["prs_Id"] for row in table}) == 1
    assert len({row["cas_Id"] for row in table}) == 2
