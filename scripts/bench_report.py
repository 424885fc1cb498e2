"""Benchmark of the annual report at national scale, on PostgreSQL (docs/performance.md).

    .venv/bin/python scripts/bench_report.py [--year 2020] [--runs 7] [--refill]

Fills its own database (DATABASE_URL, default postgres://atip:atip@127.0.0.1:5432/atip_bench:
created and migrated if missing) with synthetic records — 100,000 victims, 1,000,000 service
episodes, 20,000 cases and proportional suspects, prosecutions, charges, repatriations and
activities — written with COPY, then times reports.statistics.annual_report(year) against the
same figures computed by hand-written SQL, checks both give the same numbers, and prints both
times and their ratio (median of --runs, after one warm-up run each). Then it times the
statistics page and the secretary's home page as the secretary gets them: the first request
after a write (the figures are computed) and the next ones (kept, reports.figures).
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_db import DEFAULT_URL, ensure_database, setup_django  # noqa: E402
from bench_fill import fill  # noqa: E402

# The index recommended to the owner of services.models.ServiceEpisode: "did this victim's care
# begin before 1 January?" becomes an index-only probe instead of reading the victim's episodes.
RECOMMENDED_INDEX_NAME = "service_victim_start_idx"
RECOMMENDED_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {RECOMMENDED_INDEX_NAME} ON services_serviceepisode (victim_id, start_date)"
)

# --- The same figures in bare SQL -----------------------------------------------------------

# Each statement takes %(first)s and %(last)s (1 January and 31 December of the year).
COUNTED = "v.identification_status <> 'not_victim'"
IDENTIFIED = (
    f"{COUNTED} AND v.identification_status = 'identified' "
    "AND v.identification_date BETWEEN %(first)s AND %(last)s"
)
OVERLAP = "s.start_date <= %(last)s AND (s.end_date IS NULL OR s.end_date >= %(first)s)"
SERVICE_TYPES = [
    "shelter",
    "independent_living",
    "foster_care",
    "medical",
    "psychological",
    "legal",
    "education",
    "vocational_training",
    "financial",
    "material",
    "immigration",
    "interpretation",
    "family_reunification",
    "other",
]
AGE = "CASE WHEN v.adult_on IS NULL THEN 'unknown' WHEN v.adult_on > {day} THEN 'minor' ELSE 'adult' END"
BARE_SQL = {
    "identification": f"""
        SELECT v.sex, {AGE.format(day="v.identification_date")} AS age, v.nationality, COUNT(*)
        FROM victims_victim v WHERE {IDENTIFIED} GROUP BY 1, 2, 3""",
    "forms": f"""
        SELECT f.exploitationform_id, COUNT(*) FROM victims_victim_exploitation_forms f
        JOIN victims_victim v ON v.id = f.victim_id WHERE {IDENTIFIED} GROUP BY 1""",
    "form_sets": f"""
        SELECT COUNT(*) FILTER (WHERE n = 0), COUNT(*) FILTER (WHERE n >= 2) FROM (
          SELECT (SELECT COUNT(*) FROM victims_victim_exploitation_forms f WHERE f.victim_id = v.id) AS n
          FROM victims_victim v WHERE {IDENTIFIED}) t""",
    "presumed": f"""
        SELECT COUNT(*) FROM victims_victim v WHERE {COUNTED} AND v.identification_status = 'presumed'
        AND v.registered_on BETWEEN %(first)s AND %(last)s""",
    # One row per assisted victim (services overlapping Y only), then counted: as the ORM does.
    "assisted": f"""
        SELECT sex, {AGE.format(day="GREATEST(first_in_year, %(first)s)")} AS age, before, COUNT(*),
               COUNT(*) FILTER (WHERE accommodated = 0),
               {", ".join(f"COUNT(*) FILTER (WHERE n_{t} > 0)" for t in SERVICE_TYPES)}
        FROM (
          SELECT v.id, v.sex, v.adult_on, MIN(s.start_date) AS first_in_year,
                 COUNT(*) FILTER (WHERE s.service_type IN ('shelter', 'independent_living', 'foster_care'))
                   AS accommodated,
                 {
        ", ".join(f"COUNT(*) FILTER (WHERE s.service_type = '{t}') AS n_{t}" for t in SERVICE_TYPES)
    },
                 EXISTS (SELECT 1 FROM services_serviceepisode e WHERE e.victim_id = v.id
                         AND e.start_date < %(first)s) AS before
          FROM victims_victim v JOIN services_serviceepisode s ON s.victim_id = v.id
          WHERE {COUNTED} AND {OVERLAP} GROUP BY v.id) v  -- one row per assisted victim
        GROUP BY 1, 2, 3""",
    "cases": """
        SELECT COUNT(*) FILTER (WHERE reported_on BETWEEN %(first)s AND %(last)s),
               COUNT(*) FILTER (WHERE investigation_opened_on BETWEEN %(first)s AND %(last)s)
        FROM cases_case""",
    "prosecutions": """
        SELECT COUNT(DISTINCT p.id), COUNT(DISTINCT c.suspect_id) FROM prosecutions_prosecution p
        LEFT JOIN prosecutions_charge c ON c.prosecution_id = p.id
        WHERE p.filed_on BETWEEN %(first)s AND %(last)s""",
    "verdicts": """
        SELECT COUNT(DISTINCT suspect_id) FILTER (WHERE outcome = 'convicted'),
               COUNT(DISTINCT suspect_id) FILTER (WHERE outcome = 'acquitted' AND NOT EXISTS (
                 SELECT 1 FROM prosecutions_charge k
                 WHERE k.suspect_id = c.suspect_id AND k.outcome = 'convicted'
                 AND k.verdict_date BETWEEN %(first)s AND %(last)s))
        FROM prosecutions_charge c WHERE c.outcome IN ('convicted', 'acquitted')
        AND c.verdict_date BETWEEN %(first)s AND %(last)s""",
    "convictions_by_form": """
        SELECT exploitation_form, COUNT(DISTINCT suspect_id) FROM prosecutions_charge
        WHERE outcome = 'convicted' AND verdict_date BETWEEN %(first)s AND %(last)s GROUP BY 1""",
    "repatriation": f"""
        SELECT r.destination_country, COUNT(DISTINCT r.victim_id) FROM services_repatriation r
        JOIN victims_victim v ON v.id = r.victim_id WHERE r.status = 'completed'
        AND r.return_date BETWEEN %(first)s AND %(last)s AND {COUNTED} GROUP BY ROLLUP (1)""",
    "prevention": """
        SELECT kind, direct, audience, COUNT(*), COALESCE(SUM(participants), 0) FROM prevention_activity
        WHERE date BETWEEN %(first)s AND %(last)s GROUP BY 1, 2, 3""",
    "campaigns": """
        SELECT reference, date, title, audience, participants FROM prevention_activity
        WHERE kind = 'campaign' AND date BETWEEN %(first)s AND %(last)s ORDER BY date, reference""",
}


def bare_sql(year: int) -> dict:
    from django.db import connection

    params = {"first": datetime.date(year, 1, 1), "last": datetime.date(year, 12, 31)}
    results = {}
    with connection.cursor() as cursor:
        for name, sql in BARE_SQL.items():
            cursor.execute(sql, params)
            results[name] = cursor.fetchall()
    return results


def check(report: dict, bare: dict) -> None:
    """The bare SQL's totals are the report's (the benchmark compares equal work)."""
    ident = report["identification"]
    assert sum(r[3] for r in bare["identification"]) == ident["identified_total"]
    assisted = report["assistance"]
    assert sum(r[3] for r in bare["assisted"]) == assisted["assisted_total"]
    assert sum(r[3] for r in bare["assisted"] if not r[2]) == assisted["assisted_new"]
    assert sum(r[4] for r in bare["assisted"]) == assisted["accommodation"]["none"]
    by_service = [sum(r[5 + i] for r in bare["assisted"]) for i in range(len(SERVICE_TYPES))]
    assert by_service == [assisted["assisted_by_service"][t] for t in SERVICE_TYPES]
    assert bare["presumed"][0][0] == ident["presumed_total"]
    pros = report["prosecution"]
    assert list(bare["verdicts"][0]) == [pros["persons_convicted"], pros["persons_acquitted"]]
    assert list(bare["prosecutions"][0]) == [pros["prosecutions_initiated"], pros["persons_prosecuted"]]
    total = [n for country, n in bare["repatriation"] if country is None]
    assert total == [report["repatriation"]["repatriated_total"]]


def timed(function, runs: int) -> tuple[float, object]:
    result = function()  # warm-up: caches, plans
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


# --- The secretary's pages, cold and kept ---------------------------------


def _new_generation() -> None:
    """A write to a counted table, as any user's would be: the kept figures are not found again."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE prevention_activity SET title = title "
            "WHERE id = (SELECT MIN(id) FROM prevention_activity)"
        )


