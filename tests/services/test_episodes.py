import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from services.models import ServiceEpisode
from tests.clock import NEW_YEAR
from tests.factories import ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db


def create_url(victim):
    return reverse("services:create", args=[victim.pk])


def test_it_adds_a_shelter_episode(client, login):
    login()
    victim = VictimFactory()
    data = {"service_type": "shelter", "provider": "Haven", "start_date": "2020-03-05"}
    response = client.post(create_url(victim), data)
    assert response.status_code == 302
    episode = ServiceEpisode.objects.get()
    assert (episode.victim, episode.service_type, episode.end_date) == (victim, "shelter", None)
    assert AuditEvent.objects.filter(action="create", object_ref=victim.reference).exists()
    body = client.get(victim.get_absolute_url()).content.decode()
    assert "Haven" in body
    assert "In care" in body


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"service_type": "massage", "start_date": "2020-03-05"}, "service_type", "not one of the available"),
        ({"service_type": "medical", "start_date": ""}, "start_date", "required"),
        ({"service_type": "medical", "start_date": "2999-01-01"}, "start_date", "future"),
        (
            {"service_type": "medical", "start_date": "2020-03-05", "end_date": "2020-03-04"},
            "end_date",
            "before the start",
        ),
        (
            {"service_type": "medical", "start_date": "2020-03-05", "end_date": "2999-03-04"},
            "end_date",
            "future",
        ),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field(client, login, data, field, message):
    login()
    response = client.post(create_url(VictimFactory()), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert ServiceEpisode.objects.count() == 0


def test_an_episode_may_end_on_the_day_it_starts(client, login):
    login()
    client.post(
        create_url(VictimFactory()),
        {"service_type": "medical", "start_date": "2020-03-05", "end_date": "2020-03-05"},
    )
    assert ServiceEpisode.objects.get().end_date == datetime.date(2020, 3, 5)


def test_close_ends_an_ongoing_episode(client, login):
    login()
    episode = ServiceEpisodeFactory(start_date=datetime.date(2020, 3, 2))
    url = reverse("services:close", args=[episode.pk])
    response = client.post(url, {"version": episode.version, "end_date": "2021-01-31"})
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.end_date == datetime.date(2021, 1, 31)
    again = client.post(url, {"version": episode.version, "end_date": "2021-02-01"})
    assert "already ended" in " ".join(again.context["form"].errors["end_date"])


def test_close_before_start_is_refused(client, login):
    login()
    episode = ServiceEpisodeFactory(start_date=datetime.date(2020, 3, 2))
    response = client.post(
        reverse("services:close", args=[episode.pk]), {"version": 1, "end_date": "2020-03-01"}
    )
    assert "before the start" in " ".join(response.context["form"].errors["end_date"])
    episode.refresh_from_db()
    assert episode.end_date is None


def test_the_services_page_lists_current_and_past_with_history(client, login):
    login()
    victim = VictimFactory()
    ServiceEpisodeFactory(
        victim=victim,
        service_type="medical",
        provider="Clinic",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2020, 2, 1),
    )
    ServiceEpisodeFactory(
        victim=victim, service_type="shelter", provider="Haven", start_date=datetime.date(2020, 1, 1)
    )
    response = client.get(reverse("services:victim", args=[victim.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Clinic" in body and "Haven" in body
    assert [e.provider for e in response.context["panel"]["current"]] == ["Haven"]
    assert [e.provider for e in response.context["panel"]["past"]] == ["Clinic"]


@pytest.mark.parametrize("now", NEW_YEAR)
def test_an_episode_is_current_from_its_first_to_its_last_day(client, login, freeze_clock, now):
    today = freeze_clock(now)
    login()
    victim = VictimFactory()
    day = datetime.timedelta(days=1)
    # Services that may run side by side (one accommodation at a time: tests/services/test_stays.py).
    ServiceEpisodeFactory(victim=victim, service_type="medical", provider="Ends today", end_date=today)
    ServiceEpisodeFactory(
        victim=victim, service_type="legal", provider="Ended yesterday", end_date=today - day
    )
    ServiceEpisodeFactory(
        victim=victim, service_type="psychological", provider="Starts today", start_date=today
    )
    context = client.get(reverse("services:victim", args=[victim.pk])).context
    assert {e.provider for e in context["panel"]["current"]} == {"Ends today", "Starts today"}
    assert [e.provider for e in context["panel"]["past"]] == ["Ended yesterday"]


def test_the_services_page_compares_each_version_with_the_same_service(client, login):
    login()
    victim = VictimFactory()
    medical = ServiceEpisodeFactory(victim=victim, service_type="medical", provider="Clinic")
    shelter = ServiceEpisodeFactory(victim=victim, service_type="shelter", provider="Haven")
    # Interleaved edits: medical, then shelter, then medical again.
    for episode, provider in ((medical, "Clinic 2"), (shelter, "Haven 2"), (medical, "Clinic 3")):
        url = reverse("services:edit", args=[episode.pk])
        episode.refresh_from_db()
        data = {"service_type": episode.service_type, "start_date": episode.start_date, "provider": provider}
        assert client.post(url, {**data, "version": episode.version}).status_code == 302

    history = client.get(reverse("services:victim", args=[victim.pk])).context["history"]

    changes = [(str(entry.instance), entry.changes) for entry in history if entry.history_type == "~"]
    assert changes == [
        (str(medical), ["provider: Clinic 2 → Clinic 3"]),
        (str(shelter), ["provider: Haven → Haven 2"]),
        (str(medical), ["provider: Clinic → Clinic 2"]),
    ]
