"""UNODC's questionnaire (docs/unodc-questionnaire.md) against hand-counted records: the command,
the download, Spanish headings, and a query count that does not grow with the records."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import CaseFactory, ChargeFactory, ProsecutionFactory, SuspectFactory, VictimFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def records():
    case = CaseFactory(reported_on=D(2020, 2, 1), investigation_opened_on=D(2020, 2, 10))
    s1 = SuspectFactory(case=case, sex="male", nationality="BZ")
    s2 = SuspectFactory(case=case, sex="female", nationality="GT")
    SuspectFactory(case=case, sex="male", nationality="")
    prosecution = ProsecutionFactory(case=case, filed_on=D(2020, 3, 1))
    ChargeFactory(prosecution=prosecution, suspect=s1, outcome="convicted", verdict_date=D(2020, 9, 1))
    ChargeFactory(prosecution=prosecution, suspect=s1)  # the same person, counted once
    ChargeFactory(prosecution=prosecution, suspect=s2)
    earlier = CaseFactory(reported_on=D(2019, 11, 1), investigation_opened_on=D(2019, 12, 1))
    s4 = SuspectFactory(case=earlier, sex="male", nationality="MX")  # suspected in 2019
    old = ProsecutionFactory(case=earlier, filed_on=D(2019, 12, 20))
    ChargeFactory(prosecution=old, suspect=s4, outcome="convicted", verdict_date=D(2020, 1, 15))

    def identified(**fields):
        VictimFactory(
            status="identified", identification_date=D(2020, 5, 1), registered_on=D(2020, 4, 1), **fields
        )

    identified(sex="female", date_of_birth=D(2010, 1, 1), nationality="GT", exploitation_forms=["sexual"])
    identified(sex="female", nationality="BZ", exploitation_forms=["sexual", "forced_labour"])
    identified(sex="male", nationality="BZ", exploitation_forms=["domestic_servitude"])
    identified(sex="male", date_of_birth=None, nationality="")
    identified(sex="female", nationality="GT", exploitation_forms=["forced_begging", "forced_marriage"])
    VictimFactory(status="identified", identification_date=D(2019, 5, 1), registered_on=D(2019, 4, 1))


def cells(body: str) -> dict[tuple[str, str, str], str]:
    rows = csv.DictReader(io.StringIO(body.lstrip("\ufeff")))
    return {(r["table"], r["row"], r["column"]): r["value"] for r in rows}


def run(tmp_path, *args) -> dict:
    path = tmp_path / "unodc.csv"
    call_command(
        "unodc_report",
        "--year",
        "2020",
        "--format",
        "csv",
        "--output",
        str(path),
        *args,
        stderr=io.StringIO(),
    )
    return cells(path.read_text(encoding="utf-8"))


SEX = "Persons suspected, prosecuted and convicted, by sex"
CITIZENSHIP = "Persons suspected, prosecuted and convicted, by sex and citizenship"
COUNTRY = "Foreign persons suspected, prosecuted and convicted, by country of citizenship"
VICTIMS = "Victims detected, by form of exploitation, sex and age"


def test_persons_by_sex(records, tmp_path):
    table = run(tmp_path)
    suspected, prosecuted, convicted = (
        "Persons suspected (investigation opened)",
        "Persons prosecuted",
        "Persons convicted",
    )
    assert [table[SEX, suspected, c] for c in ("Male", "Female", "Total")] == ["2", "1", "3"]
    assert [table[SEX, prosecuted, c] for c in ("Male", "Female", "Total")] == ["1", "1", "2"]
    assert [table[SEX, convicted, c] for c in ("Male", "Female", "Total")] == ["2", "0", "2"]


def test_persons_by_citizenship_and_country(records, tmp_path):
    table = run(tmp_path)
    columns = ("Nationals", "Foreign citizens", "Citizenship unknown", "Total")
    row = "Persons suspected (investigation opened) — Male"
    assert [table[CITIZENSHIP, row, c] for c in columns] == ["1", "0", "1", "2"]
    assert [table[CITIZENSHIP, "Persons prosecuted — Female", c] for c in columns] == ["0", "1", "0", "1"]
    assert [table[CITIZENSHIP, "Persons convicted — Male", c] for c in columns] == ["1", "1", "0", "2"]
    assert table[COUNTRY, "Guatemala (GT)", "Persons prosecuted"] == "1"
    assert table[COUNTRY, "Mexico (MX)", "Persons convicted"] == "1"
    assert table[COUNTRY, "Mexico (MX)", "Persons suspected (investigation opened)"] == "0"


def test_victims_by_form_sex_age_and_citizenship(records, tmp_path):
    table = run(tmp_path)
    assert table[VICTIMS, "Sexual exploitation", "Girls"] == "1"
    assert table[VICTIMS, "Mixed exploitation (forms of two or more kinds)", "Women"] == "1"
    assert table[VICTIMS, "Forced labour (including domestic servitude)", "Men"] == "1"
    assert table[VICTIMS, "Form not specified", "Male, age unknown"] == "1"
    other = "Other purposes (criminality, begging, marriage, adoption, other)"
    assert table[VICTIMS, other, "Women"] == "1"
    assert table[VICTIMS, "Total", "Total"] == "5"  # the victim of 2019 is not counted
    assert table["Victims detected — Nationals", "Total", "Total"] == "2"
    assert table["Victims detected — Foreign citizens", "Sexual exploitation", "Girls"] == "1"
    assert table["Victims detected — Citizenship unknown", "Total", "Total"] == "1"
    by_country = "Foreign victims detected, by country of citizenship, sex and age"
    assert (table[by_country, "Guatemala (GT)", "Girls"], table[by_country, "Guatemala (GT)", "Total"]) == (
        "1",
        "2",
    )


def test_the_tip_year(records, tmp_path):
    table = run(tmp_path, "--period", "tip")  # 1 April 2020 – 31 March 2021
    assert table[SEX, "Persons convicted", "Total"] == "1"  # the verdict of 15 January 2020 is before
    assert table[VICTIMS, "Total", "Total"] == "5"


def test_the_download_is_the_secretarys_in_spanish(records, client, login):
    login(Role.POLICE)
    assert client.get(reverse("reports:unodc", args=[2020, "xlsx"])).status_code == 403
    client.logout()
    login(Role.SECRETARY)
    response = client.get(reverse("reports:unodc", args=[2020, "xlsx"]), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200 and "unodc-2020-es.xlsx" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = [row for row in book["Víctimas"].iter_rows(values_only=True) if row[0]]
    assert ("Explotación sexual", 1) == rows[
        rows.index(next(r for r in rows if r[0] == "Explotación sexual"))
    ][:2]
    assert AuditEvent.objects.get(action="export", object_type="unodc").object_ref == "2020"
    assert client.get(reverse("reports:unodc", args=[2020, "pdf"])).status_code == 404
    assert client.get(reverse("reports:unodc", args=[2020, "csv"]), {"period": "x"}).status_code == 404


@pytest.mark.parametrize("more", [0, 10])
def test_the_query_count_does_not_grow(records, client, login, django_assert_num_queries, more):
    login(Role.SECRETARY)
    for _ in range(more):
        VictimFactory(status="identified", identification_date=D(2020, 6, 1), exploitation_forms=["sexual"])
    # Expect 15: session, user, the user's groups (role); 3 for the persons (one a stage), 1 for the
    # victims; 3 for the audit row (chain head, insert, head moved); the session saved; and two
    # savepoints and their releases (ATOMIC_REQUESTS).
    with django_assert_num_queries(15):
        assert client.get(reverse("reports:unodc", args=[2020, "csv"])).status_code == 200
