"""The national-scale records of docs/performance.md, written with COPY into the benchmark's
database (scripts/bench_report.py, scripts/load_test.py)."""

import datetime
import random
import time

import bench_db
from bench_db import (
    FIRST_YEAR,
    LAST_YEAR,
    N_ACTIVITIES,
    N_CASES,
    N_CHARGES,
    N_PROSECUTIONS,
    N_REPATRIATIONS,
    N_SERVICES,
    N_SUSPECTS,
    N_VICTIMS,
    copy_rows,
    day_between,
)

COUNTS = ["N_VICTIMS", "N_SERVICES", "N_CASES", "N_SUSPECTS", "N_PROSECUTIONS", "N_CHARGES"]
COUNTS += ["N_REPATRIATIONS", "N_ACTIVITIES"]


def scale(fraction: float) -> None:
    """fill() writes this fraction of the national-scale records (at least 20 of each)."""
    for name in COUNTS:
        globals()[name] = max(20, int(getattr(bench_db, name) * fraction))


def fill() -> None:
    from django.db import connection, transaction

    from atip.codes import Exploitation
    from cases.models import Case, Suspect
    from prevention.models import Activity, Audience
    from prosecutions.models import Charge, Prosecution
    from services.models import Repatriation, ServiceEpisode, ServiceType
    from victims.ages import add_years
    from victims.models import Victim

    rng = random.Random(4)
    now = "2026-01-01 00:00:00+00"
    start, end = datetime.date(FIRST_YEAR, 1, 1), datetime.date(LAST_YEAR, 12, 31)
    nationalities = ["BZ"] * 5 + ["GT"] * 3 + ["HN"] * 2 + ["SV"] * 2 + ["NI", "MX", "CN", "VE", ""]
    forms = Exploitation.values
    victims = []  # (registered_on, identification_date or None, status)

    def victim_rows():
        for i in range(1, N_VICTIMS + 1):
            registered = day_between(rng, start, end)
            draw = rng.random()
            status = "identified" if draw < 0.6 else "presumed" if draw < 0.85 else "not_victim"
            identified_on = (
                min(registered + datetime.timedelta(days=rng.randrange(120)), end)
                if status != "presumed"
                else None
            )
            birth, estimate = None, None
            age = rng.choice([8, 12, 14, 15, 16, 17, 17, 18, 19, 22, 25, 30, 35, 45])
            kind = rng.random()
            if kind < 0.7:
                birth = registered - datetime.timedelta(days=365 * age + rng.randrange(365))
                adult_on = add_years(birth, 18)
            elif kind < 0.85:
                estimate = age
                adult_on = add_years(registered, 18 - age)
            else:
                adult_on = None
            victims.append((registered, identified_on, status))
            yield (
                i,
                1,
                now,
                now,
                f"BV-{i:06d}",
                "",
                "",
                birth,
                "",
                rng.choice(["female"] * 5 + ["male"] * 3 + ["other", "unknown"]),
                estimate,
                rng.choice(nationalities),
                registered,
                rng.choice(["belize", "cayo", "toledo", ""]),
                status,
                identified_on if status != "presumed" else None,
                rng.choice(["human_services", "police", "immigration"]) if status != "presumed" else "",
                adult_on,
                "",
                "",
                None,
            )

    victim_columns = bench_db.VICTIM_COLUMNS
    with transaction.atomic():
        t0 = time.perf_counter()
        copy_rows(Victim, victim_columns, victim_rows())

        def form_rows():
            n = 0
            for victim_id in range(1, N_VICTIMS + 1):
                for form in rng.sample(forms, rng.choice([0, 1, 1, 1, 1, 2, 2, 3])):
                    n += 1
                    yield (n, victim_id, form)

        copy_rows(Victim.exploitation_forms.through, ["id", "victim_id", "exploitationform_id"], form_rows())

        def service_rows():
            types = ServiceType.values
            for i in range(1, N_SERVICES + 1):
                victim_id = rng.randrange(1, N_VICTIMS + 1)
                registered = victims[victim_id - 1][0]
                begin = min(registered + datetime.timedelta(days=rng.randrange(3 * 365)), end)
                finish = begin + datetime.timedelta(days=rng.randrange(730))
                yield (
                    i,
                    1,
                    now,
                    now,
                    victim_id,
                    rng.choice(types),
                    "",
                    begin,
                    None if rng.random() < 0.15 or finish > end else finish,
                    "",
                )

        copy_rows(
            ServiceEpisode,
            [
                "id",
                "version",
                "created_at",
                "updated_at",
                "victim_id",
                "service_type",
                "provider",
                "start_date",
                "end_date",
                "notes",
            ],
            service_rows(),
        )

        def repatriation_rows():
            for i in range(1, N_REPATRIATIONS + 1):
                victim_id = rng.randrange(1, N_VICTIMS + 1)
                status = rng.choice(["completed", "completed", "completed", "planned", "cancelled"])
                back = min(victims[victim_id - 1][0] + datetime.timedelta(days=rng.randrange(30, 400)), end)
                yield (
                    i,
                    1,
                    now,
                    now,
                    victim_id,
                    rng.choice(["GT", "HN", "SV", "NI", "MX"]),
                    status,
                    back if status == "completed" else None,
                    "IOM",
                    "",
                )

        copy_rows(
            Repatriation,
            [
                "id",
                "version",
                "created_at",
                "updated_at",
                "victim_id",
                "destination_country",
                "status",
                "return_date",
                "assisted_by",
                "notes",
            ],
            repatriation_rows(),
        )

        cases = []

        def case_rows():
            for i in range(1, N_CASES + 1):
                reported = day_between(rng, start, end)
                opened = (
                    min(reported + datetime.timedelta(days=rng.randrange(60)), end)
                    if rng.random() < 0.7
                    else None
                )
                cases.append(reported)
                yield (
                    i,
                    1,
                    now,
                    now,
                    f"BC-{i:06d}",
                    reported,
                    "hotline",
                    "",
                    "",
                    "investigating" if opened else "reported",
                    "",
                    opened,
                )

        copy_rows(
            Case,
            [
                "id",
                "version",
                "created_at",
                "updated_at",
                "reference",
                "reported_on",
                "source",
                "district",
                "summary",
                "status",
                "closing_reason",
                "investigation_opened_on",
            ],
            case_rows(),
        )
        suspect_case = [rng.randrange(1, N_CASES + 1) for _ in range(N_SUSPECTS)]
        copy_rows(
            Suspect,
            [
                "id",
                "version",
                "created_at",
                "updated_at",
                "case_id",
                "reference",
                "given_name",
                "family_name",
                "sex",
                "nationality",
                "date_of_birth",
                "notes",
            ],
            (
                (i, 1, now, now, suspect_case[i - 1], f"BS-{i:06d}", "", "", "male", "", None, "")
                for i in range(1, N_SUSPECTS + 1)
            ),
        )
        suspects_of = {}
        for i, case_id in enumerate(suspect_case, 1):
            suspects_of.setdefault(case_id, []).append(i)
        prosecuted = rng.sample(sorted(suspects_of), N_PROSECUTIONS)
        filed = {}

        def prosecution_rows():
            for i, case_id in enumerate(prosecuted, 1):
                filed[i] = min(cases[case_id - 1] + datetime.timedelta(days=rng.randrange(60, 400)), end)
                yield (i, 1, now, now, f"BP-{i:06d}", case_id, "magistrate", filed[i], "")

        copy_rows(
            Prosecution,
            [
                "id",
                "version",
                "created_at",
                "updated_at",
                "reference",
                "case_id",
                "court",
                "filed_on",
                "notes",
            ],
            prosecution_rows(),
        )

        def charge_rows():
            for i in range(1, N_CHARGES + 1):
                prosecution_id = rng.randrange(1, N_PROSECUTIONS + 1)
                suspect_id = rng.choice(suspects_of[prosecuted[prosecution_id - 1]])
                outcome = rng.choice(
                    ["pending", "convicted", "convicted", "acquitted", "dismissed", "withdrawn"]
                )
                verdict = (
                    min(filed[prosecution_id] + datetime.timedelta(days=rng.randrange(30, 700)), end)
                    if outcome != "pending"
                    else None
                )
                yield (
                    i,
                    1,
                    now,
                    now,
                    prosecution_id,
                    suspect_id,
                    "tip_trafficking",
                    rng.choice([*forms, ""]),
                    outcome,
                    verdict,
                    None,
                    "",
                )

        copy_rows(
            Charge,
            [
                "id",
                "version",
                "created_at",
                "updated_at",
                "prosecution_id",
                "suspect_id",
                "offence",
                "exploitation_form",
                "outcome",
                "verdict_date",
                "sentence_months",
                "notes",
            ],
            charge_rows(),
        )
        copy_rows(
            Activity,
            [
                "id",
                "version",
                "created_at",
                "updated_at",
                "reference",
                "date",
                "kind",
                "direct",
                "title",
                "audience",
                "participants",
                "organiser",
                "notes",
            ],
            (
                (
                    i,
                    1,
                    now,
                    now,
                    f"BA-{i:05d}",
                    day_between(rng, start, end),
                    rng.choice(["training", "training", "campaign", "other"]),
                    rng.random() < 0.8,
                    f"Activity {i}",
                    rng.choice([*Audience.values, ""]),
                    rng.choice([None, 10, 25, 40, 120]),
                    "",
                    "",
                )
                for i in range(1, N_ACTIVITIES + 1)
            ),
        )
        with connection.cursor() as cursor:
            for model in (
                Victim,
                Victim.exploitation_forms.through,
                ServiceEpisode,
                Repatriation,
                Case,
                Suspect,
                Prosecution,
                Charge,
                Activity,
            ):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )
        print(f"filled in {time.perf_counter() - t0:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
