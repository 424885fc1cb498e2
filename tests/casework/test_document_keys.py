"""The documents' key and the stored bytes: check_documents finds a changed byte, a missing
file or a key not configured; rotate_document_key re-encrypts every document under the new key,
all or nothing; production never stores or reads a document without a key of its own."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.urls import reverse

from atip.models import AuditEvent
from casework import documents, sample_files
from casework.document_keys import stored_names
from casework.models import Document
from tests.casework import factories as make
from tests.factories import VictimFactory

pytestmark = pytest.mark.django_db


def check() -> str:
    out = io.StringIO()
    call_command("check_documents", stdout=out, stderr=out)
    return out.getvalue()


def flip_one_byte(document, folder, at=-5):
    path = folder / document.storage_name
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.fixture
def kept(today):
    victim = VictimFactory()
    return [make.document(victim), make.document(victim, kind="photo", content=sample_files.png("x"))]


def test_check_documents_passes_then_names_the_changed_one(kept, documents_folder):
    assert "All 2 documents decrypt and match their SHA-256." in check()
    flip_one_byte(kept[1], documents_folder)
    with pytest.raises(CommandError, match="1 of 2 documents failed the check") as failed:
        out = io.StringIO()
        call_command("check_documents", stdout=out, stderr=out)
    assert failed.value.returncode == 1  # manage.py exits with it
    assert f"document {kept[1].pk} (photo, victim {kept[1].victim.reference}" in out.getvalue()
    assert "changed or damaged" in out.getvalue() and f"document {kept[0].pk} " not in out.getvalue()


def test_check_documents_names_a_missing_file_and_a_changed_hash(kept, documents_folder):
    (documents_folder / kept[0].storage_name).unlink()
    Document.objects.filter(pk=kept[1].pk).update(sha256="0" * 64)
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 of 2"):
        call_command("check_documents", stdout=out, stderr=out)
    assert "cannot be read (FileNotFoundError)" in out.getvalue()
    assert f"document {kept[1].pk} " in out.getvalue()  # the bytes do not decrypt with that hash


def test_a_stray_file_is_a_warning(kept, documents_folder):
    (documents_folder / "zz").mkdir()
    (documents_folder / "zz" / "stray").write_bytes(b"x")
    assert "zz/stray is in the documents' storage, but no document names it" in check()


def test_a_changed_document_is_not_served(client, login, kept, documents_folder):
    user = login()
    flip_one_byte(kept[0], documents_folder, at=len(documents.MAGIC) + 2)  # in the nonce
    response = client.get(reverse("casework:document_download", args=[kept[0].pk]))
    assert response.status_code == 500 and b"%PDF" not in response.content
    assert "This document cannot be read" in response.content.decode()
    assert AuditEvent.objects.filter(action="error", user=user, object_id=str(kept[0].pk)).exists()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_rotation_re_encrypts_every_document_under_the_new_key(kept, documents_folder, settings):
    old_key, old_names = settings.DOCUMENT_KEY, {d.pk: d.storage_name for d in kept}
    contents = {d.pk: documents.load(d) for d in kept}
    settings.DOCUMENT_KEY, settings.DOCUMENT_OLD_KEYS = documents.new_key(), [old_key]
    make.document(kept[0].victim)  # added after the switch: already under the new key
    out = io.StringIO()
    call_command("rotate_document_key", stdout=out)
    assert "2 documents re-encrypted" in out.getvalue()
    new_id = documents.key_id(documents.parse_key(settings.DOCUMENT_KEY))
    assert set(Document.objects.values_list("key_id", flat=True)) == {new_id}
    assert len(stored_names()) == 3 and not set(old_names.values()) & set(stored_names())  # old files gone
    settings.DOCUMENT_OLD_KEYS = []
    for document in Document.objects.filter(pk__in=contents):
        assert documents.load(document) == contents[document.pk]
    assert "All 3 documents" in check()
    assert AuditEvent.objects.filter(
        action="change", object_type="document", detail__contains="rotated"
    ).exists()


def test_rotation_is_all_or_nothing(kept, documents_folder, settings):
    old_key = settings.DOCUMENT_KEY
    settings.DOCUMENT_KEY, settings.DOCUMENT_OLD_KEYS = documents.new_key(), [old_key]
    flip_one_byte(kept[1], documents_folder)
    before = {(d.pk, d.storage_name, d.key_id) for d in Document.objects.all()}
    files = sorted(stored_names())
    with pytest.raises(CommandError, match=f"Nothing was changed: document {kept[1].pk} "):
        call_command("rotate_document_key", stdout=io.StringIO())
    assert {(d.pk, d.storage_name, d.key_id) for d in Document.objects.all()} == before
    assert sorted(stored_names()) == files  # the new files written before the failure are removed


def test_without_the_old_key_nothing_reads(kept, settings):
    settings.DOCUMENT_KEY = documents.new_key()  # the old key lost
    with pytest.raises(documents.DocumentUnreadable, match="not configured"):
        documents.load(kept[0])
    with pytest.raises(CommandError):
        call_command("rotate_document_key", stdout=io.StringIO())


def test_generate_prints_a_key_it_takes(capsys):
    out = io.StringIO()
    call_command("rotate_document_key", "--generate", stdout=out)
    assert len(documents.parse_key(out.getvalue())) == 32


@pytest.mark.parametrize("key", ["", "not base64!", "c2hvcnQ="])
def test_production_refuses_without_a_valid_key_of_its_own(settings, key):
    settings.DEBUG, settings.DOCUMENT_KEY = False, key
    with pytest.raises(ImproperlyConfigured):
        documents.current_key()
    assert [e.id for e in documents.check_key_set()] == ["casework.E002"]
    assert [e.id for e in documents.check_keys_parse()] == ([] if key == "" else ["casework.E001"])


def test_production_refuses_the_development_key(settings):
    settings.DEBUG, settings.DOCUMENT_KEY = False, documents.DEVELOPMENT_KEY
    with pytest.raises(ImproperlyConfigured, match="public development key"):
        documents.current_key()


def test_development_has_a_key_without_setup(settings):
    settings.DEBUG, settings.DOCUMENT_KEY = True, ""
    assert documents.current_key() == documents.parse_key(documents.DEVELOPMENT_KEY)


def test_check_documents_passes_on_the_demo_data_and_fails_after_one_byte_changed(settings, documents_folder):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    count = Document.objects.count()
    assert count >= 5 and f"All {count} documents decrypt" in check()
    assert all(
        not p.read_bytes().startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff"))
        for p in documents_folder.rglob("*.*")
        if p.is_file()
    )
    document = Document.objects.filter(file_type="jpeg").first()  # the photographed consent form
    flip_one_byte(document, documents_folder, at=len(documents.MAGIC) + 40)
    with pytest.raises(CommandError, match=f"1 of {count} documents failed"):
        call_command("check_documents", stdout=io.StringIO(), stderr=io.StringIO())
