"""Documents (issue 20.3): kept encrypted, recognised by their content, photos without their
location, served only through a view that checks access, audited, not cached, as attachments."""

import io
import zipfile

import pytest
from django.urls import reverse
from PIL import Image

from atip.models import AuditEvent
from atip.roles import Role
from casework import documents as stored
from casework import sample_files
from casework.models import Document
from tests.casework import factories as make
from tests.factories import CaseFactory, ProsecutionFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db
SW, PO, PR, SE, AD = Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR
SIGNATURES = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04")


@pytest.fixture
def rosa(today):
    victim = VictimFactory(given_name="Rosa", family_name="Castillo")
    ProsecutionFactory(case=CaseFactory(victims=[victim]))
    return victim


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    file = io.BytesIO(content)
    file.name = name
    return file


def add(client, victim, content, name="file.bin", **fields):
    data = {"kind": "medical_report", "description": "Check-up", "file": upload(name, content), **fields}
    return client.post(reverse("casework:document_create", args=[victim.pk]), data)


def docx(*, macros: bool = False) -> bytes:
    out = io.BytesIO()
    main = (
        "ms-word.document.macroEnabled.main"
        if macros
        else "openxmlformats-officedocument.wordprocessingml.document.main"
    )
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "[Content_Types].xml", f'<Types><Override ContentType="application/vnd.{main}+xml"/></Types>'
        )
        archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\0")
    return out.getvalue()


def files_under(folder):
    return [path for path in folder.rglob("*") if path.is_file()]


def test_a_document_is_kept_encrypted_and_downloaded_as_it_was(client, login, rosa, documents_folder):
    maria = login(username="maria.sw")
    content = sample_files.pdf("Medical report", "Rosa Castillo")
    response = add(client, rosa, content, name="rosa-castillo-report.pdf")
    assert response.status_code == 302 and response.url == f"{rosa.get_absolute_url()}#documents"
    document = Document.objects.get()
    assert (document.file_type, document.size, document.created_by) == ("pdf", len(content), maria)
    [path] = files_under(documents_folder)
    on_disk = path.read_bytes()
    assert on_disk.startswith(stored.MAGIC) and b"Rosa" not in on_disk and b"%PDF" not in on_disk
    assert "rosa" not in str(path).lower() and "report" not in str(path)  # a random name

    response = client.get(reverse("casework:document_download", args=[document.pk]))
    assert response.status_code == 200 and response.content == content
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{rosa.reference}-medical_report-{document.pk}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    row = AuditEvent.objects.get(action="export", user=maria)
    assert (row.object_type, row.object_id, row.object_ref) == ("document", str(document.pk), rosa.reference)
    assert row.detail == f"document {document.pk} downloaded (medical_report, victim {rosa.pk})"


def test_no_stored_file_starts_with_a_signature(client, login, rosa, documents_folder):
    login()
    for name, content in (
        ("a.pdf", sample_files.pdf("x")),
        ("a.png", sample_files.png("x")),
        ("a.jpg", sample_files.photo("x")),
        ("a.docx", docx()),
    ):
        assert add(client, rosa, content, name=name).status_code == 302, name
    assert set(Document.objects.values_list("file_type", flat=True)) == {"pdf", "png", "jpeg", "docx"}
    files = files_under(documents_folder)
    assert len(files) == 4
    for path in files:
        assert not path.read_bytes().startswith(SIGNATURES), path


def test_a_photo_loses_its_location_and_camera_but_not_its_pixels_or_orientation(client, login, rosa):
    login()
    photo = sample_files.photo("Signed consent", orientation=6)
    assert add(client, rosa, photo, name="IMG_0001.jpg", kind="photo").status_code == 302
    kept = client.get(reverse("casework:document_download", args=[Document.objects.get().pk])).content
    assert b"PhoneMaker" not in kept
    image, original = Image.open(io.BytesIO(kept)), Image.open(io.BytesIO(photo))
    assert original.getexif().get_ifd(0x8825)  # the original says where it was taken
    assert not image.getexif().get_ifd(0x8825) and dict(image.getexif()) == {0x0112: 6}
    assert image.tobytes() == original.tobytes()  # the same image, not re-encoded


