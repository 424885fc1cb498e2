"""Stays that cannot contradict each other (issue 10, point 8): one accommodation at a time
(a handover day is no overlap); opening a second offers to close the open one on the new start
date; completing a repatriation closes open stays on the return date, after confirmation; a
return to a country other than the person's nationality needs a note."""

import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from services.models import Repatriation, ServiceEpisode
from tests.factories import RepatriationFactory, ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def create_url(victim):
    return reverse("services:create", args=[victim.pk])


def stay(victim, start, end=None, kind="shelter", provider="Haven"):
    return ServiceEpisodeFactory(
        victim=victim, service_type=kind, start_date=start, end_date=end, provider=provider
    )


def post_stay(client, victim, start, end="", kind="foster_care", **extra):
    data = {"service_type": kind, "provider": "Foster family", "start_date": start, "end_date": end, **extra}
    return client.post(create_url(victim), data)


def errors(response, field):
    return " ".join(response.context["form"].errors.get(field, []))


# --- one accommodation at a time -----------------------------------------------------------


def test_a_second_open_stay_offers_to_close_the_first(client, login):
    login()
    victim = VictimFactory()
    first = stay(victim, D(2020, 3, 2))
    response = post_stay(client, victim, "2021-01-10")
    assert response.status_code == 200
    assert "shelter stay from 2020-03-02 (Haven), still open" in errors(response, "close_open_stay")
    assert "close it on 2021-01-10" in errors(response, "close_open_stay")
    assert ServiceEpisode.objects.count() == 1
    first.refresh_from_db()
    assert first.end_date is None


def test_confirmed_the_first_stay_ends_the_day_the_second_starts(client, login):
    user = login()
    victim = VictimFactory()
    first = stay(victim, D(2020, 3, 2))
    response = post_stay(client, victim, "2021-01-10", close_open_stay="on")
    assert response.status_code == 302
    first.refresh_from_db()
    second = ServiceEpisode.objects.exclude(pk=first.pk).get()
    assert (first.end_date, second.start_date, second.end_date) == (D(2021, 1, 10), D(2021, 1, 10), None)
    assert first.history.count() == 2  # closed through a versioned save
    assert AuditEvent.objects.filter(user=user, detail=f"service {first.pk}: closed").exists()


def test_the_box_is_shown_only_to_a_person_with_an_open_stay(client, login):
    login()
    victim = VictimFactory()
    assert "close_open_stay" not in client.get(create_url(victim)).context["form"].fields
    stay(victim, D(2020, 3, 2))
    form = client.get(create_url(victim)).context["form"]
    assert "shelter stay from 2020-03-02 (Haven), still open" in form.fields["close_open_stay"].help_text


@pytest.mark.parametrize(
    "existing, new, refused",
    [
        ((D(2020, 1, 1), D(2020, 3, 1)), ("2020-03-01", "2020-05-01"), False),  # handover day
        ((D(2020, 1, 1), D(2020, 3, 1)), ("2020-02-29", "2020-05-01"), True),  # one night shared
        ((D(2020, 3, 1), D(2020, 5, 1)), ("2020-01-01", "2020-03-01"), False),  # ends the day it starts
        ((D(2020, 3, 1), D(2020, 5, 1)), ("2020-01-01", "2020-03-02"), True),
        ((D(2020, 3, 1), D(2020, 5, 1)), ("2020-01-01", ""), True),  # open, began before
        ((D(2020, 3, 1), D(2020, 5, 1)), ("2020-03-10", "2020-04-10"), True),  # inside
        ((D(2020, 3, 1), D(2020, 5, 1)), ("2020-03-01", "2020-05-01"), True),  # the same days
        ((D(2020, 3, 1), None), ("2020-01-01", "2020-03-01"), False),  # ends as the open one begins
        ((D(2020, 3, 1), None), ("2020-02-01", "2020-03-05"), True),  # open one begun after: no offer
    ],
)
def test_overlapping_stays_are_refused(client, login, existing, new, refused):
    login()
    victim = VictimFactory()
    stay(victim, *existing)
    response = post_stay(client, victim, *new, close_open_stay="on")
    if refused:
        assert response.status_code == 200
        assert "one accommodation at a time" in errors(response, "start_date")
        assert ServiceEpisode.objects.count() == 1
    else:
        assert response.status_code == 302
        assert ServiceEpisode.objects.count() == 2


def test_other_services_may_overlap_a_stay(client, login):
    login()
    victim = VictimFactory()
    stay(victim, D(2020, 3, 2))
    assert post_stay(client, victim, "2020-04-01", kind="medical").status_code == 302
    assert post_stay(client, victim, "2020-04-01", kind="psychological").status_code == 302


def test_another_persons_stay_does_not_count(client, login):
    login()
    stay(VictimFactory(), D(2020, 3, 2))
    assert post_stay(client, VictimFactory(), "2020-04-01").status_code == 302


