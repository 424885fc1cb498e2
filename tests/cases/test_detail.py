import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from cases.services import case_update
from tests.factories import CaseFactory, ChargeFactory, ProsecutionFactory, SuspectFactory, VictimFactory

pytestmark = pytest.mark.django_db


def url(case):
    return reverse("cases:detail", args=[case.pk])


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR])
def test_it_works_and_is_audited(client, login, role):
    user = login(role)
    case = CaseFactory(summary="Bar on the highway", victims=[VictimFactory(given_name="Rosa")])
    SuspectFactory(case=case, given_name="Tomas")
    body = client.get(url(case)).content.decode()
    assert case.reference in body
    assert "Bar on the highway" in body
    assert "Tomas" in body
    event = AuditEvent.objects.get(action="view", object_type="case")
    assert (event.user, event.object_id) == (user, str(case.pk))


def test_police_see_victims_names_and_can_manage(client, login):
    login(Role.POLICE)
    case = CaseFactory(victims=[VictimFactory(given_name="Rosa")])
    body = client.get(url(case)).content.decode()
    assert "Rosa" in body
    assert reverse("cases:edit", args=[case.pk]) in body
    assert reverse("prosecutions:create", args=[case.pk]) not in body


def test_prosecutors_see_victims_only_once_prosecuted(client, login):
    login(Role.PROSECUTOR)
    case = CaseFactory(victims=[VictimFactory(given_name="Rosa")])
    body = client.get(url(case)).content.decode()
    assert "Rosa" not in body
    assert "1 victim listed" in body
    assert reverse("cases:edit", args=[case.pk]) not in body
    assert reverse("prosecutions:create", args=[case.pk]) not in body  # not referred (issue 19.7)
    ProsecutionFactory(case=case, move_case=True)
    assert reverse("prosecutions:create", args=[case.pk]) in client.get(url(case)).content.decode()
    assert "Rosa" in client.get(url(case)).content.decode()


def test_social_workers_see_status_and_dates_only(client, login):
    login(Role.SOCIAL_WORKER)
    victim = VictimFactory(given_name="Rosa")
    case = CaseFactory(summary="Bar on the highway", source="ngo", victims=[victim])
    SuspectFactory(case=case, given_name="Tomas", family_name="Trafficker")
    ChargeFactory(prosecution=ProsecutionFactory(case=case, notes="Strategy"), suspect=case.suspects.get())
    body = client.get(url(case)).content.decode()
    assert "Reported" in body and case.reference in body
    assert victim.reference in body
    # "Source" (its label) rather than "NGO": a page's CSRF token may hold any three letters.
    for hidden in ("Bar on the highway", "Tomas", "Trafficker", "Source", "Strategy", "Previous versions"):
        assert hidden not in body, hidden
    assert "Pending" in body  # the outcome of the charge


def test_it_hides_unlinked_cases_from_social_workers(client, login):
    login(Role.SOCIAL_WORKER)
    case = CaseFactory()
    assert client.get(url(case)).status_code == 404
    assert AuditEvent.objects.filter(action="denied", object_id=str(case.pk)).exists()


def test_it_answers_404_for_a_missing_case(client, login):
    login(Role.POLICE)
    assert client.get("/cases/999999/").status_code == 404


def test_it_shows_the_history(client, login):
    user = login(Role.POLICE)
    case = CaseFactory(summary="First")
    case_update(case=case, by=user, data={"summary": "Second"}, expected_version=case.version)
    body = client.get(url(case)).content.decode()
    assert "Previous versions" in body
    assert "First → Second" in body
