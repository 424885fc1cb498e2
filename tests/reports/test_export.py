"""Downloads from the report page: each format, editions, neutralised cells, audit, access."""

import csv
import datetime
import io
import json
import shutil
import subprocess

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from atip.models import AuditEvent
from atip.roles import Role
from reports import exports
from reports.statistics import annual_report
from tests.factories import ActivityFactory, ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db
FORMATS = ["json", "csv", "xlsx", "html", "pdf"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def url(fmt, year=2020):
    return reverse("reports:export", args=[year, fmt])


@pytest.fixture
def records():
    for i in range(7):
        victim = VictimFactory(
            status="identified",
            identification_date=datetime.date(2020, 4, 1),
            given_name="Secretname",
            reference=f"V-2020-09{i}",
            nationality="GT" if i < 5 else "SV",
            date_of_birth=datetime.date(1990, 1, 1) if i < 6 else datetime.date(2010, 1, 1),
        )
        ServiceEpisodeFactory(victim=victim, start_date=datetime.date(2020, 4, 2))
    ActivityFactory(
        kind="campaign",
        title='=HYPERLINK("http://x")',
        date=datetime.date(2020, 7, 30),
        reference="P-2020-001",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_works_and_is_audited(client, login, records, fmt):
    login(Role.SECRETARY)
    response = client.get(url(fmt))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="export")
    assert (event.object_type, event.object_ref) == ("annual_report", "2020")
    assert event.detail == f"{fmt} {'internal' if fmt == 'json' else 'public'}"
    body = response.content if fmt in ("xlsx", "pdf") else response.content.decode()
    if fmt != "xlsx" and fmt != "pdf":
        assert "Secretname" not in body and "V-2020-090" not in body


@pytest.mark.parametrize(
    "fmt, edition, content_type, disposition",
    [
        ("json", "public", "application/json", 'attachment; filename="annual-report-2020.json"'),
        ("json", "internal", "application/json", 'attachment; filename="annual-report-2020.json"'),
        ("csv", "public", "text/csv; charset=utf-8", 'attachment; filename="annual-report-2020.csv"'),
        (
            "csv",
            "internal",
            "text/csv; charset=utf-8",
            'attachment; filename="annual-report-2020-internal.csv"',
        ),
        ("xlsx", "public", XLSX, 'attachment; filename="annual-report-2020.xlsx"'),
        ("xlsx", "internal", XLSX, 'attachment; filename="annual-report-2020-internal.xlsx"'),
        ("html", "public", "text/html; charset=utf-8", 'inline; filename="factsheet-2020.html"'),
        ("html", "internal", "text/html; charset=utf-8", 'inline; filename="factsheet-2020-internal.html"'),
        ("pdf", "public", "application/pdf", 'attachment; filename="factsheet-2020.pdf"'),
        ("pdf", "internal", "application/pdf", 'attachment; filename="factsheet-2020-internal.pdf"'),
    ],
)
def test_each_file_has_its_type_and_name(client, login, fmt, edition, content_type, disposition):
    login(Role.SECRETARY)
    response = client.get(url(fmt), {"edition": edition})
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == disposition
    # The JSON has one edition, the internal one; the others are the edition asked for.
    audited = "internal" if fmt == "json" else edition
    assert AuditEvent.objects.get(action="export").detail == f"{fmt} {audited}"


def test_render_refuses_a_public_json():
    with pytest.raises(ValueError, match="no public edition"):
        exports.render(2020, "json", public=True)


def test_the_json_is_the_internal_report(client, login, records):
    login(Role.SECRETARY)
    response = client.get(url("json"))
    assert response["Content-Disposition"] == 'attachment; filename="annual-report-2020.json"'
    assert json.loads(response.content) == annual_report(2020)


def test_the_csv_is_public_suppressed_and_neutralised(client, login, records):
    login(Role.SECRETARY)
    rows = list(csv.DictReader(io.StringIO(client.get(url("csv")).content.decode())))
    value = {(r["table"], r["row"], r["column"]): r["value"] for r in rows}
    assert value[("Victims identified and presumed", "Officially identified victims", "Persons")] == "7"
    by_nat = "Identified victims by nationality"
    assert value[(by_nat, "Guatemala (GT)", "Persons")] == "*"  # else 7 - 5 gives El Salvador
    assert value[(by_nat, "El Salvador (SV)", "Persons")] == "<5"
    assert all(r["edition"] == "public" for r in rows)
    titles = [r["value"] for r in rows if r["table"] == "Campaigns" and r["column"] == "Title"]
    assert titles == ['\'=HYPERLINK("http://x")']
    assert not any("P-2020-001" in v for r in rows for v in r.values())  # no references in public


def test_the_internal_csv_is_exact(client, login, records):
    login(Role.SECRETARY)
    response = client.get(url("csv"), {"edition": "internal"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    value = {(r["table"], r["row"], r["column"]): r["value"] for r in rows}
    assert value[("Identified victims by nationality", "El Salvador (SV)", "Persons")] == "2"
    assert AuditEvent.objects.get(action="export").detail == "csv internal"


def test_the_xlsx_has_a_sheet_per_section_with_the_cells(client, login, records):
    login(Role.SECRETARY)
    response = client.get(url("xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Identification",
        "Assistance",
        "Prosecution",
        "Repatriation",
        "Prevention",
        "TIP Report",
    ]
    rows = [list(r) for r in book["Identification"].iter_rows(values_only=True)]
    assert ["Officially identified victims", 7] in [r[:2] for r in rows]
    assert ["Female", "<5", "*", 0, 7] in [r[:5] for r in rows]  # 7 - 1 would give the adults
    prevention = [c for r in book["Prevention"].iter_rows(values_only=True) for c in r if c]
    assert '\'=HYPERLINK("http://x")' in prevention


def test_the_factsheet_is_printable_under_the_content_security_policy(client, login, records):
    login(Role.SECRETARY)
    body = client.get(url("html")).content.decode()
    assert '<link rel="stylesheet" href="/static/reports/factsheet.css">' in body
    assert "<style" not in body and "style=" not in body and "<script" not in body
    assert "<svg" in body
    assert "Public edition: counts of victims from 1 to 4" in body


def test_the_pdf_has_pages(client, login, records, tmp_path):
    login(Role.SECRETARY)
    response = client.get(url("pdf"))
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="factsheet-2020.pdf"'
    (tmp_path / "f.pdf").write_bytes(response.content)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", str(tmp_path / "f.pdf"), str(tmp_path / "page")], check=True
        )
        assert len(list(tmp_path.glob("page*.png"))) >= 2


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR])
@pytest.mark.parametrize("fmt", FORMATS)
def test_it_is_forbidden_to_readers(client, login, role, fmt):
    login(role)
    assert client.get(url(fmt)).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_is_hidden_from_the_administrator(client, login, fmt):
    login(Role.ADMINISTRATOR)
    assert client.get(url(fmt)).status_code == 404


def test_it_requires_login(client):
    assert client.get(url("json")).status_code == 302


def test_it_rejects_post(client, login):
    login(Role.SECRETARY)
    assert client.post(url("csv")).status_code == 405


def test_unknown_formats_and_years_are_not_found(client, login):
    login(Role.SECRETARY)
    assert client.get(url("docx")).status_code == 404
    assert client.get(url("json", year=1500)).status_code == 404
    assert client.get(url("json", year=1999)).status_code == 404
    assert client.get(url("json", year=timezone.localdate().year + 1)).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_years_are_those_of_the_statistics_page(client, login):
    login(Role.SECRETARY)
    assert client.get(url("json", year=2000)).status_code == 200
    assert client.get(url("json", year=timezone.localdate().year)).status_code == 200


def test_the_xlsx_leaves_out_characters_a_workbook_cannot_hold(client, login):
    ActivityFactory(kind="campaign", title="Safe\x0bHomes\x07", date=datetime.date(2020, 3, 1))
    login(Role.SECRETARY)
    response = client.get(url("xlsx"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    prevention = [c for r in book["Prevention"].iter_rows(values_only=True) for c in r if c]
    assert "SafeHomes" in prevention


def test_the_csv_opens_in_excel_with_its_accents(client, login):
    ActivityFactory(kind="campaign", title="Campaña Corazón Azul", date=datetime.date(2020, 7, 30))
    login(Role.SECRETARY)
    body = client.get(url("csv")).content
    assert body.startswith(b"\xef\xbb\xbf")  # the UTF-8 byte-order mark
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert list(rows[0]) == ["year", "edition", "section", "table", "row", "column", "value"]
    assert "Campaña Corazón Azul" in [r["value"] for r in rows]
    assert rows[-1]["table"] == "Rule" and rows[-1]["value"].startswith("Public edition: counts of victims")


def test_the_xlsx_states_the_rule(client, login):
    login(Role.SECRETARY)
    book = openpyxl.load_workbook(io.BytesIO(client.get(url("xlsx")).content))
    assert book["Prosecution"]["A2"].value.startswith("Public edition: counts of victims from 1 to 4")