def test_an_edit_that_makes_stays_overlap_is_refused(client, login):
    login()
    victim = VictimFactory()
    stay(victim, D(2020, 1, 1), D(2020, 3, 1))
    later = stay(victim, D(2020, 3, 1), D(2020, 6, 1), kind="independent_living")
    url = reverse("services:edit", args=[later.pk])
    data = {"service_type": "independent_living", "start_date": "2020-02-15", "end_date": "2020-06-01"}
    response = client.post(url, {**data, "version": later.version})
    assert "one accommodation at a time" in errors(response, "start_date")
    # Moving it to the handover day, or changing nothing of the dates, is fine.
    response = client.post(
        url, {**data, "start_date": "2020-03-01", "provider": "X", "version": later.version}
    )
    assert response.status_code == 302


def test_an_edit_into_an_accommodation_is_checked(client, login):
    login()
    victim = VictimFactory()
    stay(victim, D(2020, 1, 1))
    medical = stay(victim, D(2020, 2, 1), kind="medical")
    response = client.post(
        reverse("services:edit", args=[medical.pk]),
        {"service_type": "shelter", "start_date": "2020-02-01", "version": medical.version},
    )
    assert "one accommodation at a time" in errors(response, "start_date")


# --- a completed return closes the stays ---------------------------------------------------


def repatriation_url(victim):
    return reverse("services:repatriation_create", args=[victim.pk])


def completed(**extra):
    return {"destination_country": "GT", "status": "completed", "return_date": "2021-05-04", **extra}


def test_completing_a_return_asks_to_close_open_stays(client, login):
    login()
    victim = VictimFactory(nationality="GT")
    open_stay = stay(victim, D(2020, 3, 2))
    response = client.post(repatriation_url(victim), completed())
    assert "Tick this box to close it on the return date, 2021-05-04" in errors(response, "close_open_stays")
    assert not Repatriation.objects.exists()
    response = client.post(repatriation_url(victim), completed(close_open_stays="on"))
    assert response.status_code == 302
    open_stay.refresh_from_db()
    assert open_stay.end_date == D(2021, 5, 4)
    assert Repatriation.objects.get().status == "completed"


def test_editing_a_planned_return_to_completed_closes_them_too(client, login):
    login()
    victim = VictimFactory(nationality="GT")
    open_stay = stay(victim, D(2020, 3, 2))
    planned = RepatriationFactory(victim=victim, status="planned", return_date=None)
    url = reverse("services:repatriation_edit", args=[planned.pk])
    assert "Tick this box" in errors(client.post(url, {**completed(), "version": 1}), "close_open_stays")
    assert client.post(url, {**completed(close_open_stays="on"), "version": 1}).status_code == 302
    open_stay.refresh_from_db()
    assert open_stay.end_date == D(2021, 5, 4)


def test_a_planned_return_leaves_stays_open(client, login):
    login()
    victim = VictimFactory(nationality="GT")
    open_stay = stay(victim, D(2020, 3, 2))
    data = {"destination_country": "GT", "status": "planned", "return_date": "2021-05-04"}
    assert client.post(repatriation_url(victim), data).status_code == 302
    open_stay.refresh_from_db()
    assert open_stay.end_date is None


@pytest.mark.parametrize(
    "start, end, refused",
    [
        (D(2020, 3, 2), D(2021, 5, 4), False),  # ended on the return date
        (D(2020, 3, 2), D(2021, 5, 5), True),  # goes on after it
        (D(2021, 5, 4), None, False),  # begun on the day of the return: back again
        (D(2021, 6, 1), None, False),  # begun after it
    ],
)
def test_stays_against_the_return_date(client, login, start, end, refused):
    login()
    victim = VictimFactory(nationality="GT")
    existing = stay(victim, start, end)
    response = client.post(repatriation_url(victim), completed(close_open_stays="on"))
    if refused:
        assert "goes on after this return" in errors(response, "return_date")
        assert not Repatriation.objects.exists()
    else:
        assert response.status_code == 302
        existing.refresh_from_db()
        assert existing.end_date == end


# --- a return elsewhere than the nationality needs a note -----------------------------------


@pytest.mark.parametrize(
    "nationality, destination, notes, refused",
    [
        ("GT", "GT", "", False),
        ("GT", "HN", "", True),
        ("GT", "HN", "   ", True),
        ("GT", "HN", "Her children live in Honduras.", False),
        ("", "HN", "", False),  # nationality unknown: nothing to compare with
    ],
)
def test_a_return_to_another_country_needs_a_note(client, login, nationality, destination, notes, refused):
    login()
    victim = VictimFactory(nationality=nationality)
    data = {"destination_country": destination, "status": "planned", "notes": notes}
    response = client.post(repatriation_url(victim), data)
    if refused:
        assert "not the person's nationality (Guatemala)" in errors(response, "notes")
        assert not Repatriation.objects.exists()
    else:
        assert response.status_code == 302
