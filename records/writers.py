"""Writing checked rows (pass 2 of records.importer), one batch of a file at a time.

Each record gets its first history row ("+", "Imported"), as simple-history would write on a
save; victims start their identification decision history, and cases their status history,
from the imported status.
"""

from types import SimpleNamespace

from django.conf import settings

from cases.models import Case, CaseStatus, CaseStatusChange, CaseVictim, Suspect
from prevention.models import Activity
from prosecutions.models import Charge, Prosecution
from records import formats as F
from services.models import Repatriation, ServiceEpisode
from victims.models import IdentificationDecision, IdentificationStatus, Victim
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


def _create_forms(importer, model, pks, history_ids, forms: list[list[str]]) -> None:
    """The `exploitation_forms` set of each new record, and the same set in its history row."""
    m2m = model._meta.get_field("exploitation_forms")
    own, other = m2m.m2m_field_name() + "_id", m2m.m2m_reverse_field_name() + "_id"
    links = [{own: pk, other: code} for pk, codes in zip(pks, forms, strict=True) for code in codes]
    link_ids = importer.table(m2m.remote_field.through).insert(links)
    if history_ids:
        history_of = dict(zip(pks, history_ids, strict=True))
        importer.table(model.history.model.exploitation_forms.model).insert(
            [
                {**link, "id": link_id, "history_id": history_of[link[own]]}
                for link, link_id in zip(links, link_ids, strict=True)
            ]
        )


def _write_victims(importer, batch) -> int:
    rows = []
    for v in batch:
        identified = v["identification_status"] == IdentificationStatus.IDENTIFIED
        # The model's own rule, without the cost of a model instance per row.
        ages = SimpleNamespace(
            date_of_birth=v["date_of_birth"], age_estimate=v["age_estimate"], registered_on=v["registered_on"]
        )
        rows.append(
            {
                "reference": v["reference"],
                "given_name": v["given_name"] or "",
                "family_name": v["family_name"] or "",
                "sex": v["sex"],
                "date_of_birth": v["date_of_birth"],
                "age_estimate": v["age_estimate"],
                "nationality": v["nationality"] or "",
                "registered_on": v["registered_on"],
                "district": v["district"] or "",
                "identification_status": v["identification_status"],
                "identification_date": v["identification_date"] if identified else None,
                "identified_by": (v["identified_by"] or "") if identified else "",
                "adult_on": Victim.derive_adult_on(ages),
                "search_name": search_key(v["given_name"] or "", v["family_name"] or ""),
            }
        )
    pks, history_ids = _create(importer, Victim, rows)
    _create_forms(importer, Victim, pks, history_ids, [v["exploitation_forms"] for v in batch])
    # The decision history starts from the imported status, as victims.services records it.
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
    importer.remember("victims.csv", rows, pks)
    return len(rows)


def _write_services(importer, batch) -> int:
    ids = importer.resolve("victims.csv", {v["victim_reference"] for v in batch})
    rows = [
        {
            "victim_id": ids[v["victim_reference"]],
            "service_type": v["service_type"],
            "provider": v["provider"] or "",
            "start_date": v["start_date"],
            "end_date": v["end_date"],
        }
        for v in batch
    ]
    _create(importer, ServiceEpisode, rows)
    return len(rows)


def _write_repatriations(importer, batch) -> int:
    ids = importer.resolve("victims.csv", {v["victim_reference"] for v in batch})
    rows = [
        {
            "victim_id": ids[v["victim_reference"]],
            "destination_country": v["destination_country"],
            "status": v["status"],
            "return_date": v["return_date"],
            "assisted_by": v["assisted_by"] or "",
        }
        for v in batch
    ]
    _create(importer, Repatriation, rows)
    return len(rows)


def _write_cases(importer, batch) -> int:
    rows = [
        {
            "reference": v["reference"],
            "reported_on": v["reported_on"],
            "source": v["source"],
            "district": v["district"] or "",
            "status": v["status"],
            "closing_reason": CLOSED_BEFORE_IMPORT if v["status"] == CaseStatus.CLOSED else "",
            "investigation_opened_on": v["investigation_opened_on"],
        }
        for v in batch
    ]
    pks, history_ids = _create(importer, Case, rows)
    _create_forms(importer, Case, pks, history_ids, [v["exploitation_forms"] for v in batch])
    # The status history starts from the imported status.
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
    victim_ids = importer.resolve("victims.csv", {r for v in batch for r in v["victim_references"]})
    importer.table(CaseVictim).insert(
        [
            {"case_id": pk, "victim_id": victim_ids[reference]}
            for pk, v in zip(pks, batch, strict=True)
            for reference in v["victim_references"]
        ]
    )
    importer.remember("cases.csv", rows, pks)
    return len(rows)


def _write_suspects(importer, batch) -> int:
    case_ids = importer.resolve("cases.csv", {v["case_reference"] for v in batch})
    rows = [
        {
            "reference": v["reference"],
            "case_id": case_ids[v["case_reference"]],
            "given_name": v["given_name"] or "",
            "family_name": v["family_name"] or "",
            "sex": v["sex"],
            "nationality": v["nationality"] or "",
            "date_of_birth": v["date_of_birth"],
        }
        for v in batch
    ]
    pks, _ = _create(importer, Suspect, rows)
    importer.remember("suspects.csv", rows, pks)
    return len(rows)


def _write_prosecutions(importer, batch) -> int:
    case_ids = importer.resolve("cases.csv", {v["case_reference"] for v in batch})
    rows = [
        {
            "reference": v["reference"],
            "case_id": case_ids[v["case_reference"]],
            "court": v["court"],
            "filed_on": v["filed_on"],
        }
        for v in batch
    ]
    pks, _ = _create(importer, Prosecution, rows)
    importer.remember("prosecutions.csv", rows, pks)
    return len(rows)


def _write_charges(importer, batch) -> int:
    prosecution_ids = importer.resolve("prosecutions.csv", {v["prosecution_reference"] for v in batch})
    suspect_ids = importer.resolve("suspects.csv", {v["suspect_reference"] for v in batch})
    rows = [
        {
            "prosecution_id": prosecution_ids[v["prosecution_reference"]],
            "suspect_id": suspect_ids[v["suspect_reference"]],
            "offence": v["offence"],
            "exploitation_form": v["exploitation_form"] or "",
            "outcome": v["outcome"],
            "verdict_date": v["verdict_date"],
            "sentence_months": v["sentence_months"],
        }
        for v in batch
    ]
    _create(importer, Charge, rows)
    return len(rows)


def _write_prevention(importer, batch) -> int:
    rows = [
        {
            "reference": v["reference"],
            "date": v["date"],
            "kind": v["kind"],
            "direct": v["direct"] == F.YesNo.YES,
            "title": v["title"],
            "audience": v["audience"] or "",
            "participants": v["participants"],
            "organiser": v["organiser"] or "",
        }
        for v in batch
    ]
    _create(importer, Activity, rows)
    return len(rows)


WRITERS = {
    "victims.csv": _write_victims,
    "services.csv": _write_services,
    "repatriations.csv": _write_repatriations,
    "cases.csv": _write_cases,
    "suspects.csv": _write_suspects,
    "prosecutions.csv": _write_prosecutions,
    "charges.csv": _write_charges,
    "prevention.csv": _write_prevention,
}
