"""The factsheet a council would publish (issue 21.13): the secretary writes the year in brief, the
definition of trafficking under the Act, the prevention summary and the contact block, as a
versioned and audited draft; the factsheet shows them, escaped; publishing freezes them with the
edition; every text has a limit at which a full year still fits two A4 pages, and page 2 of a
year of small numbers is not half empty."""

import datetime
import json
import re
import shutil
import subprocess

import pytest
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from atip.models import AuditEvent
from atip.roles import Role
from reports import exports, factsheet
from reports.editions import edition_publish
from reports.factsheet_texts import draft_of, draft_save
from reports.figures import compute_figures
from reports.models import TEXT_LIMITS, Edition, FactsheetDraft
from reports.sections import build
from tests.factories import ActivityFactory, UserFactory, VictimFactory
from tests.reports.test_factsheet import full_year

pytestmark = pytest.mark.django_db
D = datetime.date
TEXTS = {
    "narrative": "In 2020 the Council opened a second shelter and trained every border post.",
    "definition": "Trafficking in persons means the recruitment of a person for exploitation.",
    "prevention_summary": "Campaigns reached every district, in English, Spanish and Q'eqchi'.",
    "contact_address": "ATIPs Council\nWest Block, Belmopan",
    "contact_email": "atips@example.org",
    "contact_phone": "+501 822-0000",
}
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


def page(year=2020, language="en"):
    return reverse("reports:factsheet_texts", args=[year, language])


def html(year=2020, threshold=5):
    return factsheet.to_html(build(compute_figures(year), public=True, threshold=threshold))