def time_pages(year: int, runs: int) -> list[tuple[str, float, int, float, int]]:
    """(page, first request after a write: seconds and queries, then the median of `runs` more
    requests with nothing changed: seconds and queries) for the statistics page and the
    secretary's home page, through Django's test client (middleware, template, session)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from atip.roles import Role
    from atip.services import user_set_role

    client = Client(SERVER_NAME="localhost")
    client.force_login(user_set_role(username="bench-secretary", role=Role.SECRETARY))
    results = []
    client.get(reverse("home"))  # the first request of the process loads templates and modules
    for name, url in (
        (f"statistics page {year}", f"{reverse('reports:annual')}?year={year}"),
        ("secretary's home", reverse("home")),
    ):
        _new_generation()
        with CaptureQueriesContext(connection) as cold_queries:
            t0 = time.perf_counter()
            assert client.get(url).status_code == 200
            cold = time.perf_counter() - t0
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as warm_queries:
                t0 = time.perf_counter()
                assert client.get(url).status_code == 200
                times.append(time.perf_counter() - t0)
        results.append((name, cold, len(cold_queries), statistics.median(times), len(warm_queries)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2020)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--refill", action="store_true", help="Empty the database and fill it again.")
    parser.add_argument(
        "--recommended-index",
        action="store_true",
        help=f"Create the index recommended for the report ({RECOMMENDED_INDEX_NAME}); else drop it.",
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("This benchmark runs on PostgreSQL.")
    ensure_database(url)
    setup_django(url)
    from django.db import connection

    from reports.statistics import annual_report
    from victims.models import Victim

    if args.refill and Victim.objects.exists():
        with connection.cursor() as cursor:
            cursor.execute(
                "TRUNCATE victims_victim, victims_victim_exploitation_forms, services_serviceepisode, "
                "services_repatriation, cases_case, cases_suspect, prosecutions_prosecution, "
                "prosecutions_charge, "
                "prevention_activity CASCADE"
            )
    if not Victim.objects.exists():
        fill()
    with connection.cursor() as cursor:
        if args.recommended_index:
            cursor.execute(RECOMMENDED_INDEX)
            cursor.execute("VACUUM ANALYZE services_serviceepisode")
        else:
            cursor.execute(f"DROP INDEX IF EXISTS {RECOMMENDED_INDEX_NAME}")
        cursor.execute("SHOW jit")
        jit = cursor.fetchone()[0]
        cursor.execute("SELECT version()")
        print(cursor.fetchone()[0].split(",")[0])
        for table in ("victims_victim", "services_serviceepisode", "cases_case", "prosecutions_charge"):
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            print(f"  {table}: {cursor.fetchone()[0]:,} rows")

    orm_time, report = timed(lambda: annual_report(args.year), args.runs)
    sql_time, bare = timed(lambda: bare_sql(args.year), args.runs)
    check(report, bare)
    print(
        f"year {args.year}: {report['identification']['identified_total']:,} identified, "
        f"{report['assistance']['assisted_total']:,} assisted"
    )
    print(f"jit={jit}, index {RECOMMENDED_INDEX_NAME}: {'yes' if args.recommended_index else 'no'}")
    print(f"annual_report (ORM, 17 queries): {orm_time * 1000:.0f} ms")
    print(f"bare SQL ({len(BARE_SQL)} statements):        {sql_time * 1000:.0f} ms")
    print(f"ratio: {orm_time / sql_time:.2f}×")
    for name, cold, cold_n, warm, warm_n in time_pages(args.year, args.runs):
        print(
            f"{name}: {cold * 1000:.0f} ms ({cold_n} queries) after a write, "
            f"{warm * 1000:.0f} ms ({warm_n} queries) when nothing changed"
        )


if __name__ == "__main__":
    main()
