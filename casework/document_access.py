"""Who reads which document (roles.md "Supervision, notes and documents"), and the documents'
panels on a person's page and on a case's page.

Social workers (READ_DOCUMENTS) read the documents of the people they see — but one attached
to a restricted note only where they may read that note. Police and prosecutors
(READ_SHARED_DOCUMENTS) read a document shared with a case they see, while the share is in force
and the case still lists the person, and nothing else of the person's. Anyone else: none (404).
"""

from collections import defaultdict

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from atip.access import RecordAccess, object_for_user
from atip.panels import panel
from atip.roles import Ability, can
from cases.models import Case
from cases.selectors import cases_for_user
from casework.models.documents import Document, DocumentShare
from victims.access import VictimAccess
from victims.selectors import victims_for_user

ATTACHED = ("consent", "assessment", "referral", "note")


def documents_for_user(*, user) -> QuerySet[Document]:
    """The documents `user` may read and download (never an erased one)."""
    if can(user, Ability.READ_DOCUMENTS):
        documents = Document.objects.filter(victim__in=victims_for_user(user=user), erased_at__isnull=True)
        if can(user, Ability.READ_RESTRICTED_NOTES):
            return documents
        # A document of a restricted note goes with the note: its author's.
        return documents.filter(Q(note__isnull=True) | Q(note__restricted=False) | Q(note__created_by=user))
    if can(user, Ability.READ_SHARED_DOCUMENTS):
        shares = DocumentShare.objects.filter(
            document=OuterRef("pk"),
            unshared_at__isnull=True,
            case__in=cases_for_user(user=user),
            case__victim_links__victim=OuterRef("victim"),
        )
        return Document.objects.filter(Exists(shares), archived_at__isnull=True, erased_at__isnull=True)
    return Document.objects.none()


class DocumentAccess(RecordAccess[Document]):
    """A document as one user may see it: `share` and `archive` say what they may do with it."""

    may = {"share": Ability.SHARE_DOCUMENTS, "archive": Ability.ADD_DOCUMENTS}


def document_for_user_or_404(*, user, pk, to: Ability | None = None) -> DocumentAccess:
    documents = documents_for_user(user=user).select_related("victim")
    return DocumentAccess(object_for_user(documents, pk, user=user, to=to), user=user)


def share_for_user_or_404(*, user, pk) -> DocumentShare:
    """A share in force of a document `user` may share (404 otherwise)."""
    shares = DocumentShare.objects.filter(
        unshared_at__isnull=True, document__in=documents_for_user(user=user)
    ).select_related("document__victim", "case")
    return object_for_user(shares, pk, user=user, to=Ability.SHARE_DOCUMENTS)


def shareable_cases(*, user, document: Document) -> QuerySet[Case]:
    """The cases a document may be shared with: those listing its person that `user` sees."""
    return cases_for_user(user=user).filter(victim_links__victim=document.victim_id).order_by("-reported_on")


def person_documents(*, user, victim) -> list[DocumentAccess]:
    """A person's documents, latest first, each with what it is attached to and the cases it is
    shared with (three queries whatever their number)."""
    shares = DocumentShare.objects.filter(unshared_at__isnull=True).select_related("case")
    documents = (
        documents_for_user(user=user)
        .filter(victim=victim)
        .select_related("created_by", "archived_by", *ATTACHED)
        .prefetch_related(Prefetch("shares", queryset=shares, to_attr="in_force"))
    )
    return [DocumentAccess(document, user=user) for document in documents]


def with_documents(notes: QuerySet, *, user) -> QuerySet:
    """`notes` with `shown_documents`: the documents attached to each that `user` may read, not
    archived (one query for them all)."""
    shown = documents_for_user(user=user).filter(archived_at__isnull=True)
    return notes.prefetch_related(Prefetch("documents", queryset=shown, to_attr="shown_documents"))


def attach_to_consents(*, user, consents) -> None:
    """Set `attached_documents` on each of `consents` (the signed forms, for the consent list): one query."""
    by_consent = defaultdict(list)
    ids = [consent.pk for consent in consents]
    if ids and can(user, Ability.READ_DOCUMENTS):
        for document in documents_for_user(user=user).filter(consent__in=ids, archived_at__isnull=True):
            by_consent[document.consent_id].append(document)
    for consent in consents:
        consent.attached_documents = by_consent[consent.pk]


@panel("victim", "casework/_victim_documents.html", order=17)
def documents_panel(*, user, victim: VictimAccess) -> dict | None:
    """The person's documents, for those who read them all (not police or prosecutors, who read
    a shared one on its case's page)."""
    if not can(user, Ability.READ_DOCUMENTS):
        return None
    documents = person_documents(user=user, victim=victim.victim)
    return {
        "documents": [d for d in documents if not d.is_archived],
        "archived": [d for d in documents if d.is_archived],
        "add": can(user, Ability.ADD_DOCUMENTS),
    }


@panel("case", "casework/_case_documents.html", order=20)
def case_documents_panel(*, user, case) -> dict | None:
    """The documents shared with this case that `user` may read, by the person's reference."""
    if not (can(user, Ability.READ_SHARED_DOCUMENTS) or can(user, Ability.READ_DOCUMENTS)):
        return None
    shares = (
        DocumentShare.objects.filter(
            case=case, unshared_at__isnull=True, document__in=documents_for_user(user=user)
        )
        .select_related("document__victim", "shared_by")
        .order_by("-shared_at", "-id")
    )
    return {"shares": list(shares)} if shares else None
