"""Issue 20.1: a responsible worker for each victim, "my caseload" by default with the whole
Department one click away, and a supervisor who sees each worker's caseload and reassigns."""

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import UserFactory, VictimFactory
from victims.models import Reassignment, Victim

pytestmark = pytest.mark.django_db

LIST = reverse("victims:list")
SW, SU, PO, SE = Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.POLICE, Role.SECRETARY


def references(response) -> set[str]:
    return {v.reference for v in response.context["page"].object_list}


@pytest.fixture
def two_workers():
    ana, ben = UserFactory(username="ana"), UserFactory(username="ben")
    return ana, ben, VictimFactory(responsible_worker=ana), VictimFactory(responsible_worker=ben)


def test_a_registration_puts_the_person_in_the_registering_workers_caseload(client, login):
    worker = login()
    data = {"given_name": "Rosa", "sex": "female", "registered_on": "2024-01-05", "nationality": "GT"}
    data["responsible_worker"] = worker.pk
    response = client.post(reverse("victims:create"), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Victim.objects.get().responsible_worker == worker


def test_a_victim_registered_by_the_police_has_no_worker_yet():
    victim = VictimFactory(created_by=UserFactory(role=PO))
    assert victim.responsible_worker is None


def test_the_list_opens_on_her_caseload_with_the_department_one_click_away(client, two_workers):
    ana, _ben, hers, other = two_workers
    client.force_login(ana)
    response = client.get(LIST)
    assert references(response) == {hers.reference}
    body = response.content.decode()
    assert 'href="?caseload=all"' in body
    assert references(client.get(LIST, {"caseload": "all"})) == {hers.reference, other.reference}
    # A filter keeps the caseload chosen.
    assert 'name="caseload" value="all"' in client.get(LIST, {"caseload": "all"}).content.decode()


def test_a_worker_without_a_case_opens_on_the_department(client, login, two_workers):
    login(username="new.worker")
    assert len(references(client.get(LIST))) == 2


def test_a_supervisor_sees_each_workers_caseload(client, login, two_workers):
    ana, ben, hers, other = two_workers
    login(SU)
    response = client.get(LIST, {"caseload": ben.pk})
    assert references(response) == {other.reference}
    body = response.content.decode()
    assert f'href="?caseload={ana.pk}"' in body and "Caseload of ben" in body


def test_a_social_worker_does_not_pick_another_workers_caseload(client, two_workers):
    ana, ben, hers, _other = two_workers
    client.force_login(ana)
    assert references(client.get(LIST, {"caseload": ben.pk})) == {hers.reference}  # her own


def test_a_supervisor_reassigns_with_a_reason_audited_and_the_new_worker_is_told(client, login, two_workers):
    ana, ben, hers, _other = two_workers
    supervisor = login(SU)
    url = reverse("victims:assign", args=[hers.pk])
    response = client.post(url, {"worker": ben.pk, "reason": "Ana on leave.", "version": hers.version})
    assert response.status_code == 302
    hers.refresh_from_db()
    assert hers.responsible_worker == ben
    assert Reassignment.objects.get().by == supervisor
    assert AuditEvent.objects.filter(object_id=str(hers.pk), detail__contains="responsible worker").exists()
    client.force_login(ben)
    home = client.get(reverse("home")).content.decode()
    assert "Cases given to you since your last visit" in home and hers.reference in home
    assert "Cases given to you" not in client.get(reverse("home")).content.decode()  # told once


def test_a_reassignment_needs_a_reason_and_the_current_version(client, login, two_workers):
    _ana, ben, hers, _other = two_workers
    login(SU)
    url = reverse("victims:assign", args=[hers.pk])
    response = client.post(url, {"worker": ben.pk, "reason": "  ", "version": hers.version})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    response = client.post(url, {"worker": ben.pk, "reason": "Leave.", "version": hers.version - 1})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    hers.refresh_from_db()
    assert hers.responsible_worker.username == "ana" and not Reassignment.objects.exists()


def test_a_social_worker_takes_a_case_nobody_holds_but_not_a_colleagues(client, two_workers):
    ana, ben, _hers, other = two_workers
    free = VictimFactory()
    client.force_login(ana)
    response = client.post(
        reverse("victims:assign", args=[free.pk]), {"worker": ana.pk, "reason": "Mine.", "version": 1}
    )
    assert response.status_code == 302
    free.refresh_from_db()
    assert free.responsible_worker == ana
    # Nor may she give it to a colleague: only herself is offered.
    free2 = VictimFactory()
    response = client.post(
        reverse("victims:assign", args=[free2.pk]), {"worker": ben.pk, "reason": "Yours.", "version": 1}
    )
    assert response.status_code == 200 and response.context["form"].errors["worker"]
    assert client.get(reverse("victims:assign", args=[other.pk])).status_code == 403
    assert AuditEvent.objects.filter(action="denied").exists()


@pytest.mark.parametrize("role, status", [(PO, 404), (SE, 404)])
def test_other_roles_do_not_assign(client, login, two_workers, role, status):
    _ana, ben, hers, _other = two_workers
    login(role)
    url = reverse("victims:assign", args=[hers.pk])
    assert client.post(url, {"worker": ben.pk, "reason": "x", "version": 1}).status_code == status
    assert not Reassignment.objects.exists()


def test_only_department_workers_may_hold_a_case(client, login, two_workers):
    _ana, _ben, hers, _other = two_workers
    login(SU)
    police = UserFactory(role=PO)
    url = reverse("victims:assign", args=[hers.pk])
    response = client.post(url, {"worker": police.pk, "reason": "x", "version": hers.version})
    assert response.status_code == 200 and response.context["form"].errors["worker"]


def test_the_supervisors_home_lists_the_caseloads(client, login, two_workers):
    ana, ben, *_ = two_workers
    login(SU)
    body = client.get(reverse("home")).content.decode()
    assert f"?caseload={ana.pk}" in body and f"?caseload={ben.pk}" in body


@pytest.mark.parametrize("rows", [3, 30])
def test_a_workers_caseload_list_does_not_grow_in_queries(client, login, django_assert_max_num_queries, rows):
    supervisor = login(SU)
    worker = UserFactory()
    for _ in range(rows):
        VictimFactory(responsible_worker=worker)
    # Session, user, role, the worker asked for, the workers' caseloads, count, page, forms,
    # in care, the audit rows of the names shown and the savepoints: never a query per row.
    with django_assert_max_num_queries(20):
        response = client.get(LIST, {"caseload": worker.pk})
    assert response.status_code == 200 and len(references(response)) == min(rows, 25)  # a page
    assert supervisor