def pdf_text(body: bytes, tmp_path, *pages) -> str:
    path = tmp_path / "f.pdf"
    path.write_bytes(body)
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run(
        ["pdftotext", "-layout", *first_last, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


# --- Writing them ---------------------------------------------------------------------------


def test_the_secretary_writes_the_texts_and_the_factsheet_shows_them(client, login):
    secretary = login(Role.SECRETARY)
    response = client.post(page(), TEXTS)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('reports:annual')}?year=2020#editions"
    draft = FactsheetDraft.objects.get(year=2020, language="en")
    assert {field: getattr(draft, field) for field in TEXTS} == TEXTS
    assert (draft.version, draft.created_by) == (1, secretary)
    event = AuditEvent.objects.get(object_type="factsheetdraft")
    assert (event.action, event.object_ref, event.user) == ("create", "2020-en", secretary)
    assert event.detail.startswith("factsheet texts 2020 en: narrative, definition")
    body = client.get(reverse("reports:export", args=[2020, "html"])).content.decode()
    for text in (TEXTS["narrative"], TEXTS["definition"], TEXTS["prevention_summary"], "atips@example.org"):
        assert text.replace("'", "&#x27;") in body
    assert "ATIPs Council<br>West Block, Belmopan" in body and "+501 822-0000" in body


def test_a_change_is_a_new_version_and_a_stale_one_is_refused(client, login):
    login(Role.SECRETARY)
    client.post(page(), TEXTS)
    client.post(page(), {**TEXTS, "narrative": "A second try.", "version": 1})
    draft = FactsheetDraft.objects.get()
    assert (draft.narrative, draft.version, draft.history.count()) == ("A second try.", 2, 2)
    body = client.post(page(), {**TEXTS, "narrative": "Lost.", "version": 1}).content.decode()
    assert "Someone else saved this record" in body
    assert FactsheetDraft.objects.get().narrative == "A second try."
    body = client.get(page()).content.decode()
    assert "Previous versions" in body and "the year in brief:" in body  # what changed, version by version
    assert AuditEvent.objects.filter(object_type="factsheetdraft", action="change").count() == 1


def test_the_spanish_factsheet_has_texts_of_its_own(client, login):
    login(Role.SECRETARY)
    client.post(page(language="es"), {**TEXTS, "narrative": "En 2020 el Consejo abrió un albergue."})
    spanish = client.get(reverse("reports:export", args=[2020, "html"]), {"language": "es"}).content.decode()
    english = client.get(reverse("reports:export", args=[2020, "html"]), {"language": "en"}).content.decode()
    assert "En 2020 el Consejo abrió un albergue." in spanish and "abrió" not in english
    assert 'lang="es"' in client.get(page(language="es")).content.decode()  # the fields' language


@pytest.mark.parametrize(
    "role, status",
    [(Role.SOCIAL_WORKER, 403), (Role.POLICE, 403), (Role.PROSECUTOR, 403), (Role.ADMINISTRATOR, 404)],
)
def test_no_one_else_writes_them(client, login, role, status):
    login(role)
    assert client.get(page()).status_code == status
    assert client.post(page(), TEXTS).status_code == status
    assert not FactsheetDraft.objects.exists()


@pytest.mark.parametrize("year, language", [(2020, "fr"), (1999, "en"), (3000, "en")])
def test_a_language_or_year_without_a_factsheet_is_404(client, login, year, language):
    login(Role.SECRETARY)
    assert client.get(page(year, language)).status_code == 404


def test_the_statistics_page_leads_the_secretary_there(client, login):
    login(Role.SECRETARY)
    body = client.get(reverse("reports:annual"), {"year": 2020}).content.decode()
    assert f'href="{page()}"' in body and f'href="{page(language="es")}"' in body
    texts = client.get(page()).content.decode()  # a page of the statistics, in the navigation
    assert f'href="{reverse("reports:annual")}" aria-current="page"' in texts
    assert f'href="{reverse("reports:performance")}" aria-current' not in texts
    login(Role.SOCIAL_WORKER)
    assert f'href="{page()}"' not in client.get(reverse("reports:annual"), {"year": 2020}).content.decode()


# --- Defaults -------------------------------------------------------------------------------


def test_the_defaults_name_the_act_and_the_council_in_english_and_spanish(settings):
    settings.FACTSHEET_CONTACT_EMAIL, settings.FACTSHEET_CONTACT_PHONE = "council@example.org", "822-0000"
    english, spanish = draft_of(2020, "en"), draft_of(2020, "es")
    assert english.pk is None and english.narrative == "" and english.prevention_summary == ""
    assert "Trafficking in Persons (Prohibition) Act 2013" in english.definition
    assert "Ley de Trata de Personas (Prohibición) de 2013" in spanish.definition
    assert english.contact_address.startswith("Anti-Trafficking in Persons (ATIPs) Council\n")
    assert spanish.contact_address.startswith("Consejo contra la Trata de Personas (ATIPs)\n")
    assert "Belmopán, Belice" in spanish.contact_address
    assert (english.contact_email, spanish.contact_phone) == ("council@example.org", "822-0000")
    body = html()  # the factsheet before anyone wrote a word
    assert "Trafficking in Persons (Prohibition) Act 2013" in body and "council@example.org" in body


def test_the_definition_and_contact_carry_over_to_the_next_year_and_the_rest_does_not():
    by = UserFactory(role=Role.SECRETARY)
    draft_save(year=2019, language="en", by=by, data=TEXTS, expected_version=None)
    carried = draft_of(2020, "en")
    assert carried.pk is None
    assert (carried.definition, carried.contact_email) == (TEXTS["definition"], TEXTS["contact_email"])
    assert carried.narrative == "" and carried.prevention_summary == ""
    assert "Ley de Trata de Personas" in draft_of(2020, "es").definition  # another language: the defaults


# --- What is refused --------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["narrative", "definition", "prevention_summary", "contact_address"])
def test_a_text_past_its_limit_is_refused_next_to_it(client, login, field):
    login(Role.SECRETARY)
    response = client.post(page(), {**TEXTS, field: "a" * (TEXT_LIMITS[field] + 1)})
    assert response.status_code == 200
    assert f"at most {TEXT_LIMITS[field]} characters" in response.context["form"].errors[field][0]
    assert f'maxlength="{TEXT_LIMITS[field]}"' in response.content.decode()
    assert not FactsheetDraft.objects.exists()


def test_a_line_break_counts_once_as_the_browser_counts_it(client, login):
    login(Role.SECRETARY)
    lines = ["a" * 98] * 5  # 490 characters and 4 line breaks: 494 with LF, 498 with CR LF
    text = "\r\n".join(lines) + "\r\n" + "b" * 4  # 500 as the browser counts, 505 as sent
    assert client.post(page(), {**TEXTS, "narrative": text}).status_code == 302
    assert FactsheetDraft.objects.get().narrative == "\n".join(lines) + "\n" + "bbbb"


def test_the_database_keeps_the_limits_too():
    with pytest.raises(IntegrityError), transaction.atomic():
        FactsheetDraft.objects.create(
            year=2020, language="en", narrative="a" * (TEXT_LIMITS["narrative"] + 1)
        )


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("contact_email", "not an address", "Enter a valid email address."),
        ("contact_phone", "call Maria", "A telephone number"),
        ("contact_address", "1\n2\n3\n4\n5\n6", "at most 5 lines"),
        ("definition", "   ", "This field is required."),
        ("contact_address", "", "This field is required."),
    ],
)
def test_what_is_not_a_contact_or_is_missing_is_refused(client, login, field, value, message):
    login(Role.SECRETARY)
    response = client.post(page(), {**TEXTS, field: value})
    assert message in response.context["form"].errors[field][0]
    assert not FactsheetDraft.objects.exists()


def test_markup_and_script_are_shown_as_text_never_run(client, login, tmp_path):
    login(Role.SECRETARY)
    texts = {**TEXTS, "narrative": SCRIPT, "prevention_summary": SCRIPT, "contact_address": SCRIPT}
    assert client.post(page(), texts).status_code == 302
    assert FactsheetDraft.objects.get().narrative == SCRIPT  # kept as written
    for body in (
        client.get(reverse("reports:export", args=[2020, "html"])).content.decode(),
        client.get(page()).content.decode(),
    ):
        assert "<script>" not in body and "<img" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in body
    if shutil.which("pdftotext"):
        pdf = client.get(reverse("reports:export", args=[2020, "pdf"])).content
        assert '<script>alert("x")</script>' in pdf_text(pdf, tmp_path)  # printed, as written


