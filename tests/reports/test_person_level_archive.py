"""The pseudonymous HTCDS file leaves only as an AES-256 zip under a data-sharing agreement, with
a password shown once (issue 22.3; spec/roles.md)."""

import io

import pytest
import pyzipper
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import VictimFactory
from tests.reports.archive import ARCHIVE, htcds_archive

pytestmark = pytest.mark.django_db


def test_the_archive_opens_only_with_the_password_shown(client, login):
    VictimFactory(given_name="Secretname")
    login(Role.SECRETARY)
    page, text = htcds_archive(client)
    password = page.context["archive"].password
    assert password in page.content.decode() and "DSA-2026-03" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert text.startswith("prs_Id,cas_Id,prs_Gender,") and "Secretname" not in text
    assert len(password) == 29  # 5 groups of 5, about 145 bits


def test_the_file_is_encrypted_with_aes(client, login):
    VictimFactory()
    login(Role.SECRETARY)
    archive = client.post(ARCHIVE, {"agreement": "DSA-2026-03"}).context["archive"]
    content = client.get(reverse("reports:person_level_archive_file", args=[archive.token])).content
    with pyzipper.AESZipFile(io.BytesIO(content)) as opened:
        info = opened.getinfo("htcds-victims.csv")
        assert info.flag_bits & 0x1  # encrypted
        opened.setpassword(b"wrong password")
        with pytest.raises(RuntimeError):
            opened.read("htcds-victims.csv")
    assert b"prs_Gender" not in content
    assert b"\x01\x99\x07\x00\x02\x00AE\x03" in content  # WinZip AES extra field: AE-2, AES-256


def test_it_downloads_once(client, login):
    login(Role.SECRETARY)
    archive = client.post(ARCHIVE, {"agreement": "DSA-2026-03"}).context["archive"]
    url = reverse("reports:person_level_archive_file", args=[archive.token])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 404
    assert client.get(reverse("reports:person_level_archive_file", args=["guessed"])).status_code == 404


@pytest.mark.parametrize("agreement", ["", "  ", "x", "<script>alert(1)</script>", "a" * 65])
def test_without_a_valid_agreement_nothing_leaves(client, login, agreement):
    login(Role.SECRETARY)
    response = client.post(ARCHIVE, {"agreement": agreement})
    assert response.status_code == 200
    assert response.context["agreement_form"].errors["agreement"]
    assert "<script>alert(1)" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_export_is_audited_with_the_agreement_and_the_archive_s_hash(client, login):
    login(Role.SECRETARY)
    page, _ = htcds_archive(client, agreement="MOU IOM/2026.1")
    archive = page.context["archive"]
    event = AuditEvent.objects.get(action="export", detail__contains="agreement")
    assert (
        event.detail
        == f"htcds 2.0, 0 records in 0 rows, agreement MOU IOM/2026.1, AES-256 zip sha256 {archive.sha256}"
    )
    assert archive.password not in "".join(AuditEvent.objects.values_list("detail", flat=True))


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR])
def test_other_roles_may_not(client, login, role):
    login(role)
    assert client.post(ARCHIVE, {"agreement": "DSA-2026-03"}).status_code == 403


def test_the_administrator_is_not_told_it_exists(client, login):
    login(Role.ADMINISTRATOR)
    assert client.post(ARCHIVE, {"agreement": "DSA-2026-03"}).status_code == 404
