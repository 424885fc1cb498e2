"""Issue 11.4: the factsheet (and the files' headings) in English or Spanish, chosen on the
statistics page; a published edition keeps the language it was made in."""

import datetime
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import formats, timezone, translation

from atip.models import AuditEvent
from atip.roles import Role
from reports import exports
from reports.editions import edition_publish
from tests.factories import RepatriationFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def repatriated():
    victim = VictimFactory(
        status="identified", identification_date=D(2020, 1, 5), registered_on=D(2020, 1, 1), nationality="MX"
    )
    RepatriationFactory(
        victim=victim, destination_country="MX", status="completed", return_date=D(2020, 6, 1)
    )


def url(fmt, year=2020):
    return reverse("reports:export", args=[year, fmt])


def test_the_factsheet_renders_in_spanish(repatriated):
    export = exports.render(2020, "html", public=True, threshold=0, language="es")
    assert export.filename == "factsheet-2020-es.html"
    assert "México" in export.body and ">Belice</text>" in export.body  # the list and the map
    with translation.override("es"):
        made_on = formats.date_format(timezone.localdate(), "j \\d\\e F \\d\\e Y")
    assert made_on in export.body and " de " in made_on  # "5 de diciembre de 2026" (issue 21.12)


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")
def test_the_pdf_is_in_spanish_to_its_footer(repatriated, tmp_path):
    pdf = tmp_path / "f.pdf"
    pdf.write_bytes(exports.render(2020, "pdf", public=True, threshold=0, language="es").body)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert text.count("\f") == 2  # two pages
    words = " ".join(text.split())
    assert "Acciones contra la trata de personas · Belice" in words and "1/2" in words.replace(" ", "")
    assert "Actions against" not in words and "Page" not in words


def test_the_factsheet_says_its_language():
    assert 'lang="es"' in exports.render(2020, "html", public=True, language="es").body
    assert 'lang="en"' in exports.render(2020, "html", public=True, language="en").body


def test_the_active_language_is_the_default(repatriated):
    with translation.override("es"):
        export = exports.render(2020, "html", public=True, threshold=0)
    assert "México" in export.body and export.filename == "factsheet-2020.html"
    assert "Mexico" in exports.render(2020, "html", public=True, threshold=0).body


def test_the_csv_and_xlsx_rows_follow_the_language(repatriated):
    body = exports.render(2020, "csv", public=False, language="es").body
    assert "México (MX)" in body
    assert body.splitlines()[0].endswith("año,edición,sección,tabla,fila,columna,valor")  # for people
    xlsx = exports.render(2020, "xlsx", public=False, language="es")
    assert xlsx.filename == "annual-report-2020-internal-es.xlsx"


def test_a_language_the_factsheet_is_not_made_in_is_refused():
    with pytest.raises(ValueError):
        exports.render(2020, "html", public=True, language="fr")


def test_the_page_offers_the_factsheet_in_each_language(client, login):
    login(Role.SECRETARY)
    body = client.get(reverse("reports:annual"), {"year": 2020}).content.decode()
    for fmt in ("pdf", "html"):
        for language in ("en", "es"):
            assert f'href="{url(fmt)}?language={language}"' in body


def test_a_download_in_spanish_is_audited_with_its_language(client, login, repatriated):
    login(Role.SECRETARY)
    response = client.get(url("html"), {"language": "es"})
    assert response.status_code == 200 and "México" in response.content.decode()
    event = AuditEvent.objects.get(action="export")
    assert event.path == f"{url('html')}?language=es"


def test_a_language_the_factsheet_is_not_made_in_is_404(client, login):
    login(Role.SECRETARY)
    assert client.get(url("html"), {"language": "fr"}).status_code == 404
    assert client.get(url("html"), {"language": "<script>"}).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_a_published_edition_keeps_the_language_it_was_made_in():
    secretary = UserFactory(role=Role.SECRETARY)
    with translation.override("es"):
        spanish = edition_publish(year=2020, threshold=5, reason="", by=secretary)
    english = edition_publish(year=2020, threshold=5, reason="Corrected", by=secretary, language="en")
    spanish.refresh_from_db()
    assert (spanish.language, english.language) == ("es", "en")


def test_the_command_writes_the_files_in_a_language(repatriated, tmp_path):
    path = tmp_path / "2020.csv"
    options = ["--year", "2020", "--format", "csv", "--language", "es", "--output", str(path)]
    call_command("annual_report", *options)
    assert "México (MX)" in path.read_text(encoding="utf-8-sig")
