"""python manage.py validate_htcds FILE — checks an HTCDS 2.0 file (CSV) against the standard's
field names and code lists (docs/htcds.md), and its rows against "one row per person per case";
exits with an error listing every wrong cell and row."""

import csv
import re
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django_countries import countries

from reports.person_level import (
    CONTROL_FLAGS,
    HTCDS_GENDER,
    Pseudonyms,
)
from victims.trafficking import (
    ControlMethod,
    LabourIndustry,
    RecruiterRelationship,
    RecruitmentMethod,
    SexExploitationType,
)

COUNTRY = "country"
FLAG = "flag"
NUMBER = "number"
PSEUDONYM = "pseudonym"  # prs_Id, cas_Id: reports.person_level.Pseudonyms
PSEUDONYM_RE = re.compile(rf"[0-9a-f]{{{Pseudonyms.LENGTH}}}")
# The standard's code list of each field we write (single, multi = several joined by ";").
CODES = {
    "prs_Id": (PSEUDONYM, False),
    "cas_Id": (PSEUDONYM, False),
    "prs_Gender": (set(HTCDS_GENDER.values()), False),
    "prs_Citizenship": (COUNTRY, True),
    "vic_AgeWhenTrafficked": (NUMBER, False),
    "vic_TraffickingStatus": (
        {"PossibleVictimOfTrafficking", "ActualVictimOfTrafficking", "NotAVictimOfTrafficking"},
        False,
    ),
    "vic_TraffickingStatusDecisionMakingOrg": (
        {"Police", "NGO", "CourtOrProsecution", "NonPoliceGovernmentalOrganization", "Other"},
        False,
    ),
    "vic_TypeOfExploitation": (
        {
            "ForcedLabour",
            "SexualExploitation",
            "ChildLabour",
            "ForcedMarriage",
            "Servitude",
            "ForcedMilitaryByNonStateActors",
            "OrganRemoval",
            "ForcedBegging",
            "ForcedAdoption",
            "Surrogacy",
            "Other",
        },
        True,
    ),
    "cas_Status": ({"Active", "FollowUp", "Closed", "ClosedReferred"}, False),
    "vic_TypeOfSexExploitation": (set(SexExploitationType.values), True),
    "vic_ForcedLabourIndustry": (set(LabourIndustry.values), False),
    "vic_MethodsOfControl": (set(ControlMethod.values), True),
    "vic_MethodOfRecruitment": (set(RecruitmentMethod.values), True),
    "vic_RelationshipToTrafficker": (set(RecruiterRelationship.values), False),
    "hte_Type": ({"Recruitment", "Transit", "Exploitation"}, False),
    "hte_Country": (COUNTRY, False),
    "hte_State": (None, False),  # free text in the standard
    **{
        name: (FLAG, False)
        for name in (
            *CONTROL_FLAGS.values(),
            "MethodsOfControlRestrictsMovement",
            "MethodsOfControlUsesChildren",
        )
    },
}


def problems(rows: list[dict], header: list[str]) -> list[str]:
    """Every cell outside its field's code list, and every column that is no field of ours."""
    found = [
        f"column {name!r} is not an HTCDS 2.0 field this system writes"
        for name in header
        if name not in CODES
    ]
    for line, row in enumerate(rows, start=2):
        for name, value in row.items():
            if name not in CODES or not value:
                continue
            codes, multi = CODES[name]
            for code in value.split(";") if multi else [value]:
                if not _valid(code, codes):
                    found.append(f"line {line}, {name}: {code!r} is not in the standard's code list")
    if "prs_Id" in header:
        found += _one_row_per_person_per_case(rows)
    return found


def _one_row_per_person_per_case(rows: list[dict]) -> list[str]:
    """Every row names its person; a person has one row per case, or one row without a case."""
    found = []
    lines = defaultdict(list)  # (person, case) -> lines
    for line, row in enumerate(rows, start=2):
        if not row.get("prs_Id"):
            found.append(f"line {line}, prs_Id: empty (every row names its person)")
        else:
            lines[row["prs_Id"], row.get("cas_Id") or ""].append(line)
    in_cases = {person for person, case in lines if case}
    for (person, case), where in lines.items():
        if len(where) > 1:
            numbers = ", ".join(map(str, where))
            found.append(f"lines {numbers}: the same person and case ({person}, {case or 'no case'})")
        if not case and person in in_cases:
            found.append(f"line {where[0]}: a row without a case for person {person}, who has rows in cases")
    return found


def _valid(code: str, codes) -> bool:
    if codes is None:
        return True
    if codes == COUNTRY:
        return code in dict(countries)
    if codes == FLAG:
        return code in ("true", "false")
    if codes == PSEUDONYM:
        return PSEUDONYM_RE.fullmatch(code) is not None
    if codes == NUMBER:
        return code.replace("-", "").replace("+", "").isdigit()
    return code in codes


class Command(BaseCommand):
    help = "Check an HTCDS 2.0 file (CSV) against the standard's field names and code lists."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            header = reader.fieldnames or []
        found = problems(rows, header)
        if found:
            raise CommandError("\n".join([f"{len(found)} problems:", *found[:200]]))
        ids = [name for name in header if CODES.get(name, (None,))[0] == PSEUDONYM]
        self.stdout.write(
            f"{path}: {len(rows)} rows, {len(header) - len(ids)} HTCDS 2.0 fields"
            + (f" and the identifiers {', '.join(ids)}" if ids else "")
            + ", every code in the standard's lists."
        )
