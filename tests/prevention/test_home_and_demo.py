"""The demo data set of prevention (the secretary's home page is tested in tests/reports)."""

import datetime
import random

import pytest
from django.utils import timezone

from atip.roles import Role
from prevention import demo
from prevention.models import Activity
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_has_activities_of_every_kind_and_a_blue_heart_each_year():
    users = {role: UserFactory(role=role) for role in Role}
    demo.seed(rng=random.Random(11), users=users)
    activities = Activity.objects.all()
    assert 25 <= activities.count() <= 40
    assert set(activities.values_list("kind", flat=True)) == {"training", "campaign", "other"}
    assert activities.filter(direct=False).exists()
    years = set(activities.filter(title="Blue Heart Campaign").values_list("date__year", flat=True))
    assert years == {y for y in demo.YEARS if datetime.date(y, 7, 30) <= timezone.localdate()}
    assert not activities.filter(date__gt=timezone.localdate()).exists()
    assert len(set(activities.exclude(audience="").values_list("audience", flat=True))) >= 10
