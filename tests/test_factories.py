"""The factories build only records the application could have written (tests/factories.py).

A record made any other way (a status without its status change, a verdict before the filing,
a save that bypassed the history) would let a test pass on a state no user can reach.
"""

import datetime

import pytest

from atip.models import AuditEvent
from cases.models import CaseStatus
from tests.factories import (
    ActivityFactory,
    CaseFactory,
    ChargeFactory,
    HearingFactory,
    ProsecutionFactory,
    RepatriationFactory,
    ServiceEpisodeFactory,
    SuspectFactory,
    VictimFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date

BUILDERS = {
    "victim": lambda: VictimFactory(status="identified", identification_date=D(2020, 4, 1)),
    "service episode": lambda: ServiceEpisodeFactory(end_date=D(2020, 9, 30)),
    "repatriation": RepatriationFactory,
    "case": lambda: CaseFactory(status="closed", closing_reason="Unfounded", victims=[VictimFactory()]),
    "suspect": SuspectFactory,
    "prosecution": lambda: ProsecutionFactory(move_case=True),
    "charge": lambda: ChargeFactory(outcome="convicted", verdict_date=D(2020, 9, 1), sentence_months=12),
    "hearing": HearingFactory,
    "activity": ActivityFactory,
}


@pytest.mark.parametrize("kind", BUILDERS)
def test_a_record_starts_its_history_and_its_latest_version_is_the_record(kind):
    record = BUILDERS[kind]()
    record.refresh_from_db()
    record.full_clean()
    history = record.history.order_by("history_id")
    assert history.first().history_type == "+"
    latest = history.last()
    for field in record._meta.concrete_fields:
        assert getattr(latest, field.attname) == getattr(record, field.attname), field.name
    if hasattr(record, "version"):
        assert history.first().version == 1


# The audit row each record's service writes, when it is not "create" naming the record itself:
# (action, object type, object pk, detail).
AUDITED_AS = {
    "service episode": lambda r: ("create", "victim", r.victim_id, f"service {r.pk}: {r.service_type}"),
    "repatriation": lambda r: ("create", "victim", r.victim_id, f"repatriation {r.pk}: {r.status}"),
    "charge": lambda r: (
        "create",
        "prosecution",
        r.prosecution_id,
        f"charge {r.pk}: {r.offence}, {r.outcome}",
    ),
    "hearing": lambda r: ("create", "prosecution", r.prosecution_id, f"hearing {r.pk}: {r.date:%Y-%m-%d}"),
}


@pytest.mark.parametrize("kind", BUILDERS)
def test_a_record_is_audited(kind):
    record = BUILDERS[kind]()
    if kind in AUDITED_AS:
        action, object_type, pk, detail = AUDITED_AS[kind](record)
        events = AuditEvent.objects.filter(
            action=action, object_type=object_type, object_id=pk, detail=detail
        )
    else:
        events = AuditEvent.objects.filter(
            action="create", object_type=record._meta.model_name, object_id=record.pk
        )
    assert events.count() == 1


@pytest.mark.parametrize("status", CaseStatus.values)
def test_a_cases_status_is_its_latest_status_change(status):
    opened = D(2020, 2, 10) if status != CaseStatus.REPORTED else None
    case = CaseFactory(
        reported_on=D(2020, 2, 1), status=status, investigation_opened_on=opened, closing_reason="Unfounded"
    )
    changes = list(case.status_changes.order_by("changed_on", "id"))
    assert (changes[0].status, changes[0].changed_on) == (CaseStatus.REPORTED, D(2020, 2, 1))
    assert changes[-1].status == case.status == status
    assert case.version == len(changes)  # one saved version per status
    if opened:
        first_investigation = next(c for c in changes if c.status == CaseStatus.INVESTIGATING)
        assert first_investigation.changed_on == case.investigation_opened_on == opened
    assert case.closing_reason == ("Unfounded" if status == CaseStatus.CLOSED else "")


def test_a_case_under_investigation_is_not_reported():
    with pytest.raises(ValueError, match="give its status"):
        CaseFactory(status=CaseStatus.REPORTED, investigation_opened_on=D(2020, 2, 10))


def test_a_prosecution_moves_its_case_only_when_told():
    assert ProsecutionFactory().case.status == CaseStatus.REPORTED
    moved = ProsecutionFactory(move_case=True, filed_on=D(2020, 5, 1))
    moved.case.refresh_from_db()
    assert moved.case.status == CaseStatus.PROSECUTION
    assert moved.case.status_changes.latest("id").changed_on == D(2020, 5, 1)
