import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from victims.models import IdentificationDecision, Victim

pytestmark = pytest.mark.django_db
URL = reverse("victims:create")


def valid(**overrides):
    data = {
        "given_name": "Rosa",
        "family_name": "Castillo",
        "sex": "female",
        "date_of_birth": "2005-04-02",
        "nationality": "GT",
        "registered_on": "2024-03-01",
        "exploitation_forms": ["sexual", "forced_labour"],
        "district": "cayo",
    }
    data.update(overrides)
    return data


def test_it_registers_a_presumed_victim_with_a_reference(client, login):
    user = login()
    response = client.post(URL, valid())
    victim = Victim.objects.get()
    assert response.status_code == 302
    assert response.url == victim.get_absolute_url()
    assert victim.reference == "V-2024-0001"
    assert victim.identification_status == "presumed"
    assert set(victim.exploitation_forms.values_list("code", flat=True)) == {"sexual", "forced_labour"}
    assert victim.adult_on == datetime.date(2023, 4, 2)
    decision = IdentificationDecision.objects.get()
    assert (decision.status, decision.recorded_by) == ("presumed", user)
    assert AuditEvent.objects.filter(action="create", object_ref="V-2024-0001").exists()


def test_references_are_never_reused(client, login):
    login()
    client.post(URL, valid())
    client.post(URL, valid(reference="V-2024-0002", given_name="Ana"))
    client.post(URL, valid(given_name="Luisa"))
    assert sorted(Victim.objects.values_list("reference", flat=True)) == [
        "V-2024-0001",
        "V-2024-0002",
        "V-2024-0003",
    ]


def test_a_typed_reference_is_ignored(client, login):
    login()
    client.post(URL, valid(reference="BZ-77"))
    client.post(URL, valid(reference="BZ-77", given_name="Ana"))
    assert sorted(Victim.objects.values_list("reference", flat=True)) == ["V-2024-0001", "V-2024-0002"]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"sex": ""}, "sex", "required"),
        ({"sex": "yes"}, "sex", "not one of the available choices"),
        ({"registered_on": "2024-02-30"}, "registered_on", "valid date"),
        ({"registered_on": "2999-01-01"}, "registered_on", "in the future"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth", "in the future"),
        ({"registered_on": "2004-01-01"}, "registered_on", "before the date of birth"),
        ({"age_estimate": "121", "date_of_birth": ""}, "age_estimate", "less than or equal to 120"),
        ({"age_estimate": "-1", "date_of_birth": ""}, "age_estimate", "greater than or equal to 0"),
        ({"nationality": "XX"}, "nationality", "not one of the available choices"),
        ({"exploitation_forms": ["slavery"]}, "exploitation_forms", "not one of the available choices"),
        ({"district": "london"}, "district", "not one of the available choices"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field(client, login, overrides, field, message):
    login()
    response = client.post(URL, valid(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Victim.objects.count() == 0
    assert IdentificationDecision.objects.count() == 0


def test_age_estimate_gives_the_adult_date(client, login):
    login()
    client.post(URL, valid(date_of_birth="", age_estimate="16"))
    assert Victim.objects.get().adult_on == datetime.date(2026, 3, 1)
