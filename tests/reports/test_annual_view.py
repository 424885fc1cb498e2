"""The report page: every section, charts, previous year, data quality; access per roles.md."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from atip.roles import Role
from tests.factories import ActivityFactory, RepatriationFactory, ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db
URL = reverse("reports:annual")
READERS = [Role.SECRETARY, Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR]


def some_records():
    victim = VictimFactory(
        status="identified",
        identification_date=datetime.date(2020, 4, 1),
        given_name="Secretname",
        family_name="Hiddenfamily",
        reference="V-2020-0777",
        date_of_birth=datetime.date(2003, 2, 17),
    )
    ServiceEpisodeFactory(victim=victim, start_date=datetime.date(2020, 4, 2))
    RepatriationFactory(victim=victim, destination_country="SV")
    VictimFactory(
        status="identified",
        identification_date=datetime.date(2019, 4, 1),
        registered_on=datetime.date(2019, 1, 1),
    )
    ActivityFactory(kind="campaign", title="Blue Heart Campaign", date=datetime.date(2020, 7, 30))


@pytest.mark.parametrize("role", READERS)
def test_it_works(client, login, role):
    login(role)
    some_records()
    response = client.get(URL, {"year": 2020})
    assert response.status_code == 200
    body = response.content.decode()
    for section in (
        "identification",
        "assistance",
        "prosecution",
        "repatriation",
        "prevention",
        "data-quality",
    ):
        assert f'id="{section}"' in body
    # Charts: sex × age (identified, assisted), nationalities, forms, services, accommodation,
    # convictions by form, repatriations by destination, people trained by audience.
    assert body.count("<svg") == 9
    assert "Blue Heart Campaign" in body
    assert "El Salvador (SV)" in body


@pytest.mark.parametrize("role", READERS)
def test_it_never_shows_a_person(client, login, role):
    login(role)
    some_records()
    body = client.get(URL, {"year": 2020}).content.decode()
    for secret in ("Secretname", "Hiddenfamily", "V-2020-0777", "2003-02-17"):
        assert secret not in body


def test_it_shows_the_previous_year_beside_each_figure(client, login):
    login(Role.SECRETARY)
    some_records()
    body = client.get(URL, {"year": 2020}).content.decode()
    # 2020: one identified (2019: one), shown as "1 (1)".
    row = '<th scope="row" class="fw-normal">Officially identified victims</th><td class="num">1 '
    assert row + '<span class="text-muted small" title="2019">(1)</span>' in body


def test_a_country_of_the_year_before_only_is_listed_with_0(client, login):
    login(Role.SECRETARY)
    VictimFactory(
        status="identified",
        identification_date=datetime.date(2019, 4, 1),
        registered_on=datetime.date(2019, 1, 1),
        nationality="HN",
    )
    VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1), nationality="GT")
    body = client.get(URL, {"year": 2020}).content.decode()
    row = (
        '<th scope="row" class="fw-normal">{}</th>'
        '<td class="num">{} <span class="text-muted small" title="2019">({})</span>'
    )
    assert row.format("Guatemala (GT)", 1, 0) in body
    assert row.format("Honduras (HN)", 0, 1) in body


def test_it_shows_exports_to_the_secretary_only(client, login):
    login(Role.SECRETARY)
    assert 'id="exports"' in client.get(URL).content.decode()
    client.logout()
    login(Role.POLICE)
    assert 'id="exports"' not in client.get(URL).content.decode()


@pytest.mark.parametrize("year", ["abc", "99999", "1999"])
def test_it_refuses_a_bad_year_with_a_message_and_shows_this_year(client, login, year):
    login(Role.SECRETARY)
    response = client.get(URL, {"year": year})
    assert response.status_code == 200
    this_year = timezone.localdate().year
    assert response.context["year"] == this_year
    message = f"Choose a year between 2000 and {this_year}; showing {this_year}."
    assert [str(m) for m in response.context["messages"]] == [message]


def test_it_shows_this_year_when_none_is_asked_for(client, login):
    login(Role.SECRETARY)
    response = client.get(URL)
    assert response.context["year"] == timezone.localdate().year
    assert not list(response.context["messages"])
    assert response.context["years"][0] == timezone.localdate().year
    assert response.context["years"][-1] == 2000


def test_it_shows_data_quality(client, login):
    login(Role.SECRETARY)
    VictimFactory(
        status="identified",
        identification_date=datetime.date(2020, 4, 1),
        sex="unknown",
        nationality="",
        date_of_birth=None,
    )
    response = client.get(URL, {"year": 2020})
    quality = response.context["quality"]
    assert quality == {
        "victims": 1,
        "missing_sex": 1,
        "missing_age": 1,
        "missing_nationality": 1,
        "assisted_without_accommodation": 0,
        "identified_without_service": 1,
        "completed_repatriations_without_date": 0,
    }


def test_it_is_hidden_from_the_administrator(client, login):
    login(Role.ADMINISTRATOR)
    assert client.get(URL).status_code == 404


def test_it_requires_login(client):
    assert client.get(URL).status_code == 302


def test_it_rejects_post(client, login):
    login(Role.SECRETARY)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("rows", [5, 50])
def test_the_query_count_does_not_grow(client, login, django_assert_num_queries, rows):
    login(Role.SECRETARY)
    for i in range(rows):
        victim = VictimFactory(
            status="identified",
            identification_date=datetime.date(2020, 4, 1),
            nationality=["GT", "SV", "HN", "MX"][i % 4],
        )
        ServiceEpisodeFactory(victim=victim, start_date=datetime.date(2019 + i % 2, 4, 2))
    # Expect 56 the first time: session, user, the user's groups (role); the data generation;
    # 21 × 2 for the figures of the year and of the year before (17 of the report, 4 more for the
    # TIP indicators); 4 for data quality; the year's editions; the session saved; and 4
    # savepoints (ATOMIC_REQUESTS).
    with django_assert_num_queries(56):
        assert client.get(URL, {"year": 2020}).status_code == 200
    # Expect 7 when nothing changed since: the figures and data quality come from the cache, and
    # the session is not saved again within the minute (accounts.sessions).
    with django_assert_num_queries(7):
        assert client.get(URL, {"year": 2020}).status_code == 200
