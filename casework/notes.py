"""Contact notes (issue 20.2): who reads and writes them, the one place a note is read, the
writes, and the notes' panel on a person's page.

roles.md: notes are read and written by social workers and supervisors (READ_NOTES,
WRITE_NOTES); police, prosecutors, the secretary and administrators never read them. A
restricted note is read by its author, or with READ_RESTRICTED_NOTES; others who read notes see
that it exists, its date and its author. Reading what a note says is reading personal data: a
NoteAccess hands it out and records the read on the person (atip.reads, through the page's
VictimAccess), once per response, as a name is.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from atip.access import RecordAccess, object_for_user
from atip.panels import panel
from atip.reads import read
from atip.roles import Ability, can
from casework.document_access import with_documents
from casework.models.notes import ContactNote
from casework.services import casework_save
from victims.access import VictimAccess
from victims.models import Victim
from victims.selectors import victims_for_user

NOTE_FIELDS = ("kind", "happened_on", "participants", "place", "duration_minutes", "text", "restricted")
LATEST = 10  # the notes on a person's page; the others on their notes page
# What a restricted note keeps from those who may not read it: all but its date and author.
CONTENT = frozenset(
    {
        "kind",
        "get_kind_display",
        "participants",
        "place",
        "duration_minutes",
        "text",
        "correction_reason",
    }
)


class NoteNotRead(Exception):
    """A note's content read where this user may not read it. Not an AttributeError, which a
    template would silently render as nothing: the page fails, and its test with it."""


# --- Access --------------------------------------------------------------------------------------


def notes_for_user(*, user) -> QuerySet[ContactNote]:
    """The notes of the people `user` sees, for those who read notes; nothing for others."""
    if not can(user, Ability.READ_NOTES):
        return ContactNote.objects.none()
    return ContactNote.objects.filter(victim__in=victims_for_user(user=user))


def may_read(user, note: ContactNote) -> bool:
    return not note.restricted or note.created_by_id == user.pk or can(user, Ability.READ_RESTRICTED_NOTES)


class NoteAccess(RecordAccess[ContactNote]):
    """One note as one user may see it on one page. Its date, author and whether it is restricted
    are always there; what it says (CONTENT) only where `readable`, and reading it records the
    read on the person, with the page's name. A previous version reads the same way."""

    def __init__(self, note, *, user, person: VictimAccess, readable: bool | None = None):
        super().__init__(note, user=user)
        self.person = person
        self.readable = may_read(user, note) if readable is None else readable

    @property
    def correctable(self) -> bool:
        """Only the author corrects a note (a new version, with the reason)."""
        return can(self.user, Ability.WRITE_NOTES) and self.record.created_by_id == self.user.pk

    def __getattr__(self, name: str):
        if name in CONTENT:
            if not self.readable:
                raise NoteNotRead(f"{name}: this user may not read this restricted note")
            read(self.person.record, where=self.person.where)
        return super().__getattr__(name)


def note_for_user_or_404(*, user, pk, to: Ability | None = None) -> ContactNote:
    notes = notes_for_user(user=user).select_related("victim", "created_by")
    return object_for_user(notes, pk, user=user, to=to)


def person_notes(*, user, person: VictimAccess) -> QuerySet[ContactNote]:
    """A person's notes, latest first, with their authors (one query)."""
    return notes_for_user(user=user).filter(victim=person.victim).select_related("created_by")


def notes_shown(notes, *, user, person: VictimAccess) -> list[NoteAccess]:
    return [NoteAccess(note, user=user, person=person) for note in notes]


def versions(note: NoteAccess) -> list[NoteAccess]:
    """The note's versions, latest first, read as the note is (none of a note the user may not
    read): each with `history_date` and `history_user`."""
    if not note.readable:
        return []
    entries = note.record.history.select_related("history_user").order_by("-history_date", "-history_id")
    return [NoteAccess(entry, user=note.user, person=note.person, readable=True) for entry in entries]


def note_summary(note: NoteAccess) -> str:
    """A note in one line (the timeline): its kind, place, duration and the start of its text;
    of a restricted note one may not read, its author."""
    if not note.readable:
        return _("Restricted note by %(author)s") % {"author": note.created_by or "—"}
    details = [note.place] if note.place else []
    if note.duration_minutes:
        details.append(_("%(minutes)d min") % {"minutes": note.duration_minutes})
    text = " ".join(note.text.split())
    short = text if len(text) <= 120 else text[:119] + "…"
    return f"{note.get_kind_display()}" + (f" ({', '.join(details)})" if details else "") + f": {short}"


@panel("victim", "casework/_victim_notes.html", order=16)
def notes_panel(*, user, victim: VictimAccess) -> dict | None:
    """The person's latest notes, for those who read notes (two queries: the notes, and the
    documents attached to them)."""
    if not can(user, Ability.READ_NOTES):
        return None
    notes = list(with_documents(person_notes(user=user, person=victim), user=user)[: LATEST + 1])
    return {
        "notes": notes_shown(notes[:LATEST], user=user, person=victim),
        "more": len(notes) > LATEST,
        "write": can(user, Ability.WRITE_NOTES),
    }


# --- Writes --------------------------------------------------------------------------------------


def note_write(*, victim: Victim, by, data: dict) -> ContactNote:
    """Write a contact note; `by` is its author."""
    return casework_save(
        ContactNote(victim=victim),
        fields=NOTE_FIELDS,
        data=data,
        by=by,
        detail=lambda n: f"contact note {n.pk}: {n.kind}" + (" (restricted)" if n.restricted else ""),
    )


def note_correct(
    *, note: ContactNote, by, data: dict, reason: str, expected_version: int | None
) -> ContactNote:
    """Correct one's own note: a new version with the reason; the previous one stays."""
    if note.created_by_id != by.pk:
        raise PermissionDenied
    if note.erased_at is not None:
        raise ValidationError(_("This note was erased: it cannot be corrected."))
    if not (reason or "").strip():
        raise ValidationError({"correction_reason": _("Say why the note is corrected.")})
    return casework_save(
        note,
        fields=(*NOTE_FIELDS, "correction_reason"),
        data={**data, "correction_reason": reason.strip()},
        by=by,
        expected_version=expected_version,
        detail=lambda n: f"contact note {n.pk}: corrected (version {n.version})",
    )
