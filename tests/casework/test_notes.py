"""Contact notes (issue 20.2; roles.md "Supervision, notes and documents"): written and read by
social workers, restricted ones by their author (and READ_RESTRICTED_NOTES), corrected as new
versions, audited when read, never read by police, prosecutors, the secretary or administrators."""

import datetime

import pytest
from django.urls import reverse

from atip.models import AuditEvent
from atip.roles import Role
from casework.models import ContactNote
from tests.casework import factories as make
from tests.factories import CaseFactory, ProsecutionFactory, UserFactory, VictimFactory

pytestmark = pytest.mark.django_db
SW, PO, PR, SE, AD = Role.SOCIAL_WORKER, Role.POLICE, Role.PROSECUTOR, Role.SECRETARY, Role.ADMINISTRATOR
SECRET = "She spoke of the nightmares for the first time."


@pytest.fixture
def rosa(today):
    """A person the police and prosecutors see too (listed in a prosecuted case)."""
    victim = VictimFactory(given_name="Rosa", family_name="Castillo")
    ProsecutionFactory(case=CaseFactory(victims=[victim]))
    return victim


def note_form(**fields):
    return {
        "kind": "visit",
        "happened_on": "2025-03-11",
        "participants": "Rosa; M. Pop (social worker)",
        "place": "Haven House",
        "duration_minutes": "40",
        "text": "Rosa is settling in and asked about school.",
        **fields,
    }


def test_a_social_worker_writes_a_visit_note(client, login, rosa):
    maria = login(username="maria.sw")
    response = client.post(reverse("casework:note_create", args=[rosa.pk]), note_form())
    assert response.status_code == 302 and response.url == f"{rosa.get_absolute_url()}#notes"
    note = ContactNote.objects.get(victim=rosa)
    assert (note.kind, note.created_by, note.duration_minutes, note.restricted) == ("visit", maria, 40, False)
    assert AuditEvent.objects.filter(
        action="create",
        user=maria,
        object_type="victim",
        object_id=str(rosa.pk),
        detail=f"contact note {note.pk}: visit",
    ).exists()
    page = client.get(rosa.get_absolute_url()).content.decode()
    assert "Rosa is settling in and asked about school." in page  # the panel
    assert "Contact note</span> Visit (Haven House, 40 min): Rosa is settling in" in page  # the timeline


def test_its_fields_are_checked_next_to_each(client, login, rosa):
    login()
    response = client.post(
        reverse("casework:note_create", args=[rosa.pk]),
        note_form(text="", duration_minutes="0", happened_on="2025-03-13", kind="dream"),
    )
    form = response.context["form"]
    assert set(form.errors) == {"text", "duration_minutes", "happened_on", "kind"}
    assert "This date is in the future." in form.errors["happened_on"]
    assert not ContactNote.objects.exists()


def test_a_correction_is_a_new_version_with_its_reason(client, login, rosa):
    maria = login()
    note = make.note(rosa, by=maria, text="First words.")
    url = reverse("casework:note_correct", args=[note.pk])
    missing = client.post(url, note_form(text="Second words.", version=note.version))
    assert "correction_reason" in missing.context["form"].errors
    client.post(url, note_form(text="Second words.", version=note.version, correction_reason="Wrong date."))
    note.refresh_from_db()
    assert (note.text, note.version, note.correction_reason) == ("Second words.", 2, "Wrong date.")
    page = client.get(reverse("casework:note", args=[note.pk])).content.decode()
    assert "First words." in page and "Second words." in page and "Wrong date." in page
    stale = client.post(url, note_form(text="Third.", version=1, correction_reason="Again."))
    assert "Someone else saved this record" in stale.content.decode()
    note.refresh_from_db()
    assert note.text == "Second words."


