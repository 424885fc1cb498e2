import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from cases.models import Suspect
from tests.factories import CaseFactory, SuspectFactory, VictimFactory

pytestmark = pytest.mark.django_db


def create_url(case):
    return reverse("cases:suspect_create", args=[case.pk])


def edit_url(suspect):
    return reverse("cases:suspect_edit", args=[suspect.pk])


DATA = {"reference": "", "given_name": "Tomas", "family_name": "Lopez", "sex": "male", "nationality": "GT"}


def test_adding_works(client, login):
    login(Role.POLICE)
    case = CaseFactory(reported_on=datetime.date(2021, 4, 1))
    assert client.get(create_url(case)).status_code == 200
    response = client.post(create_url(case), DATA)
    assert response.status_code == 302
    suspect = Suspect.objects.get()
    assert (suspect.case, suspect.reference, suspect.full_name) == (case, "S-2021-0001", "Tomas Lopez")
    assert AuditEvent.objects.filter(action="create", object_type="suspect").exists()


def test_adding_shows_field_errors(client, login):
    login(Role.POLICE)
    response = client.post(create_url(CaseFactory()), {**DATA, "date_of_birth": "2999-01-01", "sex": "x"})
    assert set(response.context["form"].errors) == {"sex"}
    response = client.post(create_url(CaseFactory()), {**DATA, "date_of_birth": "2999-01-01"})
    assert response.context["form"].errors == {"date_of_birth": ["This date is in the future."]}
    assert not Suspect.objects.exists()


def test_editing_works_and_refuses_a_stale_save(client, login):
    login(Role.POLICE)
    suspect = SuspectFactory(given_name="Tomas")
    form = {**DATA, "version": suspect.version}
    assert client.post(edit_url(suspect), {**form, "given_name": "Tom"}).status_code == 302
    response = client.post(edit_url(suspect), {**form, "given_name": "Thomas"})
    assert "Someone else saved this record" in response.content.decode()
    suspect.refresh_from_db()
    assert (suspect.given_name, suspect.version) == ("Tom", 2)


def test_prosecutors_get_403(client, login):
    login(Role.PROSECUTOR)
    suspect = SuspectFactory()
    assert client.post(create_url(suspect.case), DATA).status_code == 403
    assert client.get(edit_url(suspect)).status_code == 403


def test_social_workers_never_see_suspects(client, login):
    login(Role.SOCIAL_WORKER)
    suspect = SuspectFactory(case=CaseFactory(victims=[VictimFactory()]))
    assert client.get(edit_url(suspect)).status_code == 404
    assert client.get(create_url(suspect.case)).status_code == 403  # the case itself is visible
    assert client.get(create_url(CaseFactory())).status_code == 404


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.ADMINISTRATOR])
def test_others_get_404(client, login, role):
    login(role)
    suspect = SuspectFactory()
    assert client.get(edit_url(suspect)).status_code == 404
    assert client.get(create_url(suspect.case)).status_code == 404


def test_it_rejects_delete(client, login):
    login(Role.POLICE)
    suspect = SuspectFactory()
    assert client.delete(edit_url(suspect)).status_code == 405
    assert client.delete(create_url(suspect.case)).status_code == 405
