"""Anonymising people (victims.retention says who): their identifying data, the text of their
notes and records, and their documents' bytes are erased, in the live tables and in every
version kept by django-simple-history. What the figures, the TIP indicators and the
person-level files read is kept, so that they give the same answer afterwards:

- codes, dates and links (sex, nationality, district, forms of exploitation, decisions, services,
  cases) are not touched;
- the date of birth goes; the age at registration is kept as the age estimate (the person-level
  files' age), and `adult_on` (the day the person turns 18, which every age group of the
  figures compares with a counted date) is moved to the first day, on or after it, that any
  figure compares it with: an identification date, a service's start, or a 1 January. Every
  comparison gives the same answer; the birthday itself is no longer in the database;
- a free text that was written stays non-empty (ERASED), so that a rule or a count over
  "recorded or not" does not change; a note's text is emptied (its row says when: erased_at).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from atip.audit import Action, audit_each
from cases.models import LinkRequest
from casework import documents as stored
from casework.models import (
    NEED_FIELDS,
    Assessment,
    Consent,
    ContactNote,
    Document,
    DocumentShare,
    Goal,
    Referral,
    Review,
)
from services.models import Repatriation, ServiceEpisode
from victims.ages import age_on
from victims.models import IdentificationDecision, Victim

ERASED = "[erased]"
CHUNK = 500  # ids per statement (SQLite's limit on parameters)

VICTIM_TEXT = (
    "given_name",
    "family_name",
    "contact",
    "guardian_name",
    "guardian_relationship",
    "guardian_contact",
    "referred_by_name",
    "current_location",
    "notes",
    "search_name",
)
# Every other record of a person: (model, the path to the person, its free-text fields).
RECORDS = (
    (IdentificationDecision, "victim", ("note",)),
    (ServiceEpisode, "victim", ("provider", "notes")),
    (Repatriation, "victim", ("notes",)),
    (Consent, "victim", ("witness_name", "guardian_name", "note", "withdrawal_note")),
    (Assessment, "victim", ("risk_basis", *NEED_FIELDS.values())),
    (Goal, "plan__victim", ("description", "status_note")),
    (Review, "plan__victim", ("participants", "changes")),
    (Referral, "victim", ("reason", "shared", "override_reason", "decline_reason")),
    (ContactNote, "victim", ("participants", "place", "correction_reason")),
    (Document, "victim", ("description", "archive_reason")),
    (DocumentShare, "document__victim", ("reason",)),
    (LinkRequest, "victim", ("reason", "decision_note")),
)


@dataclass
class Erased:
    people: int = 0
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # live and history rows
    notes: int = 0
    documents: int = 0


def _chunks(ids: list[int]):
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _erased(name: str):
    """A written text becomes ERASED, an empty one stays empty."""
    return Case(When(**{name: ""}, then=Value("")), default=Value(ERASED))


def coarse_adult_on(adult_on: datetime.date | None, days: list[datetime.date]) -> datetime.date | None:
    """The first of `days` (the dates figures compare with `adult_on`) or of the 1 Januaries on
    or after `adult_on`: every comparison `adult_on > d` for those days keeps its answer."""
    if adult_on is None:
        return None
    new_year = (
        adult_on if (adult_on.month, adult_on.day) == (1, 1) else datetime.date(adult_on.year + 1, 1, 1)
    )
    return min([new_year, *(d for d in days if d >= adult_on)])


def _ages(ids: list[int]) -> dict[int, dict]:
    """{person: the values that replace the date of birth}, computed before it goes."""
    counted_days = defaultdict(list)
    for victim_id, start in ServiceEpisode.objects.filter(victim_id__in=ids).values_list(
        "victim_id", "start_date"
    ):
        counted_days[victim_id].append(start)
    people = Victim.objects.filter(pk__in=ids).values_list(
        "pk", "date_of_birth", "age_estimate", "registered_on", "adult_on", "identification_date"
    )
    ages = {}
    for pk, born, estimate, registered, adult_on, identified in people:
        days = counted_days[pk] + ([identified] if identified else [])
        ages[pk] = {
            "date_of_birth": None,
            "age_estimate": age_on(registered, born=born, estimate=estimate, registered=registered),
            "adult_on": coarse_adult_on(adult_on, days),
        }
    return ages


def _erase_people(ids: list[int], today: datetime.date, result: Erased) -> None:
    blank = {name: "" for name in VICTIM_TEXT}
    for pk, ages in _ages(ids).items():
        Victim.objects.filter(pk=pk).update(**blank, **ages, anonymised_on=today, version=F("version") + 1)
        versions = Victim.history.filter(id=pk).update(**blank, **ages, history_change_reason="")
        result.rows["victims.Victim"] += 1 + versions


def _erase_records(ids: list[int], result: Erased) -> None:
    for model, path, fields in RECORDS:
        texts = {name: _erased(name) for name in fields}
        result.rows[model._meta.label] += model.objects.filter(**{f"{path}__in": ids}).update(**texts)
        history = getattr(model, "history", None)
        if history is not None:
            result.rows[model._meta.label] += history.filter(**{f"{path}__in": ids}).update(
                **texts, history_change_reason=""
            )


def _erase_notes(ids: list[int], now, result: Erased) -> None:
    notes = ContactNote.objects.filter(victim_id__in=ids, erased_at__isnull=True)
    result.notes += notes.update(text="", erased_at=now, version=F("version") + 1)
    ContactNote.history.filter(victim_id__in=ids).update(text="", erased_at=now)


def _erase_documents(ids: list[int], now, result: Erased) -> None:
    """The rows say the bytes are gone; the bytes go once the transaction has committed."""
    live = Document.objects.filter(victim_id__in=ids, erased_at__isnull=True)
    names = [name for name in live.values_list("storage_name", flat=True) if name]
    result.documents += live.update(storage_name="", erased_at=now, version=F("version") + 1)
    Document.history.filter(victim_id__in=ids).update(erased_at=now)
    transaction.on_commit(lambda: [stored.remove(name) for name in names])


@transaction.atomic
def anonymise(ids: list[int], *, today: datetime.date) -> Erased:
    """Erase what identifies each of these people, and audit one event per person (by reference)."""
    result = Erased()
    now = timezone.now()
    for chunk in _chunks(sorted(ids)):
        _erase_people(chunk, today, result)
        _erase_records(chunk, result)
        _erase_notes(chunk, now, result)
        _erase_documents(chunk, now, result)
        people = list(Victim.objects.filter(pk__in=chunk).only("pk", "reference"))
        audit_each(people, action=Action.ANONYMISE, detail=f"retention schedule, {today:%Y-%m-%d}")
        result.people += len(people)
    return result
