"""How well the unit works (reports.kpi, issue 23.5): hand-counted durations and on-time shares,
small n suppressed, the Council and supervisors only (and in their navigation), a query count that
does not grow with the records."""

import datetime

import pytest
from django.urls import reverse

from atip.roles import Role
from casework.returns import follow_up_record
from casework.services import plan_create, plan_update, review_add
from reports.kpi import measures, percentile
from tests.factories import RepatriationFactory, ServiceEpisodeFactory, UserFactory, VictimFactory
from victims.models import Victim

pytestmark = pytest.mark.django_db
PAGE = reverse("reports:performance")
REGISTERED = datetime.date(2024, 1, 2)
# Days from registration to identification: six people identified in 2024 Q1, one in Q2.
WAITS = [3, 10, 1, 7, 30, 14]


def identified(wait: int, registered=REGISTERED):
    return VictimFactory(
        registered_on=registered,
        status="identified",
        identification_date=registered + datetime.timedelta(days=wait),
    )


D = datetime.date
TODAY = D(2025, 1, 15)


def by_key():
    return {m.key: m for m in measures()}


def rows_of(key):
    return [(r.quarter, r.n, r.due, r.share) for r in by_key()[key].rows]


def test_nearest_rank_percentiles_by_hand():
    assert percentile([1, 3, 7, 10, 14, 30], 0.5) == 7
    assert percentile([1, 3, 7, 10, 14, 30], 0.9) == 30
    assert percentile([5], 0.9) == 5


def test_contact_to_decision_median_and_p90_per_quarter_with_n():
    for wait in WAITS:
        identified(wait)
    identified(2, registered=datetime.date(2024, 4, 1))  # alone in Q2
    rows = by_key()["contact_to_decision"].rows
    q1, q2 = rows
    # Sorted 1, 3, 7, 10, 14, 30: the 3rd is the median (nearest rank), the 6th the 90th percentile.
    assert (q1.quarter, q1.n, q1.median, q1.p90) == ("2024 Q1", 6, 7, 30)
    assert (q2.quarter, q2.n, q2.median, q2.p90) == ("2024 Q2", "<5", None, None)


def test_identification_to_first_service_counts_services_from_identification():
    for wait in (0, 2, 4, 6, 8):
        victim = identified(0)
        ServiceEpisodeFactory(
            victim=victim, start_date=REGISTERED - datetime.timedelta(days=1)
        )  # before: not it
        ServiceEpisodeFactory(victim=victim, start_date=REGISTERED + datetime.timedelta(days=wait))
    (row,) = by_key()["identification_to_service"].rows
    assert (row.n, row.median, row.p90) == (5, 4, 8)


# --- Care-plan reviews done by their due date ----------------------------------------------------


def plan(victim, first_review: datetime.date, *, by):
    return plan_create(victim=victim, by=by, data={"made_on": D(2024, 1, 2), "next_review_on": first_review})


def review(care_plan, on: datetime.date, *, by, next_on=None):
    data = {"reviewed_on": on, "participants": "The person; her worker", "changes": "Goals revised."}
    review_add(plan=care_plan, by=by, data={**data, "next_review_on": next_on}, closes_plan=next_on is None)
    care_plan.refresh_from_db()


def test_reviews_on_time_per_quarter_of_their_due_date_by_hand(freeze_clock):
    freeze_clock(TODAY)
    worker = UserFactory(role=Role.SOCIAL_WORKER)
    people = [VictimFactory(registered_on=D(2024, 1, 2)) for _ in range(6)]
    plans = [plan(person, D(2024, 2, 1), by=worker) for person in people[:5]]
    # 2024 Q1: five reviews due on 1 February.
    review(plans[0], D(2024, 1, 30), by=worker, next_on=D(2024, 4, 15))  # early: on time
    review(plans[1], D(2024, 2, 1), by=worker, next_on=D(2024, 5, 2))  # on the day: on time
    review(plans[2], D(2024, 2, 5), by=worker, next_on=D(2024, 6, 3))  # late
    review(plans[4], D(2024, 2, 20), by=worker)  # late, and closes the plan
    # plans[3] is never reviewed: late once 1 February has passed.
    # 2024 Q2: three people's reviews, fewer than 5: suppressed.
    review(plans[0], D(2024, 4, 10), by=worker, next_on=D(2025, 3, 1))  # on time; next not due yet
    # plans[1]'s 2 May review moved to July on the plan, then held in June: late all the same.
    plan_update(
        plan=plans[1], by=worker, data={"next_review_on": D(2024, 7, 1)}, expected_version=plans[1].version
    )
    plans[1].refresh_from_db()
    review(plans[1], D(2024, 6, 20), by=worker)
    review(plans[2], D(2024, 6, 3), by=worker)  # on time, closes
    # Someone archived (here: recorded twice) is left out.
    archived = plan(people[5], D(2024, 2, 1), by=worker)
    Victim.objects.filter(pk=archived.victim_id).update(
        archived_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
    )
    assert rows_of("reviews_on_time") == [
        ("2024 Q1", 5, 5, 40),  # 2 of 5 on time
        ("2024 Q2", "<5", None, None),
    ]


# --- Follow-ups after a return done by their due date ------------------------------------------


