"""Demo contact notes and documents for seed_demo (issue 20): visits, calls and a restricted
counselling note by a counsellor's account; a photographed signed consent form attached to its
consent, a medical report, a passport copy, and one report shared with the person's case so that
the demo police officer and prosecutor read it on the case's page. Files are drawn in code
(casework.sample_files) and stored as real use stores them: cleaned, encrypted.

Synthetic only, and written through the services."""

import datetime

from atip.roles import Role
from atip.services import user_set_role
from casework.document_services import document_add, document_share
from casework.models.consent import ConsentPurpose
from casework.models.documents import DocumentKind
from casework.models.notes import NoteKind
from casework.notes import note_write
from casework.sample_files import pdf, photo, png
from victims.models import Victim

DAY = datetime.timedelta(days=1)
COUNSELLOR = "demo.counsellor"  # a second social worker's account (no password: it never logs in)


def seed(*, people, victims, users, today) -> None:
    """Notes and documents for `people` (those with casework), and for the first of `victims`
    listed in a prosecuted case, whose medical report is shared with that case."""
    worker = users[Role.SOCIAL_WORKER]
    counsellor = user_set_role(username=COUNSELLOR, role=Role.SOCIAL_WORKER)
    prosecuted = Victim.objects.filter(
        pk__in=[v.pk for v in victims],
        identification_date__isnull=False,
        case_links__case__prosecutions__isnull=False,
    ).exclude(pk__in=[p.pk for p in people])
    witness = prosecuted.order_by("reference").first()
    for n, victim in enumerate([*people, *([witness] if witness else [])]):
        _notes(n, victim, worker, counsellor, today)
        _documents(n, victim, worker)


def _note(victim, by, kind, on, text, *, who, where="", minutes=None, restricted=False):
    return note_write(
        victim=victim,
        by=by,
        data={
            "kind": kind,
            "happened_on": on,
            "participants": who,
            "place": where,
            "duration_minutes": minutes,
            "text": text,
            "restricted": restricted,
        },
    )


def _notes(n, victim, worker, counsellor, today) -> None:
    start = min(victim.identification_date, today - 30 * DAY)
    _note(
        victim,
        worker,
        NoteKind.VISIT,
        start + DAY,
        "First visit at the shelter. She is tired but eating; asked for a phone call to her mother, "
        "which was arranged for Friday. Explained consent and what the Department can offer.",
        who="The person; the social worker; the shelter manager",
        where="Haven House",
        minutes=60,
    )
    _note(
        victim,
        worker,
        NoteKind.PHONE_CALL,
        min(start + 9 * DAY, today),
        "Called to confirm the medical appointment. She asked whether she must see the recruiter in "
        "court; explained that she may testify with a screen.",
        who="The person; the social worker",
        minutes=15,
    )
    if n % 2 == 0:
        _note(
            victim,
            counsellor,
            NoteKind.COUNSELLING,
            min(start + 12 * DAY, today),
            "Counselling session. Sleep is still broken; nightmares twice this week. Agreed on a "
            "breathing exercise and to meet weekly.",
            who="The person; the counsellor",
            where="Counselling room, Belize City",
            minutes=50,
            restricted=True,
        )
    if n == 1:
        _note(
            victim,
            worker,
            NoteKind.COURT,
            min(start + 30 * DAY, today),
            "Went with her to the preliminary hearing; it was adjourned. She coped well and wants to go on.",
            who="The person; the social worker; the NGO's lawyer",
            where="Belize City Magistrate's Court",
            minutes=180,
        )


def _documents(n, victim, worker) -> None:
    consent = victim.consents.filter(purpose=ConsentPurpose.SERVICES).first()
    if consent is not None:
        document_add(
            victim=victim,
            by=worker,
            # As a phone takes it: the location in its EXIF, which is removed when it is kept.
            content=photo("CONSENT TO RECEIVE SERVICES", "Signed and dated", "(demo form)"),
            data={
                "kind": DocumentKind.CONSENT_FORM,
                "description": "Signed form, photographed",
                "consent": consent,
            },
        )
    report = document_add(
        victim=victim,
        by=worker,
        content=pdf("MEDICAL REPORT (demo)", "General check-up: no acute findings.", "Follow-up in 4 weeks."),
        data={"kind": DocumentKind.MEDICAL, "description": "Check-up at the polyclinic"},
    )
    if n % 3 == 0:
        document_add(
            victim=victim,
            by=worker,
            content=png("PASSPORT (demo)", "Pages 1-2"),
            data={"kind": DocumentKind.IDENTITY, "description": "Passport, pages 1-2"},
        )
    case_link = victim.case_links.filter(case__prosecutions__isnull=False).select_related("case").first()
    if case_link is not None:
        document_share(
            document=report,
            case=case_link.case,
            by=worker,
            reason="The prosecution asked for the medical evidence of the injuries.",
        )
