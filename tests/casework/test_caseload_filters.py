"""The caseload list's filters on what is recorded above victims (casework.filters): each is
defined where its meaning is, and each filters something."""

import datetime

import pytest
from django.urls import reverse

from atip.filters import ConditionFilter
from casework.filters import CaseloadFilter
from casework.models import CarePlan
from casework.selectors import review_overdue_q
from services.selectors import open_stay_q
from tests.casework import factories as make
from tests.factories import ServiceEpisodeFactory, VictimFactory
from victims.models import Victim

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = datetime.timedelta(days=1)


def having(condition) -> list[str]:
    return sorted(Victim.objects.filter(condition).values_list("given_name", flat=True))


def test_an_open_stay_is_one_the_person_sleeps_in_that_night():
    ended = VictimFactory(given_name="Ended")
    ServiceEpisodeFactory(victim=ended, start_date=D(2020, 3, 2), end_date=D(2020, 6, 1))
    still = VictimFactory(given_name="Still")
    ServiceEpisodeFactory(victim=still, start_date=D(2020, 5, 1))
    medical = VictimFactory(given_name="Medical")
    ServiceEpisodeFactory(victim=medical, service_type="medical", start_date=D(2020, 3, 2))
    assert having(open_stay_q(D(2020, 3, 1))) == []  # before any stay began
    assert having(open_stay_q(D(2020, 3, 2))) == ["Ended"]  # from its first day
    assert having(open_stay_q(D(2020, 5, 31))) == ["Ended", "Still"]
    assert having(open_stay_q(D(2020, 6, 1))) == ["Still"]  # moved out that day
    assert having(open_stay_q(D(2024, 1, 1))) == ["Still"]  # no end date: open since


def test_a_review_is_overdue_from_the_day_after_it_was_due(today):
    due = VictimFactory(given_name="Due")
    make.plan(due, next_review_on=today)
    closed = make.plan(VictimFactory(given_name="Closed"), next_review_on=today - 3 * DAY)
    CarePlan.objects.filter(pk=closed.pk).update(closed_on=today - 3 * DAY)  # as its last review does
    assert having(review_overdue_q(today)) == []
    assert having(review_overdue_q(today + DAY)) == ["Due"]


def test_every_condition_of_the_list_filters_something(client, login, today):
    """A condition that matched nothing, or everything, would list the whole caseload both ways."""
    login()
    staying = VictimFactory(given_name="Staying")
    ServiceEpisodeFactory(victim=staying, start_date=today - 5 * DAY)
    make.plan(VictimFactory(given_name="Overdue"), next_review_on=today - DAY)
    VictimFactory(given_name="Nothing")
    conditions = [name for name, f in CaseloadFilter.base_filters.items() if isinstance(f, ConditionFilter)]
    assert sorted(conditions) == ["in_care", "open_stay", "review_overdue"]
    everyone = {"Staying", "Overdue", "Nothing"}
    for name in conditions:
        listed = {
            answer: {
                v.given_name for v in client.get(reverse("victims:list"), {name: answer}).context["page"]
            }
            for answer in ("true", "false")
        }
        assert listed["true"] and listed["false"], name
        assert listed["true"] | listed["false"] == everyone and not listed["true"] & listed["false"], name