def test_a_png_keeps_only_what_draws_it(client, login, rosa):
    login()
    image, out = Image.open(io.BytesIO(sample_files.png("x"))), io.BytesIO()
    info = __import__("PIL.PngImagePlugin", fromlist=["PngInfo"]).PngInfo()
    info.add_text("Comment", "Taken at 17.49N 88.19W")
    image.save(out, "PNG", pnginfo=info)
    assert add(client, rosa, out.getvalue() + b"trailing bytes", name="x.png").status_code == 302
    kept = client.get(reverse("casework:document_download", args=[Document.objects.get().pk])).content
    assert b"17.49N" not in kept and kept.endswith(b"IEND\xaeB`\x82")


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "report.pdf",
            b"GIF89a" + b"\0" * 50,
            "is not a PDF, a JPEG or PNG image, or a Word (DOCX) document",
        ),
        (
            "setup.pdf",
            b"MZ\x90\0" + b"\0" * 50,
            "is not a PDF, a JPEG or PNG image, or a Word (DOCX) document",
        ),
        ("page.png", b"<html><script>alert(1)</script></html>", "is not a PDF"),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 60, "This image is damaged"),
        ("scan.pdf", b"%PDF-1.4\n1 0 obj\n", "This PDF is incomplete or damaged"),
        ("letter.docx", docx(macros=True), "contains macros"),
        ("empty.pdf", b"", "The submitted file is empty."),
    ],
)
def test_what_is_not_allowed_is_refused_next_to_the_field(
    client, login, rosa, documents_folder, name, content, message
):
    login()
    response = add(client, rosa, content, name=name)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert 'href="#id_file"' in response.content.decode()  # the summary links to the field
    assert not Document.objects.exists() and files_under(documents_folder) == []


def test_a_file_past_the_limit_is_refused_with_its_size(client, login, rosa, settings, documents_folder):
    settings.DOCUMENT_MAX_BYTES = 2000
    login()
    response = add(client, rosa, sample_files.pdf("x") + b"%" * 5000, name="big.pdf")
    [error] = response.context["form"].errors["file"]
    assert error == "This file is 5.4\xa0KB: the largest a document may be is 2.0\xa0KB."
    assert not Document.objects.exists() and files_under(documents_folder) == []


def test_uploads_are_kept_in_memory_and_bounded(settings):
    from atip.uploads import BoundedMemoryUploadHandler

    settings.DOCUMENT_MAX_BYTES = 10
    handler = BoundedMemoryUploadHandler()
    handler.new_file("file", "a.pdf", "application/pdf", 30)
    for start in (0, 8, 16):
        handler.receive_data_chunk(b"x" * 8, start)
    result = handler.file_complete(24)
    assert result.too_large and result.size == 24 and result.read() == b""
    assert settings.FILE_UPLOAD_HANDLERS == [
        "atip.uploads.BoundedMemoryUploadHandler"
    ]  # never a temporary file


