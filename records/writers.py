"""Writing checked rows (pass 2 of records.importer), one batch of a file at a time.

A row's values go to the fields its file's columns name (records.formats), links become ids.
Each record gets its first history row ("+", "Imported"), as simple-history would write on a
save; victims start their identification decision history, and cases their status history,
from the imported status.
"""

from types import SimpleNamespace

from django.conf import settings

from cases.models import CaseStatus, CaseStatusChange
from records import formats as F
from victims.models import IdentificationDecision, Victim
from victims.names import search_key

IMPORT_NOTE = "Imported"
# The import format has no closing reason; the database requires one for a closed case.
CLOSED_BEFORE_IMPORT = "Closed before import."


def _create(importer, model, rows: list[dict]) -> tuple[list[int], list[int]]:
    """Insert `rows` and, for each, its first history row ("+", "Imported"); (pks, history ids)."""
    main = importer.table(model)
    pks = main.insert(rows)
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return pks, []
    names, defaults = main.names, main.defaults
    history = [
        {
            **{n: row.get(n, defaults[n]) for n in names},
            "id": pk,
            "history_date": importer.now,
            "history_change_reason": IMPORT_NOTE,
            "history_type": "+",
        }
        for row, pk in zip(rows, pks, strict=True)
    ]
    return pks, importer.table(model.history.model).insert(history)


def _create_sets(importer, column: F.Column, pks, history_ids, members: list[list[str]]) -> None:
    """The set of `column` (exploitation forms, or the references of linked rows) of each new
    record, and the same set in its history row when simple-history keeps it."""
    m2m = column.field
    own, other = m2m.m2m_field_name() + "_id", m2m.m2m_reverse_field_name() + "_id"
    if column.kind == F.LINKS:
        ids = importer.resolve(column.target, {r for references in members for r in references})
        members = [[ids[r] for r in references] for references in members]
    links = [{own: pk, other: member} for pk, each in zip(pks, members, strict=True) for member in each]
    link_ids = importer.table(m2m.remote_field.through).insert(links)
    history = column.file.model.history.model
    if history_ids and hasattr(history, m2m.name):
        history_of = dict(zip(pks, history_ids, strict=True))
        importer.table(getattr(history, m2m.name).model).insert(
            [
                {**link, "id": link_id, "history_id": history_of[link[own]]}
                for link, link_id in zip(links, link_ids, strict=True)
            ]
        )


def write(importer, fmt: F.FileFormat, batch: list[dict]) -> int:
    """Insert one batch of checked rows of `fmt` with their history rows, sets and links."""
    names = [c.name for c in fmt.columns if c.is_value]  # a column named as its field
    rows = [{name: v[name] for name in names} for v in batch]
    for column in fmt.columns:
        if column.kind == F.LINK:
            ids = importer.resolve(column.target, {v[column.name] for v in batch} - {None})
            attname = column.field.attname
            for row, v in zip(rows, batch, strict=True):
                row[attname] = ids[v[column.name]] if v[column.name] is not None else None
    if fmt is F.VICTIMS:
        _derive_adult_on(rows)
        _fold_names(rows)
    elif fmt is F.CASES:
        for row in rows:
            row["closing_reason"] = CLOSED_BEFORE_IMPORT if row["status"] == CaseStatus.CLOSED else ""
    pks, history_ids = _create(importer, fmt.model, rows)
    for column in fmt.columns:
        if column.is_set:
            _create_sets(importer, column, pks, history_ids, [v[column.name] for v in batch])
    if fmt is F.VICTIMS:
        _start_decisions(importer, rows, pks)
    elif fmt is F.CASES:
        _start_status_changes(importer, rows, pks)
    if fmt.has_reference:
        importer.remember(fmt.name, rows, pks)
    return len(rows)


def _derive_adult_on(rows: list[dict]) -> None:
    for row in rows:
        # The model's own rule, without the cost of a model instance per row.
        row["adult_on"] = Victim.derive_adult_on(SimpleNamespace(**row))


def _fold_names(rows: list[dict]) -> None:
    for row in rows:
        # What search and the duplicate check compare (Victim.clean() writes it on a save).
        row["search_name"] = search_key(row["given_name"] or "", row["family_name"] or "")


def _start_decisions(importer, rows: list[dict], pks: list[int]) -> None:
    """The decision history starts from the imported status, as victims.services records it."""
    importer.table(IdentificationDecision).insert(
        [
            {
                "victim_id": pk,
                "status": row["identification_status"],
                "decided_on": row["identification_date"] or row["registered_on"],
                "identified_by": row["identified_by"],
                "note": IMPORT_NOTE,
            }
            for row, pk in zip(rows, pks, strict=True)
        ]
    )


def _start_status_changes(importer, rows: list[dict], pks: list[int]) -> None:
    """The status history starts from the imported status."""
    importer.table(CaseStatusChange).insert(
        [
            {
                "case_id": pk,
                "status": row["status"],
                "changed_on": (
                    row["investigation_opened_on"]
                    if row["status"] != CaseStatus.REPORTED and row["investigation_opened_on"]
                    else row["reported_on"]
                ),
                "note": IMPORT_NOTE,
            }
            for row, pk in zip(rows, pks, strict=True)
        ]
    )