def test_only_its_author_corrects_a_note(client, login, rosa):
    note = make.note(rosa, text="Her words.")
    login()  # another social worker
    url = reverse("casework:note_correct", args=[note.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, note_form(version=1, correction_reason="Mine now.")).status_code == 403
    note.refresh_from_db()
    assert (note.text, note.version) == ("Her words.", 1)
    page = client.get(reverse("casework:note", args=[note.pk])).content.decode()
    assert "Her words." in page and reverse("casework:note_correct", args=[note.pk]) not in page


def _pages(victim, note):
    return [
        victim.get_absolute_url(),
        reverse("casework:notes", args=[victim.pk]),
        reverse("casework:note", args=[note.pk]),
        reverse("casework:summary", args=[victim.pk]),
    ]


def test_a_restricted_note_is_read_by_its_author_alone(client, login, rosa):
    author = UserFactory(username="psy.sw")
    note = make.note(
        rosa, by=author, kind="counselling", participants="Dr. Flores", restricted=True, text=SECRET
    )
    login(username="other.sw")
    for url in _pages(rosa, note):
        body = client.get(url).content.decode()
        assert SECRET not in body and "Dr. Flores" not in body and "Counselling" not in body, url
        assert "psy.sw" in body and "2020-03-04" in body, url  # that it exists, its date and author
    assert "Restricted note by psy.sw" in client.get(rosa.get_absolute_url()).content.decode()  # timeline
    client.force_login(author)
    for url in _pages(rosa, note):
        assert SECRET in client.get(url).content.decode(), url


def test_a_supervisor_reads_restricted_notes(client, login, rosa):
    """roles.md: a restricted note is read by its author and by supervisors (issue 20.1)."""
    note = make.note(rosa, restricted=True, text=SECRET)
    login(Role.SUPERVISOR)
    for url in _pages(rosa, note):
        assert SECRET in client.get(url).content.decode(), url
    # Reading is not correcting: only the author does that.
    assert client.get(reverse("casework:note_correct", args=[note.pk])).status_code == 403


@pytest.mark.parametrize("role", [PO, PR, SE, AD])
def test_the_other_roles_never_read_notes(client, login, rosa, role):
    note = make.note(rosa, text=SECRET)
    login(role)
    for name, arg in (
        ("casework:note", note.pk),
        ("casework:note_correct", note.pk),
        ("casework:notes", rosa.pk),
        ("casework:note_create", rosa.pk),
    ):
        response = client.get(reverse(name, args=[arg]))
        assert response.status_code == 404, name
        assert SECRET not in response.content.decode()
    assert client.post(reverse("casework:note_create", args=[rosa.pk]), note_form()).status_code == 404
    victim_page = client.get(rosa.get_absolute_url())
    assert SECRET not in victim_page.content.decode()  # police and prosecutors see Rosa's page
    assert ContactNote.objects.count() == 1


def test_reading_a_note_is_audited_on_the_person(client, login, rosa):
    user = login()
    note = make.note(rosa, text=SECRET)
    views = AuditEvent.objects.filter(action="view", object_type="victim", object_id=str(rosa.pk), user=user)
    client.get(reverse("casework:note", args=[note.pk]))
    assert list(views.values_list("detail", flat=True)) == [f"contact note {note.pk}"]
    client.get(reverse("casework:notes", args=[rosa.pk]))
    assert views.filter(detail="contact notes page").count() == 1


def test_a_restricted_note_shown_without_its_text_is_not_a_read_of_it(client, login, rosa):
    """The page of a restricted note one may not read shows the name (audited) but its access
    never hands out what the note says."""
    from casework.notes import NoteAccess, NoteNotRead
    from victims.access import VictimAccess

    note = make.note(rosa, restricted=True, text=SECRET)
    other = UserFactory()
    access = NoteAccess(note, user=other, person=VictimAccess(rosa, user=other, where="test"))
    assert access.happened_on == note.happened_on and access.created_by == note.created_by
    for name in ("text", "participants", "place", "kind", "get_kind_display", "duration_minutes"):
        with pytest.raises(NoteNotRead):
            getattr(access, name)
    assert not AuditEvent.objects.filter(action="view", user=other).exists()


def test_script_in_a_note_is_shown_as_text(client, login, rosa):
    login()
    script = '<script>alert("x")</script>'
    client.post(reverse("casework:note_create", args=[rosa.pk]), note_form(text=script, participants=script))
    for url in (rosa.get_absolute_url(), reverse("casework:note", args=[ContactNote.objects.get().pk])):
        body = client.get(url).content.decode()
        assert script not in body and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_posted_fields_it_does_not_take_are_ignored(client, login, rosa):
    login()
    other, someone = VictimFactory(), UserFactory()
    client.post(
        reverse("casework:note_create", args=[rosa.pk]),
        note_form(
            victim=other.pk, created_by=someone.pk, version=7, correction_reason="x", erased_at="2025-01-01"
        ),
    )
    note = ContactNote.objects.get()
    assert (note.victim, note.version, note.correction_reason, note.erased_at) == (rosa, 1, "", None)
    assert note.created_by != someone


def test_a_person_page_shows_the_latest_ten_and_links_to_all(client, login, rosa):
    login()
    for day in range(12):
        make.note(rosa, happened_on=datetime.date(2024, 1, 1 + day), text=f"Visit number {day}.")
    page = client.get(rosa.get_absolute_url()).content.decode()
    assert (
        "Visit number 11." in page
        and "Visit number 2." in page
        and "Visit number 1." not in page.split('id="timeline"')[0]
    )
    assert reverse("casework:notes", args=[rosa.pk]) in page
    all_notes = client.get(reverse("casework:notes", args=[rosa.pk])).content.decode()
    assert "Visit number 0." in all_notes and "Visit number 11." in all_notes


def test_the_notes_page_takes_as_many_queries_for_many_notes(
    client, login, rosa, django_assert_max_num_queries
):
    from tests.test_query_counts import queries_with

    login()

    def build(n):
        for i in range(n):
            note = make.note(rosa, by=UserFactory(), text=f"Note {i}")
            make.document(rosa, by=UserFactory(), note=note)
        return reverse("casework:notes", args=[rosa.pk])

    assert queries_with(client, build, 2) == queries_with(client, build, 8)