# --- Published with the edition -------------------------------------------------------------


@needs_poppler
def test_publishing_freezes_the_texts_with_the_edition(client, login, tmp_path):
    secretary = login(Role.SECRETARY)
    VictimFactory(status="identified", identification_date=D(2020, 4, 1))
    client.post(page(), TEXTS)
    first = edition_publish(year=2020, threshold=5, reason="", by=secretary)
    first.refresh_from_db()
    assert {field: getattr(first, field) for field in TEXTS} == TEXTS
    stored = bytes(first.pdf)
    assert TEXTS["narrative"] in " ".join(pdf_text(stored, tmp_path).split())
    # The draft changes: the edition keeps its texts and its PDF, byte for byte.
    client.post(page(), {**TEXTS, "narrative": "Corrected: two shelters.", "version": 1})
    first.refresh_from_db()
    assert first.narrative == TEXTS["narrative"] and bytes(first.pdf) == stored
    download = client.get(reverse("reports:edition", args=[2020, 1, "pdf"]))
    assert download.content == stored
    second = edition_publish(year=2020, threshold=5, reason="The year in brief corrected.", by=secretary)
    assert second.narrative == "Corrected: two shelters."
    assert "Corrected: two shelters." in " ".join(pdf_text(bytes(second.pdf), tmp_path).split())
    assert Edition.objects.get(number=1).narrative == TEXTS["narrative"]
    assert "narrative" not in json.loads(
        client.get(reverse("reports:edition", args=[2020, 1, "json"])).content
    )


def test_an_edition_s_texts_are_never_changed(secretary):
    edition = edition_publish(year=2020, threshold=5, reason="", by=secretary)
    with pytest.raises(DatabaseError), transaction.atomic():
        Edition.objects.filter(pk=edition.pk).update(narrative="Rewritten after publication.")
    assert Edition.objects.get(pk=edition.pk).narrative == ""


def test_a_spanish_edition_carries_the_spanish_texts(secretary):
    draft_save(year=2020, language="es", by=secretary, data=TEXTS, expected_version=None)
    english = edition_publish(year=2020, threshold=5, reason="", by=secretary, language="en")
    spanish = edition_publish(year=2020, threshold=5, reason="En español.", by=secretary, language="es")
    assert spanish.contact_email == "atips@example.org"
    assert english.contact_email == "" and "Act 2013" in english.definition  # the English defaults


# --- Two pages, both full enough ------------------------------------------------------------


def at_limit() -> dict:
    """Every text as long as it may be, in words."""
    words = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor. " * 20
    texts = {
        field: words[: TEXT_LIMITS[field]].strip()
        for field in ("narrative", "definition", "prevention_summary")
    }
    texts["contact_address"] = "\n".join(["Anti-Trafficking in Persons (ATIPs) Council secretariat"] * 5)[
        : TEXT_LIMITS["contact_address"]
    ]
    texts["contact_email"] = "anti-trafficking.council.secretariat@humandevelopment.gov.bz"
    texts["contact_phone"] = ("+501 822-2246 / " * 4)[: TEXT_LIMITS["contact_phone"]].strip(" /")
    return texts


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="pdfinfo (poppler-utils) is not installed")
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_full_year_with_every_text_at_its_limit_fits_two_a4_pages(tmp_path, language):
    full_year()
    with translation.override(language):
        pdf = factsheet.to_pdf(build(compute_figures(2020), public=True, threshold=0), texts=at_limit())
    (tmp_path / "f.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "f.pdf")], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+2\n", info)


def content_bottom(pdf: bytes, tmp_path, page_number: int) -> float:
    """How far down page `page_number` its text reaches, as a share of the page's height above the
    running footer."""
    path = tmp_path / "f.pdf"
    path.write_bytes(pdf)
    box = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page_number), "-l", str(page_number), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', box).group(1))
    footer = height - 12 / 25.4 * 72  # the bottom margin, 12 mm, holds the running footer
    bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', box) if float(y) < footer]
    return max(bottoms) / footer


@needs_poppler
def test_page_two_of_a_year_of_small_numbers_is_not_half_empty(tmp_path):
    """Nearly every count of a small year is "<5" and its charts give way to sentences: page 2 was
    then the repatriation line, the justice table and the notes, 45 % of the page."""
    for _ in range(3):
        VictimFactory(status="identified", identification_date=D(2020, 4, 1))
    ActivityFactory(kind="training", date=D(2020, 3, 4), audience="police", participants=20)
    pdf = exports.render(2020, "pdf", public=True, language="en").body  # the defaults: nobody wrote a word
    assert content_bottom(pdf, tmp_path, 2) > 0.6
