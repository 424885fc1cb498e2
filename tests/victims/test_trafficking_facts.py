"""The HTCDS fields (victims.trafficking, docs/htcds.md): recorded on the edit page by a social
worker, shown on the victim's page to her only, in Spanish too; the form attacked; the demo
data's HTCDS file passes validate_htcds."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from atip.roles import Role
from reports.person_level import HTCDS_IDS, htcds_csv, persons
from tests.factories import CaseFactory, VictimFactory
from tests.victims.test_edit import form_data

pytestmark = pytest.mark.django_db

FACTS = {
    "exploitation_country": "GT",
    "labour_industry": "A_AgricultureForestryAndFishing",
    "control_methods": ["DebtBondage", "WithholdsDocuments"],
    "recruitment_methods": ["ThroughFriendsOrSocialEvents"],
    "recruiter_relationship": "Acquainted",
    "recruitment_country": "HN",
    "transit_country": "MX",
}


def edit(victim):
    return reverse("victims:edit", args=[victim.pk])


def test_a_social_worker_records_the_facts_and_the_page_shows_them(client, login):
    login()
    victim = VictimFactory()
    response = client.post(edit(victim), form_data(victim, **FACTS))
    assert response.status_code == 302
    victim.refresh_from_db()
    assert victim.control_methods == ["DebtBondage", "WithholdsDocuments"]
    assert victim.labour_industry == "A_AgricultureForestryAndFishing"
    assert victim.recruitment_country.code == "HN"
    page = client.get(victim.get_absolute_url()).content.decode()
    assert 'id="trafficking"' in page
    for shown in ("Debt bondage, Withholds documents", "Agriculture, forestry and fishing", "Guatemala"):
        assert shown in page
    # The previous versions say what changed, in labels.
    assert "methods of control: — → Debt bondage, Withholds documents" in page
    assert "Acquaintance" in page and "Through friends or social events" in page


def test_the_page_shows_them_in_spanish(client, login, settings):
    login()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    victim = VictimFactory(**FACTS)
    page = client.get(victim.get_absolute_url()).content.decode()
    assert "Cómo fue objeto de trata la persona" in page
    assert "Servidumbre por deudas, Retiene sus documentos" in page
    assert "Agricultura, silvicultura y pesca" in page and "Conocido(a)" in page


def test_unknown_facts_show_a_dash_not_nothing(client, login):
    login()
    victim = VictimFactory()
    page = client.get(victim.get_absolute_url()).content.decode()
    section = page[page.index('id="trafficking"') : page.index("</dl>", page.index('id="trafficking"'))]
    assert section.count("<dd") == 9 and section.count("—") == 9


def test_a_police_officer_of_the_case_does_not_see_them_and_may_not_post_them(client, login):
    user = login(Role.POLICE)
    victim = VictimFactory(**FACTS)
    CaseFactory(victims=[victim], created_by=user)
    page = client.get(victim.get_absolute_url())
    assert page.status_code == 200
    assert 'id="trafficking"' not in page.content.decode() and "Debt bondage" not in page.content.decode()
    response = client.post(edit(victim), form_data(victim, control_methods=["Other"]))
    assert response.status_code == 403
    victim.refresh_from_db()
    assert victim.control_methods == ["DebtBondage", "WithholdsDocuments"]


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR])
def test_another_role_without_the_victim_gets_404_and_nothing_changes(client, login, role):
    login(role)
    victim = VictimFactory(**FACTS)
    response = client.post(edit(victim), form_data(victim, labour_industry="F_Construction"))
    assert response.status_code == 404
    victim.refresh_from_db()
    assert victim.labour_industry == "A_AgricultureForestryAndFishing"


def test_extra_posted_fields_are_ignored(client, login):
    login()
    victim = VictimFactory()
    reference, status = victim.reference, victim.identification_status
    extra = {
        "reference": "V-1999-999",
        "identification_status": "identified",
        "archived_at": "2020-01-01T00:00:00Z",
        "duplicate_of": str(VictimFactory().pk),
        "version": victim.version,
    }
    response = client.post(edit(victim), {**form_data(victim, **FACTS), **extra})
    assert response.status_code == 302
    victim.refresh_from_db()
    assert (victim.reference, victim.identification_status) == (reference, status)
    assert victim.archived_at is None and victim.duplicate_of_id is None
    assert victim.labour_industry == FACTS["labour_industry"]


@pytest.mark.parametrize(
    "bad",
    [
        {"control_methods": ["<script>alert(1)</script>"]},
        {"recruitment_methods": ["AtWork", "Beating"]},
        {"labour_industry": "Z_Nowhere"},
        {"recruiter_relationship": "Unacquainted"},  # our spelling; the standard's is "Unaquainted"
        {"exploitation_district": "Petén"},
        {"transit_country": "XX"},
    ],
)
def test_a_code_outside_the_list_is_a_message_by_the_field_and_nothing_is_saved(client, login, bad):
    login()
    victim = VictimFactory()
    response = client.post(edit(victim), form_data(victim, **{**FACTS, **bad}))
    assert response.status_code == 200
    (name,) = bad
    assert name in response.context["form"].errors
    assert "<script>alert(1)</script>" not in response.content.decode()
    victim.refresh_from_db()
    assert victim.version == 1 and victim.control_methods == []


def test_script_in_the_text_beside_them_is_escaped(client, login):
    login()
    victim = VictimFactory()
    script = "<script>alert(1)</script>"
    client.post(edit(victim), form_data(victim, referred_by="ngo", referred_by_name=script, **FACTS))
    page = client.get(victim.get_absolute_url()).content.decode()
    assert script not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_demo_datas_htcds_file_passes_validate_htcds(settings, tmp_path):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    body = htcds_csv(persons())
    path = tmp_path / "htcds.csv"
    path.write_text(body, encoding="utf-8")
    out = io.StringIO()
    call_command("validate_htcds", str(path), stdout=out)
    assert "every code in the standard's lists" in out.getvalue()
    assert "30 HTCDS 2.0 fields and the identifiers prs_Id, cas_Id" in out.getvalue()
    header = body.lstrip("\ufeff").splitlines()[0].split(",")
    assert len([name for name in header if name not in HTCDS_IDS]) >= 30  # the standard's fields
    assert "Agriculture, forestry" not in body and "Debt bondage" not in body  # codes, never labels
    # One row per person per case: some demo victims are listed in several cases.
    people = persons()
    assert any(len(p.cases) > 1 for p in people)
    assert len(body.splitlines()) - 1 == sum(max(1, len(p.cases)) for p in people)
