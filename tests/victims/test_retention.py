"""manage.py apply_retention (issue 22.1): people past the retention schedule are anonymised in
the live and history tables; the figures of every year, the published editions and the audit
chain stay as they were; people under a legal hold are not touched."""

import datetime
import io
import json
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from atip.models import AuditEvent
from atip.roles import Role
from casework.documents import storage
from casework.models import ContactNote, Document
from reports import person_level
from reports.editions import edition_publish
from reports.forms import statistics_years
from reports.models import Edition
from reports.person_level import anonymise, ctdc_csv, htcds_csv, persons
from tests.casework import factories as casework
from tests.database_search import where_found
from tests.factories import (
    CaseFactory,
    ChargeFactory,
    ProsecutionFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    UserFactory,
    VictimFactory,
)
from victims.anonymise import ERASED, coarse_adult_on
from victims.holds import RetentionHold
from victims.models import Victim

pytestmark = pytest.mark.django_db
LATER = "2099-01-01"
D = datetime.date


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def figures() -> dict:
    """Every year's internal figures, as the command prints them."""
    result = {}
    for year in statistics_years():
        out = io.StringIO()
        call_command("annual_report", "--year", str(year), "--format", "json", stdout=out)
        result[year] = json.loads(out.getvalue())
    return result


def files() -> tuple[str, str]:
    # The HTCDS file's pseudonyms under one key, so that two files of the same records compare.
    with mock.patch.object(person_level, "pseudonym_key", lambda: b"one key for both files"):
        people = persons()
    return htcds_csv(people), ctdc_csv(anonymise(people, k=1))


def people():
    """People whose ages cross 18 during their records, with every kind of casework record."""
    crossing = VictimFactory(
        given_name="Philomena",
        family_name="Quetzalli",
        date_of_birth=D(1996, 3, 10),
        registered_on=D(2013, 1, 5),
        status="identified",
        identification_date=D(2014, 2, 1),
        exploitation_forms=["sexual"],
        contact="+501 600 1234",
        notes="Lives with an aunt in Orange Walk.",
    )
    ServiceEpisodeFactory(victim=crossing, start_date=D(2013, 1, 6), end_date=D(2014, 3, 9))
    ServiceEpisodeFactory(
        victim=crossing, service_type="medical", start_date=D(2014, 3, 10), end_date=D(2015, 6, 1)
    )
    RepatriationFactory(victim=crossing, return_date=D(2015, 6, 1), notes="Back to her mother.")
    casework.note(crossing, happened_on=D(2014, 2, 3), text="Disclosed the recruiter Zebulon Artemisa.")
    casework.consent(
        crossing, decided_on=D(2014, 2, 1), note="Signed in Spanish.", guardian_name="Rosalind Dunmore"
    )
    casework.assessment(crossing, assessed_on=D(2014, 2, 2), risk_basis="Threats from Zebulon.")
    casework.referral(crossing, referred_on=D(2014, 2, 6))
    casework.goal(
        casework.plan(crossing, made_on=D(2014, 2, 2), next_review_on=D(2014, 3, 2)), target_on=D(2014, 5, 1)
    )
    casework.document(crossing)
    screened = VictimFactory(
        given_name="Evaristo",
        family_name="Wojcikowski",
        date_of_birth=None,
        age_estimate=16,
        registered_on=D(2019, 2, 1),
        status="not_victim",
        identification_date=D(2019, 2, 10),
    )
    minor = VictimFactory(
        given_name="Anacleta",
        family_name="Brzezinska",
        date_of_birth=D(2005, 7, 15),
        registered_on=D(2019, 5, 1),
        status="identified",
        identification_date=D(2019, 5, 3),
        nationality="HN",
    )
    ServiceEpisodeFactory(victim=minor, start_date=D(2019, 5, 2), end_date=D(2024, 1, 31))
    return crossing, screened, minor


def test_figures_editions_files_and_the_audit_chain_are_unchanged():
    crossing, screened, minor = people()
    edition_publish(year=2014, threshold=0, reason="", by=UserFactory(role=Role.SECRETARY))
    before, editions, before_files = figures(), list(Edition.objects.values_list("figures", "pdf")), files()
    output = run("--today", LATER)
    assert "3 people due" in output and "Anonymised 3 people" in output
    assert figures() == before
    assert [(f, bytes(p)) for f, p in Edition.objects.values_list("figures", "pdf")] == [
        (f, bytes(p)) for f, p in editions
    ]
    assert files() == before_files
    call_command("verify_audit", stdout=io.StringIO())  # raises when the chain is broken


def test_names_birth_dates_and_note_texts_are_found_nowhere():
    people()
    assert set(where_found(["Philomena", "Zebulon"])) == {"Philomena", "Zebulon"}  # the search finds them
    run("--today", LATER)
    needles = [
        "Philomena",
        "Quetzalli",
        "Evaristo",
        "Wojcikowski",
        "Anacleta",
        "Brzezinska",
        "1996-03-10",
        "2005-07-15",
        "600 1234",
        "Orange Walk",
        "Zebulon",
        "Back to her mother",
        "Signed in Spanish",
        "Rosalind Dunmore",
    ]
    assert where_found(needles) == {}


def test_the_age_is_kept_as_the_figures_need_it():
    crossing, screened, minor = people()
    run("--today", LATER)
    crossing.refresh_from_db()
    assert (crossing.date_of_birth, crossing.age_estimate) == (None, 16)  # at registration, 2013
    # Turned 18 on 10 March 2014, the day her second service started: the day is kept.
    assert crossing.adult_on == D(2014, 3, 10)
    minor.refresh_from_db()
    assert minor.adult_on == D(2024, 1, 1)  # 15 July 2023, moved to the next 1 January
    assert minor.anonymised_on == D(2099, 1, 1)
    assert crossing.history.exclude(given_name="").count() == 0


