"""Keeping the stored documents sound: checking every one against the database
(`manage.py check_documents`), and re-encrypting every one under a new key, all or nothing
(`manage.py rotate_document_key`)."""

from dataclasses import dataclass

from django.db import transaction

from atip.audit import Action, audit
from casework import documents
from casework.models.documents import Document


@dataclass(frozen=True)
class Problem:
    document: Document | None
    what: str

    def __str__(self) -> str:
        d = self.document
        if d is None:
            return self.what
        where = f"{d.kind}, victim {d.victim.reference}, stored as {d.storage_name}"
        return f"document {d.pk} ({where}): {self.what}"


def stored_documents():
    """Every document with stored bytes (erased ones have none), in a fixed order."""
    return Document.objects.filter(erased_at__isnull=True).select_related("victim").order_by("pk")


def check_all() -> tuple[int, list[Problem], list[str]]:
    """(how many were checked, the documents that fail — missing, changed, or under a key not
    configured —, files in the storage that no document names)."""
    problems, names, checked = [], set(), 0
    for document in stored_documents().iterator(chunk_size=200):
        checked += 1
        names.add(document.storage_name)
        try:
            documents.load(document)
        except documents.DocumentUnreadable as error:
            problems.append(Problem(document, str(error)))
    return checked, problems, sorted(set(stored_names()) - names)


def stored_names(folder: str = "") -> list[str]:
    """Every file name under the documents' storage."""
    storage = documents.storage()
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{f}" if folder else f for f in files]
    for sub in folders:
        names += stored_names(f"{folder}/{sub}" if folder else sub)
    return names


def rotate_all() -> int:
    """Re-encrypt every document not under the current key with it; the number re-encrypted.

    All or nothing: each document is decrypted, checked and written anew under a new name first;
    if any fails, the new files are removed and nothing changes (a ValueError names the
    documents). Then every row is moved to its new file in one transaction, and the old files
    are removed.
    """
    current = documents.key_id(documents.current_key())
    moved, problems = [], []
    pending = stored_documents().exclude(key_id=current)
    try:
        for document in pending.iterator(chunk_size=200):
            try:
                plain = documents.load(document)
            except documents.DocumentUnreadable as error:
                problems.append(Problem(document, str(error)))
                continue
            _key, stored = documents.encrypt(plain, sha256=document.sha256)
            moved.append((document, documents.write(stored)))
        if problems:
            raise ValueError("; ".join(str(p) for p in problems))
        with transaction.atomic():
            for document, name in moved:
                updated = Document.objects.filter(
                    pk=document.pk, storage_name=document.storage_name, key_id=document.key_id
                ).update(storage_name=name, key_id=current)
                if updated != 1:
                    raise ValueError(f"document {document.pk} changed during the rotation: run it again")
            if moved:
                audit(
                    action=Action.CHANGE,
                    object_type="document",
                    detail=f"document key rotated: {len(moved)} documents re-encrypted under key {current}",
                )
    except BaseException:
        for _document, name in moved:
            documents.remove(name)
        raise
    for document, _name in moved:
        documents.remove(document.storage_name)
    return len(moved)
