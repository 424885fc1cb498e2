"""Police list victims in a case by registering a presumed victim (the link exists at once:
they brought the person in), and unlink a link made by mistake. Requests to link an existing
victim are in test_link_requests.py."""

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from cases.models import CaseVictim
from tests.factories import CaseFactory, VictimFactory
from victims.models import Victim

pytestmark = pytest.mark.django_db


def register_url(case):
    return reverse("cases:register_victim", args=[case.pk])


def unlink_url(case, victim):
    return reverse("cases:unlink_victim", args=[case.pk, victim.pk])


def test_police_register_a_presumed_victim_from_a_case(client, login):
    user = login(Role.POLICE)
    case = CaseFactory()
    assert client.get(register_url(case)).status_code == 200
    response = client.post(
        register_url(case),
        {
            "given_name": "Ana",
            "family_name": "",
            "sex": "female",
            "age_estimate": "16",
            "nationality": "HN",
            "registered_on": "2024-05-01",
            "exploitation_forms": ["sexual"],
        },
    )
    assert response.status_code == 302
    victim = Victim.objects.get()
    assert victim.reference == "V-2024-0001"
    assert (victim.identification_status, victim.created_by, victim.age_estimate) == ("presumed", user, 16)
    assert list(victim.cases.all()) == [case]
    assert victim.decisions.get().note == f"Referred from case {case.reference}."
    assert set(AuditEvent.objects.values_list("action", "object_type")) >= {
        ("create", "victim"),
        ("link", "victim"),
    }


def test_registering_shows_field_errors_and_saves_nothing(client, login):
    login(Role.POLICE)
    response = client.post(
        register_url(CaseFactory()),
        {
            "sex": "female",
            "registered_on": "2999-01-01",
            "age_estimate": "130",
            "date_of_birth": "2000-01-01",
        },
    )
    errors = response.context["form"].errors
    assert "age_estimate" in errors
    response = client.post(
        register_url(CaseFactory()),
        {"sex": "female", "registered_on": "2999-01-01", "date_of_birth": "2000-01-01"},
    )
    assert response.context["form"].errors == {"registered_on": ["This date is in the future."]}
    assert not Victim.objects.exists()
    assert not CaseVictim.objects.exists()


def test_police_unlink_and_it_is_audited(client, login):
    login(Role.POLICE)
    victim = VictimFactory()
    case = CaseFactory(victims=[victim])
    assert client.post(unlink_url(case, victim)).status_code == 302
    assert not CaseVictim.objects.exists()
    assert AuditEvent.objects.filter(action="unlink", object_id=str(victim.pk)).exists()
    # No case lists the person any more: the police no longer see it.
    assert client.get(victim.get_absolute_url()).status_code == 404


def test_unlinking_a_victim_of_another_case_changes_nothing(client, login):
    login(Role.POLICE)
    victim = VictimFactory()
    CaseFactory(victims=[victim])
    other = CaseFactory()
    response = client.post(unlink_url(other, victim), follow=True)
    assert "not linked to this case" in response.content.decode()
    assert CaseVictim.objects.count() == 1