def test_notes_and_documents_are_erased_and_the_bytes_removed(django_capture_on_commit_callbacks):
    crossing, _, _ = people()
    document = Document.objects.get(victim=crossing)
    name = document.storage_name
    assert storage().exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        run("--today", LATER)
    document.refresh_from_db()
    assert document.is_erased and document.storage_name == "" and not storage().exists(name)
    note = ContactNote.objects.get(victim=crossing)
    assert note.text == "" and note.erased_at and note.participants == ERASED
    call_command("check_documents", stdout=io.StringIO())  # an erased document is not a failure


def test_one_audit_event_per_person_by_reference():
    crossing, screened, minor = people()
    run("--today", LATER)
    events = AuditEvent.objects.filter(action="anonymise")
    assert sorted(events.values_list("object_ref", flat=True)) == sorted(
        v.reference for v in (crossing, screened, minor)
    )
    assert not events.filter(detail__icontains="Philomena").exists()


def test_dry_run_changes_nothing():
    crossing, _, _ = people()
    output = run("--dry-run", "--today", LATER)
    assert "3 people due" in output and "nothing changed" in output
    crossing.refresh_from_db()
    assert crossing.given_name == "Philomena" and crossing.anonymised_on is None
    assert not AuditEvent.objects.filter(action="anonymise").exists()


def test_the_clock_starts_at_the_last_activity():
    recent = VictimFactory(registered_on=D(2020, 3, 1))
    screened = VictimFactory(
        registered_on=D(2020, 3, 1), status="not_victim", identification_date=D(2020, 3, 2)
    )
    # 2 years after the screening, not yet 10 after the registration.
    assert "1 people due" in run("--dry-run", "--today", "2022-03-03")
    assert "0 people due" in run("--dry-run", "--today", "2022-03-02")
    ServiceEpisodeFactory(victim=recent, start_date=D(2021, 1, 1), end_date=D(2022, 1, 1))
    assert "1 people due" in run("--dry-run", "--today", "2031-12-31")  # the screened-out one only
    assert "2 people due" in run("--dry-run", "--today", "2032-01-02")
    assert screened.pk


def test_people_under_a_legal_hold_are_not_touched():
    in_open_case = VictimFactory(given_name="Held1")
    CaseFactory(victims=[in_open_case])
    in_prosecution = VictimFactory(given_name="Held2")
    closed = CaseFactory(victims=[in_prosecution], status="closed", closing_reason="Sent to court.")
    ChargeFactory(prosecution=ProsecutionFactory(case=closed))
    by_supervisor = VictimFactory(given_name="Held3")
    RetentionHold.objects.create(victim=by_supervisor, reason="Civil claim filed.")
    output = run("--today", LATER)
    assert "held: 1 by an open case, 1 by an open prosecution, 1 by a supervisor" in output
    assert set(Victim.objects.values_list("given_name", flat=True)) == {"Held1", "Held2", "Held3"}


def test_a_lifted_hold_no_longer_holds():
    person = VictimFactory()
    RetentionHold.objects.create(
        victim=person, reason="Inquiry.", lifted_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    )
    assert "1 people due" in run("--dry-run", "--today", LATER)


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("--today", "1 January")


def test_anonymised_people_are_not_anonymised_again():
    people()
    run("--today", LATER)
    assert "0 people due" in run("--today", LATER)
    assert AuditEvent.objects.filter(action="anonymise").count() == 3


@pytest.mark.parametrize(
    ("adult_on", "days", "expected"),
    [
        (None, [D(2020, 1, 1)], None),
        (D(2020, 1, 1), [], D(2020, 1, 1)),
        (D(2020, 5, 5), [], D(2021, 1, 1)),
        (D(2020, 5, 5), [D(2020, 5, 4), D(2020, 5, 5)], D(2020, 5, 5)),
        (D(2020, 5, 5), [D(2020, 5, 4), D(2020, 8, 1)], D(2020, 8, 1)),
    ],
)
def test_the_day_of_adulthood_moves_to_the_next_day_compared(adult_on, days, expected):
    assert coarse_adult_on(adult_on, days) == expected


def test_a_hold_set_and_lifted_by_command_is_audited():
    person = VictimFactory(reference="V-2020-0042")
    out = io.StringIO()
    call_command("retention_hold", "v-2020-0042", "--reason", "Civil claim filed.", stdout=out)
    assert "held from retention" in out.getvalue()
    assert "1 by a supervisor" in run("--dry-run", "--today", LATER)
    call_command("retention_hold", "V-2020-0042", "--lift", stdout=out)
    assert "1 people due" in run("--dry-run", "--today", LATER)
    assert RetentionHold.objects.get(victim=person).lifted_at is not None
    details = list(AuditEvent.objects.filter(action="hold").order_by("seq").values_list("detail", flat=True))
    assert details == ["retention hold set", "retention hold lifted (1)"]


def test_a_hold_needs_a_reason_and_a_known_person():
    VictimFactory(reference="V-2020-0042")
    with pytest.raises(CommandError, match="reason"):
        call_command("retention_hold", "V-2020-0042", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No person"):
        call_command("retention_hold", "V-1999-0001", "--reason", "x", stdout=io.StringIO())
    assert not RetentionHold.objects.exists()
