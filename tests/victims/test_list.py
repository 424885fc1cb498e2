import datetime

import pytest
from django.urls import reverse

from tests.clock import NEW_YEAR
from tests.factories import ServiceEpisodeFactory, VictimFactory

pytestmark = pytest.mark.django_db
URL = reverse("victims:list")


def test_it_works(client, login):
    login()
    victim = VictimFactory(given_name="Rosa", exploitation_forms=["sexual"])
    response = client.get(URL)
    assert response.status_code == 200
    assert victim.reference in response.content.decode()
    assert "Rosa" in response.content.decode()


def test_it_filters_and_searches(client, login):
    login()
    rosa = VictimFactory(
        given_name="Rosa",
        family_name="Castillo",
        sex="female",
        nationality="GT",
        exploitation_forms=["sexual"],
        registered_on=datetime.date(2019, 5, 1),
    )
    luis = VictimFactory(
        given_name="Luis",
        family_name="Pop",
        sex="male",
        nationality="HN",
        exploitation_forms=["forced_labour"],
        registered_on=datetime.date(2021, 5, 1),
        date_of_birth=None,
    )
    cases = [
        ({"q": "castillo"}, rosa, luis),
        ({"q": luis.reference}, luis, rosa),
        ({"sex": "male"}, luis, rosa),
        ({"nationality": "GT"}, rosa, luis),
        ({"form": "forced_labour"}, luis, rosa),
        ({"year": "2019"}, rosa, luis),
        ({"age_group": "unknown"}, luis, rosa),
        ({"age_group": "adult"}, rosa, luis),
    ]
    for params, shown, hidden in cases:
        body = client.get(URL, params).content.decode()
        assert shown.reference in body, params
        assert hidden.reference not in body, params


@pytest.mark.parametrize("now", NEW_YEAR)
def test_the_age_group_is_the_age_today(client, login, freeze_clock, now):
    today = freeze_clock(now)
    login()
    eighteen_today = VictimFactory(date_of_birth=today.replace(year=today.year - 18))
    eighteen_tomorrow = VictimFactory(
        date_of_birth=today.replace(year=today.year - 18) + datetime.timedelta(days=1)
    )

    def listed(age_group):
        return {v.pk for v in client.get(URL, {"age_group": age_group}).context["page"]}

    assert listed("adult") == {eighteen_today.pk}
    assert listed("minor") == {eighteen_tomorrow.pk}


def test_it_hides_archived_unless_asked(client, login):
    user = login()
    from victims.services import victim_archive

    victim = VictimFactory()
    victim_archive(victim=victim, by=user, expected_version=victim.version)
    assert victim.reference not in client.get(URL).content.decode()
    assert victim.reference in client.get(URL, {"archived": "1"}).content.decode()


def test_it_marks_victims_in_care(client, login):
    login()
    ServiceEpisodeFactory(start_date=datetime.date(2020, 1, 1), end_date=None)
    assert "In care" in client.get(URL).content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_query_count_does_not_grow_with_rows(client, login, django_assert_num_queries, rows):
    login()
    for _ in range(rows):
        VictimFactory(exploitation_forms=["sexual", "forced_labour"])
    # Expect 16 queries, whatever the number of rows: session, user, user's groups (role),
    # whether she holds a case (the list opens on her caseload if she does), count, page of
    # victims, exploitation forms of that page (prefetch), which of the page's
    # rows are in care; the audit rows naming the victims shown (the chain's head locked, one
    # INSERT, the head moved); the session's expiry refresh (30-minute idle timeout) as an
    # UPDATE; and two SAVEPOINT/RELEASE pairs (ATOMIC_REQUESTS, and the session save).
    with django_assert_num_queries(16):
        response = client.get(URL)
    assert response.status_code == 200
