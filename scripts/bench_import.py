#!/usr/bin/env python
"""Benchmark of `import_records` at national scale, on PostgreSQL (docs/performance.md).

Generates synthetic victims.csv (N victims) and services.csv (3 per victim) into a temporary
folder, recreates its own database (atip_importbench), migrates it, and imports the folder in a
child process, printing the wall time, the child's CPU time (the importer's own work, which
varies less than the wall time on a shared machine) and its peak RSS. It does this for N and N/10, to
show that memory does not grow with the file, and for N/10 victims with 30 services each.

    .venv/bin/python scripts/bench_import.py                 # 100,000 and 10,000 victims
    .venv/bin/python scripts/bench_import.py --victims 20000
    BENCH_DATABASE_URL=postgres://… .venv/bin/python scripts/bench_import.py

Only the database named in BENCH_DATABASE_URL is dropped and created again.
"""

import argparse
import csv
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://atip:atip@127.0.0.1:5432/atip_importbench"

SEXES = ["female", "male", "other", "unknown"]
FORMS = ["sexual", "forced_labour", "domestic_servitude", "forced_begging", "forced_criminality"]
DISTRICTS = ["", "belize", "cayo", "corozal", "orange_walk", "stann_creek", "toledo"]
COUNTRIES = ["", "BZ", "GT", "HN", "SV", "MX", "NI", "CN", "VE"]
SERVICES = ["shelter", "medical", "psychological", "legal", "education", "material", "interpretation"]
INSTITUTIONS = ["human_services", "police", "immigration", "labour", "ngo"]


def generate(folder: Path, victims: int, services_per_victim: int = 3, seed: int = 5) -> None:
    """Write victims.csv and services.csv (columns shuffled, as a real spreadsheet may be)."""
    rng = random.Random(seed)
    start = datetime.date(2012, 1, 1)
    victim_columns = [
        "reference",
        "given_name",
        "family_name",
        "sex",
        "date_of_birth",
        "age_estimate",
        "nationality",
        "registered_on",
        "identification_status",
        "identification_date",
        "identified_by",
        "exploitation_forms",
        "district",
    ]
    rng.shuffle(victim_columns)
    with (
        open(folder / "victims.csv", "w", newline="", encoding="utf-8") as vf,
        open(folder / "services.csv", "w", newline="", encoding="utf-8") as sf,
    ):
        victims_out = csv.DictWriter(vf, victim_columns)
        victims_out.writeheader()
        services_out = csv.writer(sf)
        services_out.writerow(["victim_reference", "service_type", "provider", "start_date", "end_date"])
        for n in range(1, victims + 1):
            registered = start + datetime.timedelta(days=rng.randrange(4000))
            reference = f"V-{registered.year}-{n:06d}"
            born = registered - datetime.timedelta(days=rng.randrange(8 * 365, 50 * 365))
            status = rng.choice(["identified", "identified", "presumed", "not_victim"])
            identified = status == "identified"
            estimate = rng.random() < 0.2
            victims_out.writerow(
                {
                    "reference": reference,
                    "given_name": rng.choice(["Ana", "Rosa", "Luis", "Óscar", "Kenia"]),
                    "family_name": rng.choice(["Pop", "Díaz", "Castillo", "O'Neil"]),
                    "sex": rng.choice(SEXES),
                    "date_of_birth": "" if estimate else born.isoformat(),
                    "age_estimate": rng.randrange(10, 40) if estimate else "",
                    "nationality": rng.choice(COUNTRIES),
                    "registered_on": registered.isoformat(),
                    "identification_status": status,
                    "identification_date": (
                        registered + datetime.timedelta(days=rng.randrange(60))
                    ).isoformat()
                    if identified
                    else "",
                    "identified_by": rng.choice(INSTITUTIONS) if identified else "",
                    "exploitation_forms": ";".join(rng.sample(FORMS, rng.randrange(3))),
                    "district": rng.choice(DISTRICTS),
                }
            )
            for _ in range(services_per_victim):
                begin = registered + datetime.timedelta(days=rng.randrange(200))
                end = begin + datetime.timedelta(days=rng.randrange(400)) if rng.random() < 0.7 else None
                services_out.writerow(
                    [
                        reference,
                        rng.choice(SERVICES),
                        rng.choice(["", "NGO Shelter", "Department of Human Services"]),
                        begin.isoformat(),
                        end.isoformat() if end else "",
                    ]
                )


def recreate_database(url: str) -> None:
    import psycopg2

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        dbname="postgres", user=parts.username, password=parts.password, host=parts.hostname, port=parts.port
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def run_import(folder: Path, url: str) -> dict:
    """Import in a child process, so that its peak RSS is the import's alone."""
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    child = subprocess.run(
        [sys.executable, __file__, "--import-only", str(folder)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(child.stdout.strip().splitlines()[-1])


def import_only(folder: Path) -> None:
    """(child) Import `folder` into DATABASE_URL; print time and peak RSS as JSON."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atip.settings")
    django.setup()
    from django.core.management import call_command

    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    call_command("import_records", str(folder), stdout=open(os.devnull, "w"))
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(
        json.dumps(
            {
                "seconds": round(seconds, 1),
                "cpu_seconds": round(cpu, 1),
                "rss_before_mib": before.ru_maxrss // 1024,  # KiB on Linux
                "peak_rss_mib": after.ru_maxrss // 1024,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--victims", type=int, default=100_000)
    parser.add_argument("--import-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_only:
        import_only(args.import_only)
        return
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    # The third run has as many services as the first but a tenth of the victims: the importer
    # keeps only references (of victims), so its memory follows the victims, not the file.
    for victims, per_victim in ((args.victims, 3), (args.victims // 10, 3), (args.victims // 10, 30)):
        with tempfile.TemporaryDirectory(prefix="atip-bench-") as tmp:
            folder = Path(tmp)
            generate(folder, victims, per_victim)
            size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
            recreate_database(url)
            result = run_import(folder, url)
            print(
                f"{victims:>7} victims + {per_victim * victims:>7} services ({size:.0f} MiB of CSV): "
                f"{result['seconds']} s (CPU {result['cpu_seconds']} s), "
                f"peak RSS {result['peak_rss_mib']} MiB (after start-up {result['rss_before_mib']} MiB)",
                flush=True,
            )


if __name__ == "__main__":
    main()
