"""Published editions: publishing, numbering, immutability, downloads, drift, the command; access
per roles.md (only the secretary publishes and downloads)."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from atip.models import AuditEvent
from atip.roles import Role
from reports.editions import drift, edition_publish
from reports.figures import compute_figures
from reports.models import Edition
from tests.factories import ActivityFactory, UserFactory, VictimFactory
from victims.models import Victim

pytestmark = pytest.mark.django_db
PAGE = reverse("reports:annual")
READERS = [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR]


def publish_url(year=2020):
    return reverse("reports:publish", args=[year])


def file_url(number, fmt="pdf", year=2020):
    return reverse("reports:edition", args=[year, number, fmt])


@pytest.fixture
def victims():
    return [
        VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1), nationality="GT")
        for _ in range(6)
    ]


@pytest.fixture
def secretary():
    return UserFactory(role=Role.SECRETARY)


# --- The service ----------------------------------------------------------------------------


def test_publishing_stores_the_figures_the_pdf_and_who(victims, secretary):
    edition = edition_publish(year=2020, threshold=5, reason="", by=secretary)
    edition.refresh_from_db()
    assert (edition.year, edition.number, edition.threshold) == (2020, 1, 5)
    assert edition.figures == json.loads(json.dumps(compute_figures(2020)))
    assert edition.figures["identification"]["identified_total"] == 6
    assert bytes(edition.pdf).startswith(b"%PDF")
    assert edition.published_by == secretary
    event = AuditEvent.objects.get(action="create", object_type="annual_edition")
    assert (event.object_ref, event.detail) == ("2020-1", "edition 1 of 2020 published, threshold 5")


def test_publishing_again_makes_the_next_edition_and_needs_a_reason(victims, secretary):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    with pytest.raises(ValidationError) as refused:
        edition_publish(year=2020, threshold=0, reason="   ", by=secretary)
    assert "reason" in refused.value.message_dict
    second = edition_publish(year=2020, threshold=0, reason="A late identification.", by=secretary)
    assert second.number == 2 and second.reason == "A late identification."
    assert edition_publish(year=2019, threshold=5, reason="", by=secretary).number == 1  # per year


@pytest.mark.parametrize("threshold", [-1, 21])
def test_a_threshold_out_of_range_is_refused(secretary, threshold):
    with pytest.raises(ValidationError):
        edition_publish(year=2020, threshold=threshold, reason="", by=secretary)
    assert not Edition.objects.exists()


def test_a_year_not_ended_is_not_published(secretary):
    with pytest.raises(ValidationError, match="ended"):
        edition_publish(year=timezone.localdate().year, threshold=5, reason="", by=secretary)


def test_an_edition_is_never_changed_nor_deleted(victims, secretary):
    edition = edition_publish(year=2020, threshold=5, reason="", by=secretary)
    with pytest.raises(DatabaseError), transaction.atomic():
        Edition.objects.filter(pk=edition.pk).update(threshold=0)
    assert Edition.objects.get(pk=edition.pk).threshold == 5


def test_the_edition_pdf_uses_its_threshold(secretary):
    VictimFactory(status="identified", identification_date=datetime.date(2020, 4, 1))
    exact = edition_publish(year=2020, threshold=0, reason="", by=secretary)
    assert b"%PDF" in bytes(exact.pdf)[:8]
    assert exact.threshold == 0


# --- Drift ----------------------------------------------------------------------------------


def test_drift_lists_each_figure_that_changed(victims, secretary):
    edition = edition_publish(year=2020, threshold=5, reason="", by=secretary)
    assert drift(edition.figures, compute_figures(2020)) == []
    late = Victim.objects.get(pk=victims[0].pk)
    Victim.objects.filter(pk=late.pk).update(identification_date=datetime.date(2021, 1, 5))
    rows = {
        row["figure"]: (row["published"], row["now"]) for row in drift(edition.figures, compute_figures(2020))
    }
    assert rows["Victims identified and presumed — Officially identified victims (Persons)"] == (6, 5)
    assert rows["Identified victims by nationality — Guatemala (GT) (Persons)"] == (6, 5)
    assert all(published != now for published, now in rows.values())


def test_drift_names_a_changed_campaign_list(secretary):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    ActivityFactory(kind="campaign", date=datetime.date(2020, 7, 30))
    rows = drift(Edition.objects.get().figures, compute_figures(2020))
    assert [r["figure"] for r in rows if r["figure"].startswith("Campaigns —")] == [
        "Campaigns — the list (dates, titles, audiences, participants)"
    ]


def test_the_page_shows_the_latest_edition_and_its_drift(client, login, victims, secretary):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    login(Role.POLICE)  # readers see the editions and the drift (aggregates), not the files
    body = client.get(PAGE, {"year": 2020}).content.decode()
    assert "edition 1</strong>" in body and 'id="no-drift"' in body
    assert file_url(1) not in body
    Victim.objects.filter(pk=victims[0].pk).update(identification_date=datetime.date(2021, 1, 5))
    response = client.get(PAGE, {"year": 2020})
    assert 'id="drift-table"' in response.content.decode()
    assert {"figure": "Victims identified and presumed — Officially identified victims (Persons)",
            "published": 6, "now": 5} in response.context["drift"]  # fmt: skip


# --- The publish view ----------------------------------------------------------------------


def test_the_secretary_publishes_from_the_page(client, login, victims):
    login(Role.SECRETARY)
    assert 'id="publish-form"' in client.get(PAGE, {"year": 2020}).content.decode()
    response = client.post(publish_url(), {"threshold": "0", "reason": ""})
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}?year=2020#editions"
    edition = Edition.objects.get()
    assert (edition.number, edition.threshold) == (1, 0)


def test_a_second_publication_without_reason_is_refused_with_a_message(client, login, victims, secretary):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    login(Role.SECRETARY)
    response = client.post(publish_url(), {"threshold": "5", "reason": ""}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Say why the year is published again: the reason is kept with the new edition."
    ]
    assert Edition.objects.count() == 1


def test_a_reason_is_shown_escaped(client, login, victims, secretary):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    login(Role.SECRETARY)
    client.post(publish_url(), {"threshold": "5", "reason": "<script>alert(1)</script>"})
    body = client.get(PAGE, {"year": 2020}).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "alert" not in AuditEvent.objects.get(object_ref="2020-2", action="create").detail


@pytest.mark.parametrize("threshold", ["-1", "21", "five"])
def test_a_bad_threshold_is_a_message(client, login, threshold):
    login(Role.SECRETARY)
    response = client.post(publish_url(), {"threshold": threshold}, follow=True)
    assert response.status_code == 200
    assert len(list(response.context["messages"])) == 1
    assert not Edition.objects.exists()


@pytest.mark.parametrize("role", READERS)
def test_readers_may_not_publish(client, login, role):
    login(role)
    assert client.post(publish_url(), {"threshold": "5"}).status_code == 403
    assert not Edition.objects.exists()
    assert 'id="publish-form"' not in client.get(PAGE, {"year": 2020}).content.decode()


def test_the_administrator_is_not_told_it_exists(client, login):
    login(Role.ADMINISTRATOR)
    assert client.post(publish_url(), {"threshold": "5"}).status_code == 404
    assert not Edition.objects.exists()


def test_publishing_requires_login(client):
    assert client.post(publish_url(), {"threshold": "5"}).status_code == 302
    assert not Edition.objects.exists()


def test_publishing_refuses_get(client, login):
    login(Role.SECRETARY)
    assert client.get(publish_url()).status_code == 405


def test_publishing_a_year_out_of_range_is_not_found(client, login):
    login(Role.SECRETARY)
    assert client.post(publish_url(1999), {"threshold": "5"}).status_code == 404


# --- Downloads ------------------------------------------------------------------------------


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
    # Expect 10: session, user, groups; the data generation; the year's editions with their
    # publishers (one query); the session saved; 4 savepoints. Figures come from the cache.
    with django_assert_num_queries(10):
        assert client.get(PAGE, {"year": 2020}).status_code == 200


# --- The command ----------------------------------------------------------------------------


def test_the_command_prints_the_stored_edition(victims, secretary, tmp_path):
    edition_publish(year=2020, threshold=5, reason="", by=secretary)
    VictimFactory(status="identified", identification_date=datetime.date(2020, 5, 1))
    edition_publish(year=2020, threshold=5, reason="Late.", by=secretary)
    out = io.StringIO()
    call_command("annual_report", "--year", "2020", "--published", "--edition", "1", stdout=out)
    assert json.loads(out.getvalue())["identification"]["identified_total"] == 6
    out = io.StringIO()
    call_command("annual_report", "--year", "2020", "--published", stdout=out)
    assert json.loads(out.getvalue())["identification"]["identified_total"] == 7  # the latest
    path = tmp_path / "e.pdf"
    call_command(
        "annual_report", "--year", "2020", "--published", "--format", "pdf", "--output", str(path),
        stderr=io.StringIO(),
    )  # fmt: skip
    assert path.read_bytes() == bytes(Edition.objects.get(number=2).pdf)


def test_the_command_says_when_nothing_is_published():
    with pytest.raises(CommandError, match="No edition of 2020 is published"):
        call_command("annual_report", "--year", "2020", "--published")
    with pytest.raises(CommandError, match="Edition 3 of 2020 is not published"):
        call_command("annual_report", "--year", "2020", "--published", "--edition", "3")


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
