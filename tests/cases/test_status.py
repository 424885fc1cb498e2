import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from cases.models import Case, CaseStatusChange
from cases.services import case_set_status
from tests.clock import NEW_YEAR
from tests.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
MARCH_2020 = D(2020, 3, 1)


def move(case, status, on=MARCH_2020, **kwargs):
    return case_set_status(case=case, by=None, status=status, changed_on=on, **kwargs)


def errors(case, status, **kwargs):
    with pytest.raises(ValidationError) as info:
        move(case, status, **kwargs)
    return info.value.message_dict


def test_the_normal_path_keeps_each_change():
    user = UserFactory(role=Role.POLICE)
    case = CaseFactory()
    case_set_status(case=case, by=user, status="investigating", changed_on=D(2020, 2, 10))
    case_set_status(case=case, by=user, status="prosecution", changed_on=D(2020, 5, 1))
    case_set_status(case=case, by=user, status="closed", changed_on=D(2021, 1, 1), closing_reason="Convicted")
    case.refresh_from_db()
    assert (case.status, case.closing_reason, case.version) == ("closed", "Convicted", 4)
    assert case.investigation_opened_on == D(2020, 2, 10)
    assert list(CaseStatusChange.objects.order_by("id").values_list("status", "changed_by")) == [
        ("reported", None),  # by the factory, when the case was recorded
        ("investigating", user.pk),
        ("prosecution", user.pk),
        ("closed", user.pk),
    ]
    assert AuditEvent.objects.filter(action="change", object_type="case").count() == 3


def test_reopening_the_investigation_keeps_the_date_it_first_opened():
    case = CaseFactory(investigation_opened_on=D(2020, 2, 5))
    move(case, "reported", on=D(2020, 2, 10), note="Sent back for a second report")
    move(case, "investigating", on=D(2020, 3, 1))
    case.refresh_from_db()
    assert case.investigation_opened_on == D(2020, 2, 5)


def test_closing_needs_a_reason():
    case = CaseFactory()
    assert "closing_reason" in errors(case, "closed")
    assert "closing_reason" in errors(case, "closed", closing_reason="   ")


def test_going_back_needs_a_note_and_reopening_clears_the_reason():
    case = CaseFactory()
    move(case, "closed", closing_reason="No evidence")
    assert "note" in errors(case, "investigating")
    move(case, "investigating", note="New witness")
    case.refresh_from_db()
    assert (case.status, case.closing_reason) == ("investigating", "")


def test_the_same_status_is_refused():
    assert "status" in errors(CaseFactory(), "reported")


def test_a_date_before_the_report_is_refused_and_the_day_of_the_report_accepted():
    case = CaseFactory(reported_on=D(2020, 2, 1))
    message = errors(case, "investigating", on=D(2020, 1, 31))["changed_on"][0]
    assert "before the date the case was reported (2020-02-01)" in message
    move(case, "investigating", on=D(2020, 2, 1))
    case.refresh_from_db()
    assert (case.status, case.investigation_opened_on) == ("investigating", D(2020, 2, 1))


@pytest.mark.parametrize("now", NEW_YEAR)
def test_today_is_accepted_and_tomorrow_refused(freeze_clock, now):
    today = freeze_clock(now)
    case = CaseFactory(reported_on=D(2020, 2, 1))
    assert (
        "in the future"
        in errors(case, "investigating", on=today + datetime.timedelta(days=1))["changed_on"][0]
    )
    move(case, "investigating", on=today)
    assert CaseStatusChange.objects.filter(case=case).latest("id").changed_on == today


def test_a_date_before_the_current_status_is_refused():
    case = CaseFactory()
    move(case, "investigating", on=D(2020, 6, 1))
    message = errors(case, "prosecution", on=D(2020, 5, 1))["changed_on"][0]
    assert "before the date of the current status (2020-06-01)" in message


# --- the view ---------------------------------------------------------------------------------


def url(case):
    return reverse("cases:status", args=[case.pk])


def test_the_view_works(client, login):
    login(Role.POLICE)
    case = CaseFactory()
    assert client.get(url(case)).status_code == 200
    response = client.post(url(case), {"status": "investigating", "changed_on": "2020-02-03"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.investigation_opened_on) == ("investigating", D(2020, 2, 3))


def test_the_view_shows_errors_next_to_fields(client, login):
    login(Role.POLICE)
    case = CaseFactory()
    response = client.post(url(case), {"status": "closed", "changed_on": "2020-02-03"})
    assert response.context["form"].errors == {"closing_reason": ["Say why the case is closed."]}
    response = client.post(url(case), {"status": "bogus", "changed_on": "not a date"})
    assert set(response.context["form"].errors) == {"status", "changed_on"}
    assert Case.objects.get().status == "reported"
