"""Published editions (reports.editions): publishing, numbering, immutability, and the drift of
the figures since; the annual page shows the latest edition and its drift."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from atip.models import AuditEvent
from atip.roles import Role
from reports.editions import drift, edition_publish
from reports.figures import compute_figures
from reports.models import Edition
from tests.factories import ActivityFactory, VictimFactory
from victims.models import Victim

pytestmark = pytest.mark.django_db
PAGE = reverse("reports:annual")
READERS = [Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR]


def file_url(number, fmt="pdf", year=2020):
    return reverse("reports:edition", args=[year, number, fmt])


# --- The service --------------------------------------------------------------------------


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


# --- Drift --------------------------------------------------------------------------------


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
