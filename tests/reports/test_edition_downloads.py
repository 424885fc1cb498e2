"""Downloading a published edition, as it was stored; access per roles.md (only the secretary
downloads)."""

import datetime
import json

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from reports.editions import edition_publish
from reports.figures import compute_figures
from reports.models import Edition
from tests.factories import VictimFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("reports:annual")
READERS = [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR]


def file_url(number, fmt="pdf", year=2020):
    return reverse("reports:edition", args=[year, number, fmt])


def test_every_edition_stays_downloadable_as_stored(client, login, victims, secretary):
    first = edition_publish(year=2020, threshold=5, reason="", by=secretary)
    VictimFactory(status="identified", identification_date=datetime.date(2020, 5, 1))
    edition_publish(year=2020, threshold=0, reason="One more identified.", by=secretary)
    login(Role.SECRETARY)
    response = client.get(file_url(1, "json"))
    assert response["Content-Disposition"] == 'attachment; filename="figures-2020-edition-1.json"'
    assert json.loads(response.content)["identification"]["identified_total"] == 6
    assert json.loads(client.get(file_url(2, "json")).content)["identification"]["identified_total"] == 7
    pdf = client.get(file_url(1, "pdf"))
    assert pdf.content == bytes(first.pdf)
    assert pdf["Content-Disposition"] == 'attachment; filename="factsheet-2020-edition-1.pdf"'
    assert AuditEvent.objects.filter(action="export", object_type="annual_edition").count() == 3


def test_a_guessed_edition_is_not_found(client, login, victims, secretary):
    edition_publish(year=2019, threshold=5, reason="", by=secretary)
    login(Role.SECRETARY)
    assert client.get(file_url(1, year=2020)).status_code == 404  # 2020 has no edition 1
    assert client.get(file_url(2, year=2019)).status_code == 404
    assert client.get(file_url(1, "docx", year=2019)).status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_download_an_edition(client, login, victims, secretary, role):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    login(role)
    assert client.get(file_url(1)).status_code == 403


def test_downloads_require_login_and_get(client, login, victims, secretary):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    assert client.get(file_url(1)).status_code == 302
    login(Role.ADMINISTRATOR)
    assert client.get(file_url(1)).status_code == 404
    client.logout()
    login(Role.SECRETARY)
    assert client.post(file_url(1)).status_code == 405


def test_the_page_query_count_does_not_grow_with_editions(
    client, login, secretary, django_assert_num_queries
):
    login(Role.SECRETARY)
    client.get(PAGE, {"year": 2020})  # the figures are computed once
    for n in range(3):
        Edition.objects.create(
            year=2020, number=n + 1, figures=compute_figures(2020), pdf=b"", published_by=secretary
        )
    client.get(PAGE, {"year": 2020})
    # Expect 7: session, user, groups; the data generation; the year's editions with their
    # publishers (one query); 2 savepoints. Figures come from the cache; the session is not saved
    # (its expiry moved on less than a minute ago: accounts.sessions).
    with django_assert_num_queries(7):
        assert client.get(PAGE, {"year": 2020}).status_code == 200


@pytest.mark.parametrize("editions", [1, 4])
def test_a_download_costs_the_same_whatever_the_editions(
    client, login, secretary, django_assert_num_queries, editions
):
    for n in range(editions):
        Edition.objects.create(year=2020, number=n + 1, figures={}, pdf=b"%PDF-1.7", published_by=secretary)
    login(Role.SECRETARY)
    # Expect 12: session, user, groups; the edition; the audit row appended to the chain (lock the
    # head, insert, move the head); the session saved; 4 savepoints.
    with django_assert_num_queries(12):
        assert client.get(file_url(1)).status_code == 200
