"""Police list victims in a case by registering a presumed victim (the link exists at once:
they brought the person in), and unlink a link made by mistake. Requests to link an existing
victim are in test_link_requests.py."""

import datetime
import re

import pytest
from django.db import transaction
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
    assert victim.decisions.get().note_shown == f"Referred from case {case.reference}."
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


# --- The duplicate check when police register a person (issue 10.6, issue 19.5) -------------
# Police may not see victims outside their cases (roles.md): the answer reads the same whether or
# not Human Services holds the person (even a count told them, 15 of 15), the person is
# registered, and Human Services review the likely matches on their possible duplicates page.


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


def _answer(client, case) -> tuple:
    """What an officer is told on registering Olga Diaz: the statuses, the message and the page
    it leads to (what changes on every response aside: the CSRF token, the scripts' nonce)."""
    response = client.post(register_url(case), presumed(), follow=True)
    body = re.sub(r'(value|nonce)="[^"]*"', r'\1=""', response.content.decode())
    body = re.sub(r"/victims/\d+/", "/victims/*/", body)  # the new record's id: a sequence
    messages = [str(m) for m in response.context["messages"]]
    return response.status_code, response.redirect_chain, messages, body


def test_police_are_answered_the_same_whether_or_not_human_services_hold_the_person(client, login):
    login(Role.POLICE)
    case = CaseFactory()
    with transaction.atomic():
        references = [victim.reference for victim in two_olgas()]
        matched = _answer(client, case)
        transaction.set_rollback(True)
    assert not Victim.objects.exists()
    unmatched = _answer(client, case)
    assert matched == unmatched
    status, chain, messages, body = matched
    assert (status, chain) == (200, [(case.get_absolute_url(), 302)])
    new = Victim.objects.get()
    assert messages == [f"Presumed victim {new.reference} registered and referred to Human Services."]
    assert all(reference not in body for reference in references)
    assert new.decisions.get().note_shown == f"Referred from case {case.reference}."


def test_the_likely_matches_go_to_human_services_review(client, login):
    user = login(Role.POLICE)
    olgas = two_olgas()
    case = CaseFactory()
    assert client.post(register_url(case), presumed()).status_code == 302
    victim = Victim.objects.latest("id")
    assert list(victim.cases.all()) == [case]
    # Audited on the new record, by reference (the log holds no names).
    event = AuditEvent.objects.get(user=user, object_type="victim", object_id=str(victim.pk), action="change")
    assert all(other.reference in event.detail for other in olgas)
    assert not AuditEvent.objects.filter(action="view", object_type="victim").exists()
    login(Role.SOCIAL_WORKER)
    pairs = client.get(reverse("victims:duplicates")).context["pairs"]
    assert {(pair.older.pk, pair.newer.pk) for pair in pairs} >= {(other.pk, victim.pk) for other in olgas}


@pytest.mark.parametrize("token", ["", "x", "0" * 64])
def test_police_cannot_record_different_people(client, login, token):
    login(Role.POLICE)
    two_olgas()
    case = CaseFactory()
    response = client.post(
        register_url(case), {**presumed(), "different_person": "on", "matches_token": token}
    )
    assert response.status_code == 302
    assert not DistinctPair.objects.exists()
    assert Victim.objects.count() == 3


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
