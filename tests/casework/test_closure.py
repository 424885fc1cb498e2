"""Issue 20.4 (and the approvals of 20.1): a case closes with a reason once a supervisor
approves; it can be reopened with a reason; closed people leave the worklist; figures do not
change; a care plan waits for a supervisor's approval, never her own."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.models import AuditEvent
from atip.roles import Role
from casework.models import CarePlan, Closure, ClosureStatus
from reports.figures import compute_figures
from tests.casework import factories as make
from tests.factories import ServiceEpisodeFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db

SW, SU, PO, SE = Role.SOCIAL_WORKER, Role.SUPERVISOR, Role.POLICE, Role.SECRETARY
CLOSED_ON = datetime.date(2024, 6, 1)


@pytest.fixture
def ana():
    return UserFactory(username="ana")


@pytest.fixture
def rosa(ana):
    return VictimFactory(
        responsible_worker=ana, identification_date=datetime.date(2020, 3, 5), status="identified"
    )


def close(client, victim, **data):
    form = {"reason": "reintegrated", "closed_on": CLOSED_ON.isoformat(), "note": "", **data}
    return client.post(reverse("casework:closure_create", args=[victim.pk]), form)


def decide(client, closure, decision="approve", note=""):
    url = reverse("casework:closure_decide", args=[closure.pk])
    return client.post(url, {"decision": decision, "note": note, "version": closure.version})


def test_a_closure_waits_for_the_supervisor_then_closes_the_case(client, ana, rosa, login):
    client.force_login(ana)
    assert close(client, rosa).status_code == 302
    closure = Closure.objects.get()
    rosa.refresh_from_db()
    assert closure.status == ClosureStatus.WAITING and rosa.closed_on is None
    login(SU)
    home = client.get(reverse("home")).content.decode()
    assert reverse("casework:closure_decide", args=[closure.pk]) in home  # waiting on her home
    assert decide(client, closure).status_code == 302
    rosa.refresh_from_db()
    assert rosa.closed_on == CLOSED_ON
    assert AuditEvent.objects.filter(object_id=str(rosa.pk), detail__contains="closed").exists()


def test_other_needs_a_note_and_a_reason_must_be_on_the_list(client, ana, rosa):
    client.force_login(ana)
    response = close(client, rosa, reason="other")
    assert response.status_code == 200 and response.context["form"].errors["note"]
    response = close(client, rosa, reason="got_bored")
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert not Closure.objects.exists()


def test_a_case_is_not_closed_twice(client, ana, rosa):
    client.force_login(ana)
    close(client, rosa)
    response = close(client, rosa)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert Closure.objects.count() == 1


def test_a_social_worker_may_not_approve_and_a_supervisor_not_her_own(client, ana, rosa, login):
    client.force_login(ana)
    close(client, rosa)
    closure = Closure.objects.get()
    assert decide(client, closure).status_code == 403
    supervisor = login(SU)
    other = VictimFactory()
    close(client, other)
    own = Closure.objects.get(victim=other)
    response = decide(client, own)
    assert response.status_code == 200 and "your own request" in response.content.decode()
    own.refresh_from_db()
    assert own.status == ClosureStatus.WAITING and supervisor


@pytest.mark.parametrize("role, status", [(PO, 404), (SE, 404)])
def test_other_roles_never_reach_closures(client, ana, rosa, login, role, status):
    client.force_login(ana)
    close(client, rosa)
    closure = Closure.objects.get()
    login(role)
    assert close(client, rosa).status_code == status
    assert decide(client, closure).status_code == status
    assert Closure.objects.get().status == ClosureStatus.WAITING


def test_a_refusal_needs_a_note_and_leaves_the_case_open(client, ana, rosa, login):
    client.force_login(ana)
    close(client, rosa)
    closure = Closure.objects.get()
    login(SU)
    response = decide(client, closure, "refuse")
    assert response.status_code == 200 and response.context["form"].errors["note"]
    assert decide(client, closure, "refuse", "Her court date is next month.").status_code == 302
    rosa.refresh_from_db()
    assert rosa.closed_on is None and Closure.objects.get().status == ClosureStatus.REFUSED


def test_a_closed_case_reopens_with_a_reason(client, ana, rosa, login):
    client.force_login(ana)
    close(client, rosa)
    closure = Closure.objects.get()
    login(SU)
    decide(client, closure)
    closure.refresh_from_db()
    client.force_login(ana)
    url = reverse("casework:closure_reopen", args=[closure.pk])
    response = client.post(url, {"reason": "", "version": closure.version})
    assert response.status_code == 200 and response.context["form"].errors["reason"]
    assert client.post(url, {"reason": "She came back.", "version": closure.version}).status_code == 302
    rosa.refresh_from_db()
    assert rosa.closed_on is None and Closure.objects.get().status == ClosureStatus.REOPENED


def test_closed_people_leave_the_worklist(client, ana, rosa, login):
    today = timezone.localdate()
    make.plan(
        rosa, made_on=today - datetime.timedelta(days=40), next_review_on=today - datetime.timedelta(days=3)
    )
    client.force_login(ana)
    url = reverse("casework:worklist", args=["reviews-overdue"])
    assert rosa.reference in client.get(url).content.decode()
    close(client, rosa, closed_on=today.isoformat())
    login(SU)
    decide(client, Closure.objects.get())
    client.force_login(ana)
    assert rosa.reference not in client.get(url, {"caseload": "all"}).content.decode()


def test_figures_are_unchanged_by_closure(client, ana, rosa, login):
    ServiceEpisodeFactory(victim=rosa, start_date=datetime.date(2020, 3, 2))
    before = compute_figures(2020)
    client.force_login(ana)
    close(client, rosa)
    login(SU)
    decide(client, Closure.objects.get())
    rosa.refresh_from_db()
    assert rosa.closed_on == CLOSED_ON
    assert compute_figures(2020) == before


def test_a_care_plan_waits_for_a_supervisors_approval_not_its_authors(client, ana, rosa, login):
    plan = make.plan(rosa, by=ana)
    assert not plan.is_approved
    client.force_login(ana)
    page = client.get(rosa.get_absolute_url()).content.decode()
    assert "waits for a supervisor" in page and "Approve the plan" not in page
    url = reverse("casework:plan_approve", args=[plan.pk])
    assert client.post(url, {"version": plan.version}).status_code == 403
    supervisor = login(SU)
    assert "Approve the plan" in client.get(rosa.get_absolute_url()).content.decode()
    assert client.post(url, {"version": plan.version}).status_code == 302
    plan = CarePlan.objects.get()
    assert plan.approved_by == supervisor and plan.is_approved
    own = make.plan(VictimFactory(), by=supervisor)
    client.post(reverse("casework:plan_approve", args=[own.pk]), {"version": own.version})
    own.refresh_from_db()
    assert not own.is_approved
