import datetime

import pytest
from django.urls import reverse

from atip.roles import Role
from tests.factories import VictimFactory

pytestmark = pytest.mark.django_db


def url(victim):
    return reverse("victims:decide", args=[victim.pk])


def test_it_identifies_a_presumed_victim(client, login):
    user = login()
    victim = VictimFactory(registered_on=datetime.date(2020, 3, 1))
    data = {"status": "identified", "decided_on": "2020-04-01", "identified_by": "police"}
    response = client.post(url(victim), data)
    assert response.status_code == 302
    victim.refresh_from_db()
    assert victim.identification_status == "identified"
    assert victim.identification_date == datetime.date(2020, 4, 1)
    assert victim.identified_by == "police"
    latest = victim.decisions.first()
    assert (latest.status, latest.recorded_by) == ("identified", user)
    assert victim.decisions.count() == 2


def test_it_screens_out(client, login):
    login()
    victim = VictimFactory()
    client.post(url(victim), {"status": "not_victim", "decided_on": "2020-04-01"})
    victim.refresh_from_db()
    assert victim.identification_status == "not_victim"
    assert victim.identification_date is None


def test_a_reversal_needs_a_note(client, login):
    login()
    victim = VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1))
    response = client.post(url(victim), {"status": "not_victim", "decided_on": "2020-05-01"})
    assert "reversal" in " ".join(response.context["form"].errors["note"])
    victim.refresh_from_db()
    assert victim.identification_status == "identified"
    client.post(url(victim), {"status": "not_victim", "decided_on": "2020-05-01", "note": "New evidence."})
    victim.refresh_from_db()
    assert victim.identification_status == "not_victim"
    assert [d.status for d in victim.decisions.all()] == ["not_victim", "identified", "presumed"]


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"status": "identified", "decided_on": "2020-04-01"}, "identified_by", "which institution"),
        (
            {"status": "identified", "decided_on": "2999-01-01", "identified_by": "police"},
            "decided_on",
            "future",
        ),
        (
            {"status": "identified", "decided_on": "1999-01-01", "identified_by": "police"},
            "decided_on",
            "before",
        ),
        (
            {"status": "identified", "decided_on": "2020-02-01", "identified_by": "police"},
            "decided_on",
            "before the date of the current decision (2020-03-01)",
        ),
        ({"status": "presumed", "decided_on": "2020-04-01"}, "status", "not one of the available choices"),
        ({"status": "identified", "decided_on": "", "identified_by": "police"}, "decided_on", "required"),
    ],
)
def test_rules_at_the_edges(client, login, data, field, message):
    login()
    victim = VictimFactory(date_of_birth=datetime.date(2000, 1, 1), registered_on=datetime.date(2020, 3, 1))
    response = client.post(url(victim), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    victim.refresh_from_db()
    assert victim.identification_status == "presumed"
    assert victim.decisions.count() == 1


def test_decision_on_the_same_day_as_registration_is_allowed(client, login):
    login()
    victim = VictimFactory(registered_on=datetime.date(2020, 3, 1))
    client.post(url(victim), {"status": "identified", "decided_on": "2020-03-01", "identified_by": "ngo"})
    victim.refresh_from_db()
    assert victim.identification_status == "identified"


@pytest.mark.parametrize("role", [Role.POLICE, Role.PROSECUTOR])
def test_a_victim_not_linked_to_their_cases_is_404(client, login, role):
    login(role)
    assert client.get(url(VictimFactory())).status_code == 404
