"""Helpers for import/export tests: small files in tmp_path, the command's outcome, row counts."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from atip.models import AuditEvent
from cases.models import Case, CaseStatusChange, CaseVictim, Suspect
from prevention.models import Activity
from prosecutions.models import Charge, Prosecution
from services.models import Repatriation, ServiceEpisode
from victims.models import IdentificationDecision, Victim

MODELS = [
    Victim,
    Victim.exploitation_forms.through,
    IdentificationDecision,
    ServiceEpisode,
    Repatriation,
    Case,
    Case.exploitation_forms.through,
    CaseStatusChange,
    CaseVictim,
    Suspect,
    Prosecution,
    Charge,
    Activity,
]


def counts() -> dict[str, int]:
    """Rows of every model the import writes, their history, and the audit log."""
    result = {model.__name__: model.objects.count() for model in MODELS}
    for model in MODELS:
        if hasattr(model, "history"):
            result[f"history:{model.__name__}"] = model.history.count()
    result["AuditEvent"] = AuditEvent.objects.count()
    return result


def valid_files() -> dict[str, list[dict]]:
    """One valid row of each file, all linked: tests change one cell to break one rule."""
    return {
        "victims.csv": [
            {
                "reference": "V-1",
                "given_name": "Ana",
                "family_name": "Pop",
                "sex": "female",
                "date_of_birth": "2004-05-06",
                "age_estimate": "",
                "nationality": "GT",
                "registered_on": "2020-03-01",
                "identification_status": "identified",
                "identification_date": "2020-04-01",
                "identified_by": "police",
                "exploitation_forms": "sexual;forced_labour",
                "district": "cayo",
            }
        ],
        "services.csv": [
            {
                "victim_reference": "V-1",
                "service_type": "shelter",
                "provider": "NGO Shelter",
                "start_date": "2020-03-02",
                "end_date": "2020-09-30",
            }
        ],
        "repatriations.csv": [
            {
                "victim_reference": "V-1",
                "destination_country": "GT",
                "status": "completed",
                "return_date": "2020-10-01",
                "assisted_by": "IOM",
            }
        ],
        "cases.csv": [
            {
                "reference": "C-1",
                "reported_on": "2020-02-01",
                "source": "hotline",
                "district": "cayo",
                "status": "investigating",
                "investigation_opened_on": "2020-02-10",
                "exploitation_forms": "sexual",
                "victim_references": "V-1",
            }
        ],
        "suspects.csv": [
            {
                "reference": "S-1",
                "case_reference": "C-1",
                "given_name": "Juan",
                "family_name": "Coc",
                "sex": "male",
                "nationality": "BZ",
                "date_of_birth": "",
            }
        ],
        "prosecutions.csv": [
            {"reference": "MC-1", "case_reference": "C-1", "court": "magistrate", "filed_on": "2020-05-01"}
        ],
        "charges.csv": [
            {
                "prosecution_reference": "MC-1",
                "suspect_reference": "S-1",
                "offence": "tip_trafficking",
                "exploitation_form": "sexual",
                "outcome": "convicted",
                "verdict_date": "2021-01-15",
                "sentence_months": "36",
            }
        ],
        "prevention.csv": [
            {
                "reference": "P-1",
                "date": "2020-06-01",
                "kind": "training",
                "direct": "yes",
                "title": "Training for police",
                "audience": "police",
                "participants": "25",
                "organiser": "ATIPs Council",
            }
        ],
    }


def write_csv(path: Path, rows: list[dict], *, columns: list[str] | None = None, encoding="utf-8") -> Path:
    columns = columns or list(rows[0])
    with open(path, "w", newline="", encoding=encoding) as out:
        writer = csv.DictWriter(out, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_files(folder: Path, files: dict[str, list[dict]]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, rows in files.items():
        write_csv(folder / name, rows)
    return folder


class Outcome:
    def __init__(self, ok: bool, out: str, err: str, error: str = ""):
        self.ok, self.out, self.err, self.error = ok, out, err, error

    @property
    def problems(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def run_import(path: Path, *, dry_run: bool = False) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    args = [str(path)] + (["--dry-run"] if dry_run else [])
    try:
        call_command("import_records", *args, stdout=out, stderr=err)
    except CommandError as error:
        return Outcome(False, out.getvalue(), err.getvalue(), str(error))
    return Outcome(True, out.getvalue(), err.getvalue())


@pytest.fixture
def tomorrow(freeze_clock) -> str:
    """The day after today, as an import file writes it; today is frozen on 31 December late in
    the evening, when the UTC date is already the next year."""
    today = freeze_clock(datetime.datetime(2024, 12, 31, 23, 30))
    return (today + datetime.timedelta(days=1)).isoformat()


@pytest.fixture
def files():
    return valid_files()
