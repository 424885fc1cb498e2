import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from tests.factories import (
    CaseFactory,
    ChargeFactory,
    HearingFactory,
    ProsecutionFactory,
    SuspectFactory,
    VictimFactory,
)

pytestmark = pytest.mark.django_db


def url(prosecution):
    return reverse("prosecutions:detail", args=[prosecution.pk])


def make(victims=()):
    case = CaseFactory(victims=list(victims))
    suspect = SuspectFactory(case=case, given_name="Tomas", family_name="Trafficker")
    prosecution = ProsecutionFactory(case=case, notes="Trial strategy")
    ChargeFactory(
        prosecution=prosecution,
        suspect=suspect,
        outcome="convicted",
        verdict_date=datetime.date(2021, 3, 4),
        sentence_months=96,
    )
    HearingFactory(prosecution=prosecution, date=datetime.date(2020, 9, 1), note="Bail hearing")
    return prosecution


@pytest.mark.parametrize("role", [Role.PROSECUTOR, Role.POLICE])
def test_it_works_and_is_audited(client, login, role):
    user = login(role)
    prosecution = make()
    body = client.get(url(prosecution)).content.decode()
    for shown in ("Tomas Trafficker", "Convicted", "8 years", "Bail hearing", "Trial strategy"):
        assert shown in body, shown
    event = AuditEvent.objects.get(action="view", object_type="prosecution")
    assert (event.user, event.object_id) == (user, str(prosecution.pk))


def test_only_prosecutors_see_the_actions(client, login):
    prosecution = make()
    login(Role.PROSECUTOR)
    assert (
        reverse("prosecutions:charge_create", args=[prosecution.pk])
        in client.get(url(prosecution)).content.decode()
    )
    login(Role.POLICE)
    assert (
        reverse("prosecutions:charge_create", args=[prosecution.pk])
        not in client.get(url(prosecution)).content.decode()
    )


def test_social_workers_see_status_and_outcome_only(client, login):
    login(Role.SOCIAL_WORKER)
    prosecution = make(victims=[VictimFactory()])
    body = client.get(url(prosecution)).content.decode()
    assert "Convicted" in body and "2021-03-04" in body
    for hidden in ("Tomas", "Trafficker", "Bail hearing", "Trial strategy", "8 years"):
        assert hidden not in body, hidden


def test_social_workers_get_404_on_an_unlinked_prosecution(client, login):
    login(Role.SOCIAL_WORKER)
    assert client.get(url(make())).status_code == 404
