"""Police list victims in a case by registering a presumed victim (the link exists at once:
they brought the person in), and unlink a link made by mistake. Requests to link an existing
victim are in test_link_requests.py."""

import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from cases.models import CaseVictim
from tests.factories import CaseFactory, VictimFactory
from victims.models import DistinctPair, Victim

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


# --- The duplicate check when police register a person (issue 10, point 6) -------------------
# Police see how many records look like the person, never which: they may not see victims
# outside their cases (roles.md), and a reference would tell them whom Human Services holds.


def presumed(**overrides):
    data = {
        "given_name": "Olga",
        "family_name": "Diaz",
        "sex": "female",
        "date_of_birth": "2001-02-03",
        "nationality": "HN",
        "registered_on": "2024-05-01",
    }
    data.update(overrides)
    return data


def two_olgas():
    return [
        VictimFactory(
            given_name="Olga",
            family_name="Díaz",
            nationality="HN",
            date_of_birth=datetime.date(2001, 2, 3),
            contact="+501 611-1111",
        )
        for _ in range(2)
    ]


def test_police_see_how_many_records_match_never_which(client, login):
    login(Role.POLICE)
    olgas = two_olgas()
    case = CaseFactory()
    response = client.post(register_url(case), presumed())
    assert response.status_code == 200
    assert Victim.objects.count() == 2
    body = response.content.decode()
    assert "already holds 2 records" in body
    for victim in olgas:
        assert victim.reference not in body
        assert victim.get_absolute_url() not in body
    assert "Díaz" not in body and "+501 611-1111" not in body
    # The check is audited on the case, naming the records matched (the log holds no names).
    event = AuditEvent.objects.get(action="view", object_type="case", object_id=str(case.pk))
    assert all(victim.reference in event.detail for victim in olgas)
    assert not AuditEvent.objects.filter(action="view", object_type="victim").exists()


def test_police_confirm_a_different_person_and_the_person_is_linked(client, login):
    user = login(Role.POLICE)
    olgas = two_olgas()
    case = CaseFactory()
    token = client.post(register_url(case), presumed()).context["form"]["matches_token"].value()
    response = client.post(
        register_url(case), {**presumed(), "different_person": "on", "matches_token": token}
    )
    assert response.status_code == 302
    victim = Victim.objects.latest("id")
    assert list(victim.cases.all()) == [case]
    note = victim.decisions.get().note
    assert (
        note == f"Referred from case {case.reference}. Confirmed as a different person from 2 likely matches."
    )
    assert DistinctPair.objects.filter(second=victim, confirmed_by=user).count() == 2
    # What police read of their new person's page names none of the others.
    body = client.get(victim.get_absolute_url()).content.decode()
    assert all(other.reference not in body for other in olgas)


def test_police_cannot_confirm_without_the_token_of_the_matches(client, login):
    login(Role.POLICE)
    two_olgas()
    case = CaseFactory()
    response = client.post(register_url(case), {**presumed(), "different_person": "on", "matches_token": "x"})
    assert response.status_code == 200
    assert Victim.objects.count() == 2
    assert not CaseVictim.objects.exists()


def test_police_register_at_once_when_nothing_matches(client, login):
    login(Role.POLICE)
    two_olgas()
    response = client.post(register_url(CaseFactory()), presumed(nationality="GT"))
    assert response.status_code == 302
    assert Victim.objects.count() == 3


def test_police_reach_no_duplicate_page_nor_its_buttons(client, login):
    login(Role.POLICE)
    linked, hidden = two_olgas()
    CaseFactory(victims=[linked])
    assert client.get(reverse("victims:duplicates")).status_code == 404
    for url in (
        reverse("victims:mark_duplicate", args=[hidden.pk, linked.pk]),
        reverse("victims:mark_duplicate", args=[linked.pk, hidden.pk]),
        reverse("victims:distinct", args=[linked.pk, hidden.pk]),
    ):
        assert client.post(url, {"version": 1}).status_code == 404
    assert not Victim.objects.filter(duplicate_of__isnull=False).exists()
    assert not DistinctPair.objects.exists()
