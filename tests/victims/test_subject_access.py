"""A person's own copy of their data (issue 22.2): PDF in the person's language and JSON, the
request recorded, the copy audited; what the law lets the unit withhold is left out."""

import datetime
import json
import subprocess

import pytest
from django.urls import reverse
from django.utils.translation import override

from atip.models import AuditEvent
from atip.roles import Role
from tests.casework import factories as casework
from tests.factories import CaseFactory, ServiceEpisodeFactory, SuspectFactory, VictimFactory
from victims.subject_access import SubjectAccessRequest

pytestmark = pytest.mark.django_db
D = datetime.date


def url(victim):
    return reverse("victims:subject_access", args=[victim.pk])


def person():
    victim = VictimFactory(given_name="Yolanda", family_name="Ixchel")
    victim.languages.add("es")
    ServiceEpisodeFactory(victim=victim, provider="Haven House")
    casework.note(victim, text="Asked about her sister.", participants="Yolanda; Dr Secretwitness")
    casework.note(victim, text="Counselling: private words.", restricted=True)
    casework.document(victim, description="Passport pages")
    case = CaseFactory(victims=[victim], summary="Recruiter Bartholomew Suspectson")
    SuspectFactory(case=case, given_name="Bartholomew")
    return victim


def post(client, person, fmt="json", language="es", **extra):
    data = {"reference": "SAR-2026-001", "received_on": "2026-01-15", "language": language, "format": fmt}
    return client.post(url(person), {**data, **extra})


def test_the_json_holds_the_record_and_leaves_out_what_is_withheld(client, login):
    victim = person()
    login()
    client.get(reverse("victims:detail", args=[victim.pk]))  # a read, in the copy's list of readers
    response = post(client, victim)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    body = json.loads(response.content)
    text = response.content.decode()
    assert body["person"] == victim.reference and body["request"]["reference"] == "SAR-2026-001"
    assert body["sections"]["person"][0]["given_name"] == "Yolanda"
    assert body["sections"]["services"][0]["provider"] == "Haven House"
    assert "Asked about her sister." in text
    assert "Counselling: private words." not in text  # restricted
    assert "Secretwitness" not in text and "Bartholomew" not in text  # other people
    assert body["sections"]["documents"][0]["description"] == "Passport pages"
    assert body["sections"]["cases"][0]["reference"].startswith("C-")
    with override("es"):
        social_worker = str(Role.SOCIAL_WORKER.label)
    assert social_worker in [reader["role"] for reader in body["sections"]["readers"]]
    assert body["withheld"][0].startswith("los datos de otras personas")  # in Spanish


def test_the_pdf_is_in_the_person_s_language(client, login, tmp_path):
    victim = person()
    login()
    response = post(client, victim, fmt="pdf", language="es")
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Sus datos en poder del Departamento de Servicios" in text
    assert "Yolanda" in text and "SAR-2026-001" in text
    assert "Counselling: private words." not in text


def test_the_request_is_recorded_and_the_copy_audited(client, login):
    victim = person()
    user = login()
    post(client, victim)
    request = SubjectAccessRequest.objects.get()
    assert (request.victim, request.reference, request.received_on, request.produced_by) == (
        victim,
        "SAR-2026-001",
        D(2026, 1, 15),
        user,
    )
    event = AuditEvent.objects.get(action="export", object_type="victim")
    assert event.object_ref == victim.reference
    assert event.detail == "subject access copy, request SAR-2026-001, json, es"
    assert "Yolanda" not in event.detail


def test_the_form_offers_the_person_s_language(client, login):
    victim = person()
    login()
    response = client.get(url(victim))
    assert response.status_code == 200 and response.context["form"].initial["language"] == "es"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reference", ""),
        ("reference", "<script>x</script>"),
        ("received_on", "2999-01-01"),
        ("format", "xlsx"),
    ],
)
def test_bad_input_is_a_message_and_nothing_is_recorded(client, login, field, value):
    victim = person()
    login()
    response = post(client, victim, **{field: value})
    assert response.status_code == 200 and response.context["form"].errors[field]
    assert not SubjectAccessRequest.objects.exists()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_an_extra_posted_field_changes_nothing(client, login):
    victim = person()
    user = login()
    post(client, victim, produced_by="999", victim="12345")
    assert SubjectAccessRequest.objects.get().produced_by == user


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR])
def test_other_roles_are_not_told_it_exists(client, login, role):
    victim = VictimFactory()  # in no case
    login(role)
    assert post(client, victim).status_code == 404
    assert not SubjectAccessRequest.objects.exists()


def test_a_linked_police_officer_may_not(client, login):
    victim = person()
    login(Role.POLICE)
    # The victim is listed in the police's case: they see the person, but may not do this.
    assert post(client, victim).status_code == 403


def test_a_guessed_id_is_404(client, login):
    login()
    assert client.get(reverse("victims:subject_access", args=[99999])).status_code == 404


def test_a_correction_on_request_keeps_the_request_s_reference_in_the_history(client, login):
    victim = VictimFactory(given_name="Yolanda")
    login()
    data = {
        "version": victim.version,
        "given_name": "Yolanda María",
        "family_name": victim.family_name,
        "sex": victim.sex,
        "date_of_birth": "2000-01-01",
        "nationality": victim.nationality,
        "registered_on": f"{victim.registered_on:%Y-%m-%d}",
        "district": victim.district,
        "correction_request": "SAR-2026-002",
    }
    response = client.post(reverse("victims:edit", args=[victim.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    latest = victim.history.order_by("-history_id").first()
    assert (latest.given_name, latest.history_change_reason) == (
        "Yolanda María",
        "correction on request SAR-2026-002",
    )
    page = client.get(reverse("victims:detail", args=[victim.pk])).content.decode()
    assert "correction on request SAR-2026-002" in page
