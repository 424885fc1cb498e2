import datetime
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.roles import Role
from prevention import demo
from prevention.models import Activity
from tests.factories import ActivityFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db


def test_the_secretary_home_shows_this_year(client, login):
    login(Role.SECRETARY)
    today = timezone.localdate()
    ActivityFactory(date=today.replace(month=1, day=2), participants=30)
    ActivityFactory(date=today.replace(month=1, day=2), kind="campaign")
    ActivityFactory(date=datetime.date(today.year - 1, 5, 1), participants=99)
    VictimFactory(
        status="identified",
        identification_date=today.replace(month=1, day=3),
        registered_on=today.replace(month=1, day=1),
        nationality="",
    )
    response = client.get(reverse("home"))
    context = response.context
    assert context["prevention"] == {"trainings": 1, "people_trained": 30, "indirect_activities": 0}
    assert context["campaign_count"] == 1
    assert context["quality"]["missing_nationality"] == 1
    body = response.content.decode()
    assert reverse("reports:export", args=[today.year, "pdf"]) in body
    assert f"{reverse('reports:annual')}?year={today.year}" in body


def test_the_demo_has_activities_of_every_kind_and_a_blue_heart_each_year():
    users = {role: UserFactory(role=role) for role in Role}
    demo.seed(rng=random.Random(11), users=users)
    activities = Activity.objects.all()
    assert 25 <= activities.count() <= 40
    assert set(activities.values_list("kind", flat=True)) == {"training", "campaign", "other"}
    assert activities.filter(direct=False).exists()
    years = set(activities.filter(title="Blue Heart Campaign").values_list("date__year", flat=True))
    assert years == {y for y in range(2018, 2027) if datetime.date(y, 7, 30) <= timezone.localdate()}
    assert not activities.filter(date__gt=timezone.localdate()).exists()
    assert len(set(activities.exclude(audience="").values_list("audience", flat=True))) >= 10