def returned(on: datetime.date, done: dict, *, by):
    """A completed return on `on` and its follow-ups done, {months: date}."""
    repatriation = RepatriationFactory(victim=VictimFactory(nationality="GT"), return_date=on)
    for months, day in done.items():
        follow_up_record(
            repatriation=repatriation, months=months, by=by, data={"done_on": day, "outcome": "settled"}
        )
    return repatriation


def test_follow_ups_on_time_per_quarter_of_their_due_date_by_hand(freeze_clock):
    freeze_clock(TODAY)
    worker = UserFactory(role=Role.SOCIAL_WORKER)
    # Five returns on 10 January 2024: follow-ups due 10 February (Q1), 10 April (Q2), 10 July (Q3)
    # and 10 January 2025 (2025 Q1).
    returned(
        D(2024, 1, 10), {1: D(2024, 2, 10), 3: D(2024, 4, 9), 6: D(2024, 7, 10)}, by=worker
    )  # on the day
    returned(D(2024, 1, 10), {1: D(2024, 2, 1), 3: D(2024, 4, 10)}, by=worker)  # early, on the day
    returned(D(2024, 1, 10), {1: D(2024, 2, 11), 3: D(2024, 4, 8)}, by=worker)  # a day late, early
    returned(D(2024, 1, 10), {1: D(2024, 3, 1)}, by=worker)  # late, then never
    returned(D(2024, 1, 10), {3: D(2024, 4, 30)}, by=worker)  # missed, then late
    # A sixth on 1 June 2024: the 1-month (1 July) on time and the 3-month (1 September) missed, both
    # in Q3; the 6-month (1 December, Q4) missed; the 12-month (1 June 2025) not due yet.
    returned(D(2024, 6, 1), {1: D(2024, 6, 28)}, by=worker)
    # Neither a return still planned nor one of someone archived counts.
    RepatriationFactory(status="planned", return_date=D(2024, 1, 10))
    gone = returned(D(2024, 1, 10), {}, by=worker)
    Victim.objects.filter(pk=gone.victim_id).update(
        archived_at=datetime.datetime(2024, 3, 1, tzinfo=datetime.UTC)
    )
    assert rows_of("follow_ups_on_time") == [
        ("2024 Q1", 5, 5, 40),  # 1 month: 2 of 5 on time
        ("2024 Q2", 5, 5, 60),  # 3 months: 3 of 5
        ("2024 Q3", 6, 7, 29),  # 6 months 1 of 5, the sixth's 1 and 3 months 1 of 2: 2 of 7, 28.6 %
        ("2024 Q4", "<5", None, None),  # the sixth alone
        ("2025 Q1", 5, 5, 0),  # 12 months: none
    ]


def test_nothing_due_yet_shows_no_row(freeze_clock):
    freeze_clock(TODAY)
    worker = UserFactory(role=Role.SOCIAL_WORKER)
    for _ in range(5):
        plan(VictimFactory(), TODAY + datetime.timedelta(days=1), by=worker)
        returned(TODAY - datetime.timedelta(days=20), {1: TODAY}, by=worker)  # done early, due next month
    assert rows_of("reviews_on_time") == [] and rows_of("follow_ups_on_time") == []


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.SUPERVISOR])
def test_the_council_and_supervisors_read_it_in_spanish_without_names(client, login, settings, role):
    login(role)
    victims = [identified(wait) for wait in WAITS]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get(PAGE).content.decode()
    assert "Qué tan bien trabaja la unidad" in page and "Días desde el primer contacto" in page
    assert "2024 T1" in page and "2024 Q1" not in page
    assert "Revisiones del plan de atención hechas a tiempo" in page
    assert "Seguimientos después de un retorno hechos a tiempo" in page
    assert all(v.family_name not in page and v.reference not in page for v in victims)


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.SUPERVISOR])
def test_their_navigation_leads_there_and_marks_it(client, login, role):
    login(role)
    statistics = reverse("reports:annual")
    assert f'href="{PAGE}"' in client.get(reverse("home")).content.decode()
    page = client.get(PAGE).content.decode()
    assert f'href="{PAGE}" aria-current="page"' in page
    assert f'href="{statistics}" aria-current' not in page  # the same app, another entry
    assert f'href="{statistics}" aria-current="page"' in client.get(statistics).content.decode()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.ADMINISTRATOR])
def test_no_one_else_is_shown_the_way(client, login, role):
    login(role)
    assert f'href="{PAGE}"' not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.ADMINISTRATOR])
def test_other_roles_get_404(client, login, role):
    login(role)
    assert client.get(PAGE).status_code == 404


@pytest.mark.parametrize("people", [6, 18])
def test_the_query_count_does_not_grow(client, login, django_assert_num_queries, freeze_clock, people):
    freeze_clock(TODAY)
    worker = UserFactory(role=Role.SOCIAL_WORKER)
    for i in range(people):
        victim = identified(i % 9)
        care_plan = plan(victim, D(2024, 2, 1), by=worker)
        review(care_plan, D(2024, 2, 1 + i % 5), by=worker, next_on=D(2024, 5, 1))
        returned(D(2024, 1, 10), {1: D(2024, 2, 1 + i)}, by=worker)
    login(Role.SECRETARY)
    # Expect 18 queries: the session read and saved again, the user and her role (4); the
    # request's and the session's savepoints (4); one per measure of durations or counts (6); the
    # care plans and their reviews, the returns and their follow-ups (4).
    with django_assert_num_queries(18):
        assert client.get(PAGE).status_code == 200
