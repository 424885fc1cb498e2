"""A person recorded twice is counted once (issue 10, point 6): reports.statistics.counted_victims
leaves out the records marked as a duplicate of another."""

import datetime

import pytest

from reports.statistics import annual_report, counted_victims
from tests.factories import VictimFactory
from victims.services import victim_archive, victim_mark_duplicate

pytestmark = pytest.mark.django_db


def test_a_duplicate_is_not_counted_but_an_archived_record_is(admin_user):
    identified = {"status": "identified", "identification_date": datetime.date(2020, 6, 1)}
    kept = VictimFactory(given_name="Olga", family_name="Díaz", **identified)
    twin = VictimFactory(given_name="Olga", family_name="Diaz", **identified)
    archived = VictimFactory(**identified)
    victim_archive(victim=archived, by=admin_user, expected_version=archived.version)
    assert annual_report(2020)["identification"]["identified_total"] == 3
    victim_mark_duplicate(victim=twin, original=kept, by=admin_user, expected_version=twin.version)
    assert set(counted_victims()) == {kept, archived}
    assert annual_report(2020)["identification"]["identified_total"] == 2
