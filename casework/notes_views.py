"""Contact notes' pages (issue 20.2). Each gets the note or the person through a selector scoped
to the user (404 outside what they may read; 403 for correcting another's note), and shows
what a note says through casework.notes.NoteAccess, which audits the read on the person."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from atip.decorators import requires
from atip.forms import form_page
from atip.paging import page_of
from atip.roles import Ability
from casework import notes
from casework.document_access import documents_for_user, with_documents
from casework.models.notes import ContactNote
from casework.notes_forms import NoteCorrectionForm, NoteForm
from victims.access import VictimAccess
from victims.selectors import victim_for_user_or_404

GET_POST = require_http_methods(["GET", "POST"])


def _notes_url(victim) -> str:
    return f"{victim.get_absolute_url()}#notes"


@GET_POST
@requires(Ability.WRITE_NOTES)
def note_create(request, victim_pk):
    person = victim_for_user_or_404(user=request.user, pk=victim_pk, where="new contact note page")
    victim = person.victim
    form = NoteForm(request.POST or None, instance=ContactNote(victim=victim))
    return form_page(
        request,
        form,
        save=lambda: notes.note_write(victim=victim, by=request.user, data=form.cleaned_data),
        title=_("Write a contact note — %(victim)s") % {"victim": person.heading},
        back=_notes_url(victim),
        done=_("Note saved."),
        submit_label=_("Save the note"),
    )


@require_GET
@requires(Ability.READ_NOTES)
def note_list(request, victim_pk):
    person = victim_for_user_or_404(user=request.user, pk=victim_pk, where="contact notes page")
    page = page_of(
        request, with_documents(notes.person_notes(user=request.user, person=person), user=request.user)
    )
    page.object_list = notes.notes_shown(page.object_list, user=request.user, person=person)
    return render(request, "casework/notes.html", {"victim": person, "page": page})


@require_GET
@requires(Ability.READ_NOTES)
def note_detail(request, pk):
    note = notes.note_for_user_or_404(user=request.user, pk=pk)
    person = VictimAccess(note.victim, user=request.user, where=f"contact note {note.pk}")
    access = notes.NoteAccess(note, user=request.user, person=person)
    documents = (
        documents_for_user(user=request.user).filter(note=note, archived_at__isnull=True)
        if access.readable
        else []
    )
    return render(
        request,
        "casework/note.html",
        {"note": access, "victim": person, "versions": notes.versions(access), "documents": documents},
    )


@GET_POST
@requires(Ability.WRITE_NOTES)
def note_correct(request, pk):
    note = notes.note_for_user_or_404(user=request.user, pk=pk)
    if note.created_by_id != request.user.pk:
        raise PermissionDenied  # only its author corrects a note
    person = VictimAccess(note.victim, user=request.user, where=f"contact note {note.pk} correction page")
    form = NoteCorrectionForm(request.POST or None, instance=note)
    return form_page(
        request,
        form,
        save=lambda: notes.note_correct(
            note=note,
            by=request.user,
            data=form.cleaned_data,
            reason=form.cleaned_data["correction_reason"],
            expected_version=form.cleaned_data["version"],
        ),
        title=_("Correct a contact note — %(victim)s") % {"victim": person.heading},
        back=reverse("casework:note", args=[note.pk]),
        done=_("Note corrected. The earlier version is kept."),
    )