@pytest.mark.parametrize("role", [PO, PR, SE, AD])
def test_another_roles_account_gets_404(client, login, rosa, role):
    document = make.document(rosa)
    login(role)
    for name in ("casework:document_download", "casework:document_share", "casework:document_archive"):
        response = client.get(reverse(name, args=[document.pk]))
        assert response.status_code == 404, name
    assert client.get(reverse("casework:document_create", args=[rosa.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()
    assert AuditEvent.objects.filter(action="denied", object_type="casework:document_download").exists()


def test_ids_of_other_records_find_nothing(client, login, rosa):
    login()
    assert client.get(reverse("casework:document_download", args=[987654])).status_code == 404
    assert client.get(reverse("casework:document_download", args=["0"])).status_code == 404


def test_a_document_attached_to_a_restricted_note_goes_with_the_note(client, login, rosa):
    author = UserFactory()
    note = make.note(rosa, by=author, restricted=True)
    document = make.document(rosa, by=author, note=note)
    login()  # another social worker
    assert client.get(reverse("casework:document_download", args=[document.pk])).status_code == 404
    assert f"document-{document.pk}" not in client.get(rosa.get_absolute_url()).content.decode()
    client.force_login(author)
    assert client.get(reverse("casework:document_download", args=[document.pk])).status_code == 200


def test_attaching_the_signed_form_to_a_consent(client, login, rosa):
    login()
    consent = make.consent(rosa, purpose="services", agency="")
    page = client.get(rosa.get_absolute_url()).content.decode()
    link = f"{reverse('casework:document_create', args=[rosa.pk])}?to=consent-{consent.pk}"
    assert link in page and "Attach the signed form" in page
    form = client.get(link).context["form"]
    assert (form["attached_to"].value(), form["kind"].value()) == (f"consent-{consent.pk}", "consent_form")
    add(
        client,
        rosa,
        sample_files.photo("Signed"),
        name="form.jpg",
        kind="consent_form",
        attached_to=f"consent-{consent.pk}",
    )
    document = Document.objects.get()
    assert document.consent == consent and document.attached_to == consent
    page = client.get(rosa.get_absolute_url()).content.decode()
    assert reverse("casework:document_download", args=[document.pk]) in page.split('id="assessment"')[0]


def test_another_persons_record_cannot_be_attached(client, login, rosa):
    login()
    theirs = make.consent(VictimFactory(), purpose="services", agency="")
    response = add(client, rosa, sample_files.pdf("x"), attached_to=f"consent-{theirs.pk}", consent=theirs.pk)
    assert "attached_to" in response.context["form"].errors
    assert not Document.objects.exists()


def test_posted_fields_it_does_not_take_are_ignored(client, login, rosa):
    login()
    add(
        client,
        rosa,
        sample_files.pdf("x"),
        sha256="0" * 64,
        key_id="x",
        storage_name="../../etc/passwd",
        size=1,
    )
    document = Document.objects.get()
    assert document.storage_name != "../../etc/passwd" and document.size > 1 and document.sha256 != "0" * 64


def test_script_in_a_description_is_shown_as_text(client, login, rosa):
    login()
    add(client, rosa, sample_files.pdf("x"), description="<script>alert(1)</script>")
    body = client.get(rosa.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_archiving_keeps_it_and_ends_its_shares(client, login, rosa):
    maria = login()
    document = make.document(rosa)
    case = rosa.case_links.get().case
    client.post(
        reverse("casework:document_share", args=[document.pk]), {"case": case.pk, "reason": "Evidence."}
    )
    url = reverse("casework:document_archive", args=[document.pk])
    assert "reason" in client.post(url, {"version": 1, "reason": ""}).context["form"].errors
    client.post(url, {"version": 1, "reason": "Uploaded twice."})
    document.refresh_from_db()
    assert (document.is_archived, document.archived_by, document.archive_reason) == (
        True,
        maria,
        "Uploaded twice.",
    )
    assert not document.shares.filter(unshared_at__isnull=True).exists()
    assert AuditEvent.objects.filter(
        action="archive", object_type="document", object_id=str(document.pk)
    ).exists()
    assert client.get(reverse("casework:document_download", args=[document.pk])).status_code == 200
    assert "Uploaded twice." in client.get(rosa.get_absolute_url()).content.decode()
    assert Document.history.filter(id=document.pk).count() == 2  # the archiving is a version


def test_the_documents_storage_has_no_url(settings):
    from django.urls import Resolver404, resolve

    location = settings.STORAGES["documents"]["OPTIONS"]["location"]
    for static in (settings.STATIC_ROOT, *settings.STATICFILES_DIRS):
        assert not str(location).startswith(str(static))
    assert not settings.MEDIA_ROOT  # nothing is served from a media folder
    for path in ("/documents/ab/abcdef", "/media/ab/abcdef", "/static/ab/abcdef"):
        with pytest.raises(Resolver404):
            resolve(path)


def test_the_victim_page_lists_documents_in_a_fixed_number_of_queries(client, login, rosa):
    from tests.test_query_counts import queries_with

    login()
    case = rosa.case_links.get().case

    def build(n):
        from casework.document_services import document_share

        for i in range(n):
            consent = make.consent(rosa, by=UserFactory(), agency="ngo", agency_name=f"NGO {i}")
            document = make.document(rosa, by=UserFactory(), consent=consent)
            document_share(document=document, case=case, by=UserFactory(), reason="x")
            make.document(rosa, by=UserFactory(), note=make.note(rosa, by=UserFactory()))
        return rosa.get_absolute_url()

    assert queries_with(client, build, 2) == queries_with(client, build, 8)


def test_archiving_from_a_page_read_before_another_save_is_refused(client, login, rosa):
    login()
    document = make.document(rosa)
    url = reverse("casework:document_archive", args=[document.pk])
    client.post(url, {"version": 1, "reason": "Uploaded twice."})
    again = client.post(url, {"version": 1, "reason": "Wrong person."})
    assert "This document is already archived." in again.content.decode()
    document.refresh_from_db()
    assert document.archive_reason == "Uploaded twice."
