import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from atip.roles import Role
from services.models import Repatriation
from tests.factories import CaseFactory, RepatriationFactory, VictimFactory

pytestmark = pytest.mark.django_db


def url(victim):
    return reverse("services:repatriation_create", args=[victim.pk])


def test_it_records_a_completed_repatriation(client, login):
    login()
    victim = VictimFactory(nationality="HN")
    data = {
        "destination_country": "HN",
        "status": "completed",
        "return_date": "2021-05-04",
        "assisted_by": "IOM",
    }
    assert client.post(url(victim), data).status_code == 302
    repatriation = Repatriation.objects.get()
    assert (repatriation.destination_country.code, repatriation.assisted_by) == ("HN", "IOM")


def test_a_planned_one_needs_no_date(client, login):
    login()
    client.post(url(VictimFactory(nationality="HN")), {"destination_country": "HN", "status": "planned"})
    assert Repatriation.objects.get().return_date is None


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"destination_country": "BZ", "status": "planned"}, "destination_country", "cannot be Belize"),
        ({"destination_country": "HN", "status": "completed"}, "return_date", "needs its return date"),
        (
            {"destination_country": "HN", "status": "completed", "return_date": "2999-01-01"},
            "return_date",
            "future",
        ),
        ({"destination_country": "HN", "status": "gone"}, "status", "not one of the available"),
        ({"destination_country": "", "status": "planned"}, "destination_country", "required"),
    ],
)
def test_rules(client, login, data, field, message):
    login()
    response = client.post(url(VictimFactory()), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Repatriation.objects.count() == 0


def test_police_read_destination_and_date_only(client, login):
    login(Role.POLICE)
    repatriation = RepatriationFactory(assisted_by="Hidden organisation")
    CaseFactory(victims=[repatriation.victim])
    response = client.get(repatriation.victim.get_absolute_url())
    assertContains(response, '<tr><td>Guatemala</td><td class="text-nowrap">2020-06-01</td></tr>', html=True)
    body = response.content.decode()
    assert "Hidden organisation" not in body
    assert reverse("services:repatriation_edit", args=[repatriation.pk]) not in body


def test_the_panel_shows_no_template_comment(client, login):
    """Django's {# #} comments end with their line: a longer one was shown on every person's page."""
    login()
    body = client.get(VictimFactory().get_absolute_url()).content.decode()
    assert "{#" not in body and "#}" not in body
