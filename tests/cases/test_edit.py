import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import CaseFactory

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


def test_it_rejects_a_report_date_after_the_status_history(client, login):
    login(Role.POLICE)
    case = CaseFactory()
    from cases.services import case_set_status

    case_set_status(case=case, by=None, status="investigating", changed_on=case.reported_on)
    case.refresh_from_db()
    response = client.post(url(case), data(case, reported_on="2020-03-01"))
    assert "reported_on" in response.context["form"].errors


def test_social_workers_get_404_on_an_unlinked_case(client, login):
    login(Role.SOCIAL_WORKER)
    assert client.get(url(CaseFactory())).status_code == 404
