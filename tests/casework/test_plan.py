"""Needs and risk assessment → care plan → reviews (issue 10, point 3)."""

import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from casework.models import Assessment, CarePlan, Goal, Review
from casework.services import review_add
from casework.worklist import goals_past_target, reviews_due, reviews_overdue
from tests.casework import factories as make
from tests.factories import UserFactory, VictimFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_it_records_an_assessment_with_needs_by_domain(client, login, today):
    login()
    victim = VictimFactory()
    response = client.post(
        reverse("casework:assessment_create", args=[victim.pk]),
        {
            "assessed_on": "2025-03-01",
            "risk": "high",
            "risk_basis": "The recruiter phones the family.",
            "need_safety": "A place the recruiter does not know.",
            "need_interpretation": "Q'eqchi' interpreter.",
        },
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.needs == [
        ("Safety", "A place the recruiter does not know."),
        ("Interpretation", "Q'eqchi' interpreter."),
    ]
    body = client.get(victim.get_absolute_url()).content.decode()
    assert "High risk" in body and "The recruiter phones the family." in body


def test_an_assessment_needs_the_basis_of_its_risk_level(client, login, today):
    login()
    response = client.post(
        reverse("casework:assessment_create", args=[VictimFactory().pk]),
        {"assessed_on": "2025-03-01", "risk": "extreme", "risk_basis": ""},
    )
    errors = response.context["form"].errors
    assert "not one of the available" in errors["risk"][0] and "required" in errors["risk_basis"][0]


def test_a_plan_starts_with_its_first_review_then_asks_for_a_goal(client, login, today):
    login()
    victim = VictimFactory()
    assessment = make.assessment(victim)
    url = reverse("casework:plan_create", args=[victim.pk])
    missing = client.post(url, {"made_on": "2025-03-01", "assessment": assessment.pk})
    assert "required" in missing.context["form"].errors["next_review_on"][0]
    response = client.post(
        url, {"made_on": "2025-03-01", "assessment": assessment.pk, "next_review_on": "2025-04-01"}
    )
    plan = CarePlan.objects.get()
    assert response.url == reverse("casework:goal_create", args=[plan.pk])
    assert (plan.assessment, plan.next_review_on) == (assessment, datetime.date(2025, 4, 1))
    response = client.post(
        response.url,
        {
            "domain": "documentation",
            "description": "A new passport.",
            "agency": "consulate",
            "agency_country": "GT",
            "agency_name": "typed by mistake",
            "target_on": "2025-05-01",
        },
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.agency_label, goal.agency_name, goal.status) == ("Consulate of Guatemala", "", "open")


def test_a_plan_cannot_review_before_it_is_made_nor_use_another_persons_assessment(client, login, today):
    login()
    victim = VictimFactory()
    other = make.assessment(VictimFactory())
    response = client.post(
        reverse("casework:plan_create", args=[victim.pk]),
        {"made_on": "2025-03-01", "assessment": other.pk, "next_review_on": "2025-02-01"},
    )
    errors = response.context["form"].errors
    assert "not one of the available" in errors["assessment"][0]
    assert "before the date the plan was made" in errors["next_review_on"][0]


def test_one_open_plan_at_a_time(client, login, today):
    login()
    victim = VictimFactory()
    make.plan(victim)
    response = client.post(
        reverse("casework:plan_create", args=[victim.pk]),
        {"made_on": "2025-03-01", "next_review_on": "2025-04-01"},
    )
    assert "already has a care plan in progress" in str(response.context["form"].non_field_errors())
    assert CarePlan.objects.count() == 1


def test_a_review_sets_the_next_one_and_the_last_closes_the_plan(client, login, today):
    login()
    plan = make.plan(VictimFactory(), next_review_on=datetime.date(2025, 3, 10))
    url = reverse("casework:review_create", args=[plan.pk])
    review = {"reviewed_on": "2025-03-11", "participants": "The person; M. Pop", "changes": "Started school."}
    missing = client.post(url, review)
    assert "next review" in " ".join(missing.context["form"].errors["next_review_on"])
    same_day = client.post(url, {**review, "next_review_on": "2025-03-11"})
    assert "not after this one" in " ".join(same_day.context["form"].errors["next_review_on"])
    assert client.post(url, {**review, "next_review_on": "2025-04-11"}).status_code == 302
    plan.refresh_from_db()
    assert plan.next_review_on == datetime.date(2025, 4, 11) and plan.is_open
    assert plan.history.count() == 2  # the plan's date moved, its earlier version kept
    earlier = client.post(url, {**review, "reviewed_on": "2025-03-01", "next_review_on": "2025-04-11"})
    assert "latest review was on 2025-03-11" in " ".join(earlier.context["form"].errors["reviewed_on"])
    closing = {**review, "reviewed_on": "2025-03-12", "closes_plan": "on"}
    assert client.post(url, {**closing, "next_review_on": "2025-05-01"}).status_code == 200
    assert client.post(url, closing).status_code == 302
    plan.refresh_from_db()
    assert (plan.closed_on, plan.next_review_on) == (datetime.date(2025, 3, 12), None)
    assert Review.objects.count() == 2
    closed = client.post(url, {**review, "reviewed_on": "2025-03-12", "next_review_on": "2025-04-11"})
    assert "was closed on 2025-03-12" in str(closed.context["form"].non_field_errors())
    # A new plan may start now.
    make.plan(plan.victim)


def test_correcting_the_latest_review_moves_the_plans_next_review(client, login, today):
    login()
    plan = make.plan(VictimFactory())
    client.post(
        reverse("casework:review_create", args=[plan.pk]),
        {
            "reviewed_on": "2025-03-11",
            "participants": "M. Pop",
            "changes": "None.",
            "next_review_on": "2025-04-11",
        },
    )
    review = Review.objects.get()
    response = client.post(
        reverse("casework:review_edit", args=[review.pk]),
        {
            "reviewed_on": "2025-03-11",
            "participants": "M. Pop",
            "changes": "None.",
            "next_review_on": "2025-04-18",
            "version": review.version,
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.next_review_on == datetime.date(2025, 4, 18)


def test_dropping_a_goal_needs_a_note(client, login, today):
    login()
    goal = make.goal(make.plan(VictimFactory()))
    url = reverse("casework:goal_edit", args=[goal.pk])
    data = {
        "domain": goal.domain,
        "description": goal.description,
        "agency": goal.agency,
        "target_on": "2020-05-01",
        "status": "dropped",
        "version": goal.version,
    }
    response = client.post(url, data)
    assert "Say why" in " ".join(response.context["form"].errors["status_note"])
    assert client.post(url, {**data, "status_note": "Returned home."}).status_code == 302
    goal.refresh_from_db()
    assert goal.status == "dropped"
    assert AuditEvent.objects.filter(detail=f"goal {goal.pk}: dropped").exists()


@pytest.mark.parametrize(
    "next_review, overdue, due",
    [
        (-1, True, False),  # yesterday: overdue
        (0, False, True),  # today: due this week, not overdue
        (6, False, True),  # the sixth day after today: still this week
        (7, False, False),  # a week from today: not yet
    ],
)
def test_a_review_is_due_this_week_or_overdue(today, next_review, overdue, due):
    victim = VictimFactory()
    make.plan(victim, next_review_on=today + next_review * DAY)
    user = UserFactory()
    assert reviews_overdue(user=user, today=today).exists() is overdue
    assert reviews_due(user=user, today=today).exists() is due


def test_a_closed_plan_or_an_archived_person_has_no_review_due(today):
    victim = VictimFactory()
    plan = make.plan(victim, next_review_on=today - DAY)
    user = UserFactory()
    assert reviews_overdue(user=user, today=today).get() == plan
    CarePlan.objects.filter(pk=plan.pk).update(closed_on=today, next_review_on=None)
    assert not reviews_overdue(user=user, today=today).exists()


@pytest.mark.parametrize("target, past", [(-1, True), (0, False), (1, False)])
def test_a_goal_is_past_its_target_the_day_after(today, target, past):
    goal = make.goal(make.plan(VictimFactory()), target_on=today + target * DAY)
    assert (goal in goals_past_target(user=UserFactory(), today=today)) is past


def test_an_achieved_goal_is_never_past_its_target(today):
    goal = make.goal(make.plan(VictimFactory()), target_on=today - 30 * DAY)
    Goal.objects.filter(pk=goal.pk).update(status="achieved")
    assert not goals_past_target(user=UserFactory(), today=today).exists()


def test_a_plan_cannot_be_made_after_its_first_review(client, login, today):
    login()
    plan = make.plan(VictimFactory(), next_review_on=datetime.date(2020, 4, 1))
    review_add(
        plan=plan,
        by=UserFactory(),
        data={
            "reviewed_on": datetime.date(2020, 4, 1),
            "participants": "x",
            "changes": "y",
            "next_review_on": today,
        },
    )
    plan.refresh_from_db()
    response = client.post(
        reverse("casework:plan_edit", args=[plan.pk]),
        {"made_on": "2020-04-02", "next_review_on": "2025-04-01", "version": plan.version},
    )
    assert "reviewed on 2020-04-01" in " ".join(response.context["form"].errors["made_on"])
