"""In care on a day, one definition (victims.selectors.in_care_q): a service episode covers the
day, its first and its last included. The victim list, the social worker's figures and the
person-level export (HTCDS cas_Status "Active") all read it, so they agree on every person."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from atip.roles import Role
from reports import person_level as pl
from tests.factories import ServiceEpisodeFactory, VictimFactory
from tests.reports.archive import htcds_archive
from victims.models import Victim
from victims.selectors import in_care_q

pytestmark = pytest.mark.django_db
D = datetime.date


def in_care_on(day) -> list[str]:
    return sorted(Victim.objects.filter(in_care_q(day)).values_list("given_name", flat=True))


def test_an_episode_counts_from_its_first_day_to_its_last():
    ServiceEpisodeFactory(
        victim=VictimFactory(given_name="Ana"),
        service_type="medical",
        start_date=D(2020, 3, 2),
        end_date=D(2020, 6, 1),
    )
    assert in_care_on(D(2020, 3, 1)) == []
    assert in_care_on(D(2020, 3, 2)) == in_care_on(D(2020, 6, 1)) == ["Ana"]
    assert in_care_on(D(2020, 6, 2)) == []


def test_the_list_and_the_export_agree_on_the_last_day(client, login, freeze_clock):
    today = freeze_clock(D(2024, 5, 10))
    ending = VictimFactory(given_name="Ending")
    ServiceEpisodeFactory(victim=ending, service_type="medical", start_date=D(2024, 1, 2), end_date=today)
    ended = VictimFactory(given_name="Ended")
    ServiceEpisodeFactory(
        victim=ended, service_type="medical", start_date=D(2024, 1, 2), end_date=D(2024, 5, 9)
    )
    login()
    listed = client.get(reverse("victims:list"), {"in_care": "true"}).context["page"]
    assert [v.given_name for v in listed] == ["Ending"]
    assert sorted(p.in_care for p in pl.persons()) == [False, True]
    login(Role.SECRETARY)
    _, text = htcds_archive(client)  # the HTCDS file leaves only as the encrypted archive
    statuses = [row["cas_Status"] for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))]
    assert sorted(statuses) == ["Active", "FollowUp"]


def csv_rows(response) -> list[list[str]]:
    lines = response.content.decode("utf-8-sig").splitlines()
    return [line.split(",") for line in lines[1:]]
