"""Pages one request at a time: wall time, the Python CPU time of the request (steadier than the
wall time on a shared machine) and its SQL, on the load test's database.

    .venv/bin/python scripts/bench_pages.py [--runs 15] [--only "victim list,sw home"] [--profile PAGE]

Uses the database of scripts/load_test.py (DATABASE_URL, default atip_bench), after one run of
it (its load_<role>_01 accounts). Production settings but for a cache in memory; Django's test
client, each page requested three times first. Each line: the median and the fastest wall time,
the median CPU time of this process (Python: templates, forms, the ORM) and of the SQL as the
driver saw it, and the queries. --profile prints cProfile's top functions for one page instead
(PROFILE_SORT=tottime to order them by their own time, PROFILE_ROWS=80 for more of them,
PROFILE_CALLERS=_get_FIELD_display for who calls a function).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import bench_db  # noqa: E402

SETTINGS = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "TWO_FACTOR_REQUIRED": "false",
    "CACHE_URL": "locmemcache://",
}


def pages() -> dict[str, tuple[str, str]]:
    """page: (account, path), the pages of the load test that list rows or read a record."""
    from victims.models import Victim

    victim = Victim.objects.order_by("pk").values_list("pk", flat=True)[5]
    return {
        "victim list": ("load_social_worker_01", "/victims/"),
        "victim list filtered": ("load_social_worker_01", "/victims/?status=identified&nationality=GT"),
        "sw home": ("load_social_worker_01", "/"),
        "victim detail": ("load_social_worker_01", f"/victims/{victim}/"),
        "secretary home": ("load_secretary_01", "/"),
        "police home": ("load_police_01", "/"),
        "case list": ("load_police_01", "/cases/"),
        "prosecution list": ("load_prosecutor_01", "/prosecutions/"),
    }


def measure(client, path: str, runs: int) -> tuple[list[float], list[float], list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wall, cpu, sql = [], [], []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(path)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    return wall, cpu, sql, len(queries.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", default="", help="pages, comma-separated")
    parser.add_argument("--profile", default="", help="one page: cProfile's top functions")
    args = parser.parse_args()
    os.environ.update(SETTINGS)
    os.environ.setdefault("SECRET_KEY", "bench-pages-" + "x" * 50)
    bench_db.setup_django(os.environ.get("DATABASE_URL", bench_db.DEFAULT_URL))
    from django.contrib.auth import get_user_model
    from django.test import Client

    clients = {}
    wanted = {name for name in args.only.split(",") if name} | ({args.profile} if args.profile else set())
    for name, (username, path) in pages().items():
        if wanted and name not in wanted:
            continue
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(get_user_model().objects.get(username=username))
        client = clients[username]
        for _ in range(3):
            assert client.get(path).status_code == 200, name
        if name == args.profile:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(args.runs):
                client.get(path)
            profile.disable()
            stats = pstats.Stats(profile).sort_stats(os.environ.get("PROFILE_SORT", "cumulative"))
            stats.print_stats(int(os.environ.get("PROFILE_ROWS", "40")))
            if os.environ.get("PROFILE_CALLERS"):
                stats.print_callers(os.environ["PROFILE_CALLERS"])
            continue
        wall, cpu, sql, queries = measure(client, path, args.runs)
        print(
            f"{name:22s} median {statistics.median(wall):6.1f} ms (fastest {min(wall):6.1f}), "
            f"Python CPU {statistics.median(cpu):5.1f} ms, SQL {statistics.median(sql):5.1f} ms, "
            f"{queries} queries"
        )
    print("load average (1, 5, 15 min):", ", ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
