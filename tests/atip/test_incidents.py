"""The register of security incidents (issue 22.6): administrators only, audited, bad dates a
message by the field."""

import pytest
from django.urls import reverse

from atip.models import AuditEvent, SecurityIncident
from atip.roles import Role

pytestmark = pytest.mark.django_db
PAGE = reverse("incidents")
INCIDENT = {"happened_on": "2026-02-01", "discovered_on": "2026-02-03", "what": "A laptop left on a bus."}


def test_an_administrator_records_and_completes_an_incident(client, login):
    admin = login(Role.ADMINISTRATOR)
    assert client.post(PAGE, INCIDENT).status_code == 302
    incident = SecurityIncident.objects.get()
    assert incident.recorded_by == admin
    assert "A laptop left on a bus." in client.get(PAGE).content.decode()
    edit = reverse("incident_edit", args=[incident.pk])
    told = {**INCIDENT, "who_was_told": "Information Commissioner, by letter", "told_on": "2026-02-04"}
    assert client.post(edit, told).status_code == 302
    incident.refresh_from_db()
    assert incident.who_was_told.startswith("Information Commissioner")
    actions = list(
        AuditEvent.objects.filter(object_type="securityincident")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "change"]
    assert not AuditEvent.objects.filter(detail__contains="laptop").exists()  # the text is not copied


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**INCIDENT, "discovered_on": "2026-01-01"}, "discovered before it happened"),
        ({**INCIDENT, "told_on": "2026-02-02"}, "before the discovery"),
        ({**INCIDENT, "happened_on": "2999-01-01", "discovered_on": "2999-01-02"}, "future"),
        ({**INCIDENT, "what": ""}, "required"),
    ],
)
def test_bad_input_is_a_message(client, login, data, message):
    login(Role.ADMINISTRATOR)
    response = client.post(PAGE, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not SecurityIncident.objects.exists()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.SECRETARY])
def test_other_roles_are_not_told_it_exists(client, login, role):
    login(role)
    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, INCIDENT).status_code == 404
    assert not SecurityIncident.objects.exists()


def test_script_is_shown_as_text(client, login):
    login(Role.ADMINISTRATOR)
    client.post(PAGE, {**INCIDENT, "what": "<script>alert(1)</script>"})
    body = client.get(PAGE).content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body
