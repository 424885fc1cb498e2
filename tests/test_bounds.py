"""Absurd dates and numbers (issue 8, point 9): a message next to the field, never a 500, and
nothing saved. Each test replays the request that answered 500 before."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.roles import Role
from cases.models import CaseVictim
from prevention.models import Activity
from prosecutions.models import Hearing
from tests.factories import CaseFactory, ChargeFactory, ProsecutionFactory, VictimFactory
from victims.models import Victim

pytestmark = pytest.mark.django_db
PRESUMED = {"given_name": "Ana", "sex": "female", "registered_on": "2024-05-01"}


@pytest.mark.parametrize(
    "field, value",
    [
        ("date_of_birth", "9999-12-31"),
        ("age_estimate", "2147483648"),
        ("age_estimate", "121"),
        ("age_estimate", "-1"),
        ("registered_on", "9999-12-31"),
    ],
)
def test_police_registering_a_presumed_victim(client, login, field, value):
    login(Role.POLICE)
    response = client.post(
        reverse("cases:register_victim", args=[CaseFactory().pk]), {**PRESUMED, field: value}
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Victim.objects.exists() and not CaseVictim.objects.exists()


@pytest.mark.parametrize("value", ["9999-12-31", "2999-01-01"])
def test_a_hearing_far_ahead(client, login, value):
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory()
    response = client.post(reverse("prosecutions:hearing_create", args=[prosecution.pk]), {"date": value})
    assert response.status_code == 200
    assert "years ahead" in response.context["form"].errors["date"][0]
    assert not Hearing.objects.exists()


def test_a_hearing_a_few_years_ahead_is_kept(client, login):
    login(Role.PROSECUTOR)
    prosecution = ProsecutionFactory()
    day = timezone.localdate() + datetime.timedelta(days=4 * 365)
    client.post(reverse("prosecutions:hearing_create", args=[prosecution.pk]), {"date": day.isoformat()})
    assert Hearing.objects.get().date == day


def test_a_sentence_of_absurd_length(client, login):
    login(Role.PROSECUTOR)
    charge = ChargeFactory()
    data = {
        "version": charge.version,
        "suspect": charge.suspect.pk,
        "offence": charge.offence,
        "outcome": "convicted",
        "verdict_date": "2020-09-01",
        "sentence_years": "2147483648",
    }
    response = client.post(reverse("prosecutions:charge_edit", args=[charge.pk]), data)
    assert response.status_code == 200
    assert "sentence_years" in response.context["form"].errors
    charge.refresh_from_db()
    assert charge.outcome == "pending"


def test_participants_beyond_any_audience(client, login):
    login(Role.SECRETARY)
    data = {
        "date": "2024-07-30",
        "kind": "campaign",
        "direct": "on",
        "title": "Blue Heart",
        "participants": "2147483648",
    }
    response = client.post(reverse("prevention:create"), data)
    assert response.status_code == 200
    assert "participants" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_planned_return_far_ahead(client, login):
    login(Role.SOCIAL_WORKER)
    victim = VictimFactory()
    data = {"destination_country": "GT", "status": "planned", "return_date": "9999-12-31"}
    response = client.post(reverse("services:repatriation_create", args=[victim.pk]), data)
    assert response.status_code == 200
    assert "years ahead" in response.context["form"].errors["return_date"][0]
