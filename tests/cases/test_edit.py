import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import CaseFactory, VictimFactory

pytestmark = pytest.mark.django_db


def url(case):
    return reverse("cases:edit", args=[case.pk])


def data(case, **overrides):
    return {
        "version": case.version,
        "reported_on": case.reported_on.isoformat(),
        "source": case.source,
        "district": case.district,
        "summary": case.summary,
        **overrides,
    }


def test_it_works(client, login):
    login(Role.POLICE)
    case = CaseFactory()
    response = client.post(url(case), data(case, summary="Two victims at a bar"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.summary == "Two victims at a bar"
    assert case.version == 2
    assert AuditEvent.objects.filter(action="change", object_id=str(case.pk)).exists()


def test_a_stale_save_is_refused_and_overwrites_nothing(client, login):
    login(Role.POLICE)
    case = CaseFactory()
    stale = data(case, summary="Mine")
    client.post(url(case), data(case, summary="Theirs"))
    response = client.post(url(case), stale)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    case.refresh_from_db()
    assert case.summary == "Theirs"


def test_it_rejects_a_report_date_after_the_status_history(client, login):
    login(Role.POLICE)
    case = CaseFactory()
    from cases.services import case_set_status

    case_set_status(case=case, by=None, status="investigating", changed_on=case.reported_on)
    case.refresh_from_db()
    response = client.post(url(case), data(case, reported_on="2020-03-01"))
    assert "reported_on" in response.context["form"].errors


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.SOCIAL_WORKER])
def test_readers_get_403(client, login, role):
    login(role)
    case = CaseFactory(victims=[VictimFactory()])
    assert client.post(url(case), data(case, summary="x")).status_code == 403
    case.refresh_from_db()
    assert case.summary != "x"


def test_social_workers_get_404_on_an_unlinked_case(client, login):
    login(Role.SOCIAL_WORKER)
    assert client.get(url(CaseFactory())).status_code == 404


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.ADMINISTRATOR])
def test_others_get_404(client, login, role):
    login(role)
    assert client.get(url(CaseFactory())).status_code == 404


def test_it_rejects_delete(client, login):
    login(Role.POLICE)
    assert client.delete(url(CaseFactory())).status_code == 405
