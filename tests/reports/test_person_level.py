"""De-identified person-level files (HTCDS 2.0, CTDC k-anonymous): golden header and mapping,
nothing identifying, k-anonymity of the demo data, access per roles.md, audit."""

import csv
import datetime
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from atip.codes import Exploitation, Sex
from atip.models import AuditEvent
from atip.roles import Role
from cases.models import CaseStatus
from reports import person_level as pl
from tests.factories import ServiceEpisodeFactory, UserFactory, VictimFactory
from tests.reports.archive import ARCHIVE, htcds_archive
from victims.models import IdentifiedBy
from victims.services import victim_archive

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "golden"
PAGE = reverse("reports:person_level")
READERS = [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR]
D = datetime.date


def file_url(fmt):
    return reverse("reports:person_level_file", args=[fmt])


def rows(body: bytes) -> list[dict]:
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def few_victims():
    identified = VictimFactory(
        status="identified",
        identification_date=D(2020, 5, 1),
        identified_by="police",
        registered_on=D(2020, 4, 1),
        date_of_birth=D(2003, 4, 2),  # 16 on registration, 17 on identification
        sex="female",
        nationality="GT",
        given_name="Secretname",
        reference="V-2020-0777",
        notes="Confidential notes",
    )
    identified.exploitation_forms.set(["sexual", "domestic_servitude"])
    ServiceEpisodeFactory(victim=identified, start_date=D(2020, 5, 2), end_date=None)
    presumed = VictimFactory(
        sex="unknown", nationality="", date_of_birth=None, age_estimate=30, registered_on=D(2021, 2, 1)
    )
    presumed.exploitation_forms.set(["forced_criminality"])
    closed = VictimFactory(
        status="identified", identification_date=D(2019, 3, 1), registered_on=D(2019, 1, 1), sex="male",
        identified_by="human_services", date_of_birth=D(1990, 1, 1), nationality="BZ",
    )  # fmt: skip
    victim_archive(victim=closed, by=UserFactory(), expected_version=closed.version)
    VictimFactory(status="not_victim", identification_date=D(2020, 1, 5), registered_on=D(2020, 1, 1))


def test_the_htcds_file_is_pinned(client, login):
    few_victims()
    login(Role.SECRETARY)
    _, body = htcds_archive(client)
    # The pseudonyms are drawn for each file: pinned as their shape, the rest as written.
    lines = body.splitlines(keepends=True)
    cells = [line.split(",", 2) for line in lines[1:]]
    assert all(re.fullmatch("[0-9a-f]{16}", person) and case == "" for person, case, _ in cells)
    unnamed = sorted(f",,{rest}" for _, _, rest in cells)
    assert "".join([lines[0], *unnamed]) == (GOLDEN / "htcds.csv").read_bytes().decode("utf-8")


def test_the_ctdc_file_is_pinned(client, login):
    few_victims()
    login(Role.SECRETARY)
    body = client.get(file_url("ctdc"), {"k": "2"}).content
    assert body.decode("utf-8-sig") == (GOLDEN / "ctdc.csv").read_bytes().decode("utf-8")
    assert body.decode("utf-8-sig").splitlines()[0] == ",".join(pl.CTDC_COLUMNS)


def test_the_mapping_is_pinned():
    mapping = {
        "htcds_columns": pl.HTCDS_COLUMNS,
        "htcds_gender": {str(k): v for k, v in pl.HTCDS_GENDER.items()},
        "htcds_status": {str(k): v for k, v in pl.HTCDS_STATUS.items()},
        "htcds_decided_by": {str(k): v for k, v in pl.HTCDS_DECIDED_BY.items()},
        "htcds_exploitation": {str(k): v for k, v in pl.HTCDS_EXPLOITATION.items()},
        "htcds_case_status": {str(k): v for k, v in pl.HTCDS_CASE_STATUS.items()},
        "ctdc_columns": pl.CTDC_COLUMNS,
        "ctdc_gender": {str(k): v for k, v in pl.CTDC_GENDER.items()},
        "ctdc_exploitation": {str(k): v for k, v in pl.CTDC_EXPLOITATION.items()},
        "age_bands": pl.AGE_BANDS,
    }
    assert json.loads(json.dumps(mapping)) == json.loads(
        (GOLDEN / "mapping.json").read_text(encoding="utf-8")
    )
    # Every code of our lists has its value in each standard.
    assert set(pl.HTCDS_GENDER) == set(pl.CTDC_GENDER) == set(Sex)
    assert set(pl.HTCDS_EXPLOITATION) == set(pl.CTDC_EXPLOITATION) == set(Exploitation)
    assert set(pl.HTCDS_DECIDED_BY) == set(IdentifiedBy)
    assert set(pl.HTCDS_CASE_STATUS) == set(CaseStatus)


@pytest.mark.parametrize("fmt", ["htcds", "ctdc"])
def test_nothing_identifying_is_ever_written(client, login, fmt):
    few_victims()
    login(Role.SECRETARY)
    if fmt == "htcds":
        _, body = htcds_archive(client)
    else:
        body = client.get(file_url(fmt), {"k": "1"}).content.decode("utf-8-sig")
    for secret in ("Secretname", "V-2020-0777", "2003", "Confidential", "2020-05-01", "2020-04-01"):
        assert secret not in body


