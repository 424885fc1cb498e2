import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from cases.models import Suspect
from tests.factories import CaseFactory, SuspectFactory

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
    assert set(response.context["form"].errors) == {"sex", "date_of_birth"}  # every error at once
    response = client.post(create_url(CaseFactory()), {**DATA, "date_of_birth": "2999-01-01"})
    assert response.context["form"].errors == {"date_of_birth": ["This date is in the future."]}
    assert not Suspect.objects.exists()


def test_editing_works(client, login):
    login(Role.POLICE)
    suspect = SuspectFactory(given_name="Tomas")
    response = client.post(edit_url(suspect), {**DATA, "version": suspect.version, "given_name": "Tom"})
    assert response.status_code == 302
    assert response.url == suspect.case.get_absolute_url()
    suspect.refresh_from_db()
    assert (suspect.given_name, suspect.version) == ("Tom", 2)
    assert AuditEvent.objects.filter(action="change", object_type="suspect", object_id=suspect.pk).exists()


def test_social_workers_never_see_suspects_even_of_an_unlinked_case(client, login):
    login(Role.SOCIAL_WORKER)
    suspect = SuspectFactory()
    assert client.get(edit_url(suspect)).status_code == 404
    assert client.get(create_url(suspect.case)).status_code == 404


def test_the_sex_has_no_preset_value(client, login):
    # Issue 11.6: nobody's sex is recorded by leaving a value the form chose; it is required.
    login(Role.POLICE)
    case = CaseFactory()
    form = client.get(create_url(case)).context["form"]
    assert form["sex"].value() in (None, "")
    assert form.fields["sex"].required
    assert list(form.fields["sex"].choices)[0][0] == ""
    response = client.post(create_url(case), {**DATA, "sex": ""})
    assert "sex" in response.context["form"].errors
    assert not Suspect.objects.exists()


def test_an_edit_shows_the_sex_recorded(client, login):
    login(Role.POLICE)
    suspect = SuspectFactory(sex="female")
    assert client.get(edit_url(suspect)).context["form"]["sex"].value() == "female"