EDGES = [(None, ""), (0, "0--8"), (8, "0--8"), (9, "9--17"), (17, "9--17"), (18, "18--20"), (47, "39--47")]


@pytest.mark.parametrize("age, band", [*EDGES, (48, "48+")])
def test_age_bands_at_their_edges(age, band):
    assert pl.age_band(age) == band


def test_the_age_counts_the_birthday():
    assert pl._age(D(2003, 4, 2), None, D(2020, 4, 1)) == 16
    assert pl._age(D(2003, 4, 1), None, D(2020, 4, 1)) == 17
    assert pl._age(None, 30, D(2020, 4, 1)) == 30


def person(**kwargs):
    base = {"year": 2020, "sex": "female", "age": 25, "nationality": "GT", "status": "identified",
            "identified_by": "police", "forms": (), "closed": False, "in_care": False}  # fmt: skip
    return pl.Person(**(base | kwargs))


def test_k_anonymity_generalises_then_suppresses_and_says_how_many():
    people = [person() for _ in range(5)] + [person(age=40) for _ in range(5)] + [person(nationality="CN")]
    result = pl.anonymise(people, k=5)
    assert result.steps == []  # the lone Chinese victim is left out, less than k records
    assert (result.records, result.suppressed, len(result.rows)) == (11, 1, 10)
    result = pl.anonymise(people, k=6)
    assert result.steps == ["age: minor or adult"]
    assert (result.suppressed, len(result.rows)) == (1, 10)
    classes = Counter(tuple(r[:5]) for r in result.rows)
    assert min(classes.values()) >= 6
    assert {r[2] for r in result.rows} == {""} and {r[3] for r in result.rows} == {"Adult"}


def test_the_demo_data_is_k_anonymous(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    for k in (pl.DEFAULT_K, 3):
        result = pl.anonymise(pl.persons(), k)
        classes = Counter(tuple(row[:5]) for row in result.rows)
        assert classes and min(classes.values()) >= k
        assert len(result.rows) + result.suppressed == result.records == len(pl.persons())


# --- The page and the downloads --------------------------------------------------------------


def test_the_page_says_what_is_kept_and_left_out(client, login):
    few_victims()
    login(Role.SECRETARY)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["summary"] == {"records": 3, "kept": 0, "suppressed": 3}
    assert "<strong>3 left out</strong>" in response.content.decode()
    assert client.get(PAGE, {"k": "1"}).context["k"] == pl.DEFAULT_K  # refused: the default


def test_downloads_are_audited_with_what_was_left_out(client, login):
    few_victims()
    login(Role.SECRETARY)
    client.get(file_url("ctdc"))
    htcds_archive(client, agreement="DSA-2026-03")
    details = list(
        AuditEvent.objects.filter(action="export", object_type="person_level").values_list(
            "detail", flat=True
        )
    )
    assert (
        len(details) == 3
        and "archive downloaded" in details
        and "ctdc k=11, 0 records, 3 suppressed" in details
    )
    assert any(
        d.startswith("htcds 2.0, 3 records in 3 rows, agreement DSA-2026-03, AES-256 zip sha256 ")
        for d in details
    )


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_have_them(client, login, role):
    login(role)
    assert client.get(PAGE).status_code == 403
    assert client.get(file_url("ctdc")).status_code == 403
    assert client.post(ARCHIVE, {"agreement": "DSA-1"}).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_administrator_is_not_told_they_exist(client, login):
    login(Role.ADMINISTRATOR)
    assert client.get(PAGE).status_code == 404
    assert client.get(file_url("ctdc")).status_code == 404


def test_login_and_get_are_required(client, login):
    assert client.get(file_url("ctdc")).status_code == 302
    login(Role.SECRETARY)
    assert client.post(file_url("ctdc")).status_code == 405
    assert client.get(ARCHIVE).status_code == 405
    assert client.get(file_url("htcds")).status_code == 404  # no longer a plain download
    assert client.post(PAGE).status_code == 405
    assert client.get(file_url("xlsx")).status_code == 404


@pytest.mark.parametrize("rows", [3, 30])
def test_the_query_count_does_not_grow(client, login, django_assert_num_queries, rows):
    login(Role.SECRETARY)
    for i in range(rows):
        VictimFactory(nationality=["GT", "SV"][i % 2]).exploitation_forms.set(["sexual"])
    # Expect 14: session, user, groups; the victims; their HTCDS facts; their forms; the audit row
    # appended to the chain (lock the head, insert, move the head); the session saved; 4 savepoints.
    with django_assert_num_queries(14):
        assert client.get(file_url("ctdc")).status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_the_page_query_count_does_not_grow(client, login, django_assert_num_queries, rows):
    login(Role.SECRETARY)
    for i in range(rows):
        VictimFactory(nationality=["GT", "SV"][i % 2]).exploitation_forms.set(["sexual"])
    # Expect 11: session, user, groups; the victims; their HTCDS facts; their forms; the session
    # saved; 4 savepoints (ATOMIC_REQUESTS).
    with django_assert_num_queries(11):
        assert client.get(PAGE).status_code == 200
