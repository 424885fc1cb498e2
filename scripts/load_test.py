"""Load test: simulated staff against gunicorn with production settings, on PostgreSQL.

    .venv/bin/python scripts/load_test.py [--users 30] [--duration 90s] [--workers W] [--threads T]
                                          [--cold] [--find-knee] [--knee-steps 5,10,15,20,…]
                                          [--scale 0.015] [--write-weight 11]

Uses the benchmark database of scripts/bench_report.py (DATABASE_URL, default
postgres://atip:atip@127.0.0.1:5432/atip_bench): created, migrated and filled with its fill() if
empty (100,000 victims, 1,000,000 service episodes, 20,000 cases, …; about 40 s), then given what
that fill leaves out and the pages need: victims linked to cases and prosecution hearings. Creates
30 staff accounts (12 social workers, 8 police officers, 6 prosecutors, 4 secretaries) with new
random passwords, runs collectstatic and starts gunicorn on 127.0.0.1 (a free port) with
production settings (DEBUG off, a random SECRET_KEY, cookies without the Secure flag and no HTTPS
redirect since there is no TLS here, a lockout limit that 30 logins from one address never reach)
and gunicorn.conf.py (workers and threads as in production unless --workers/--threads). As a
deployment does (docker-compose.yml's `figures`), it then runs `manage.py keep_figures`, so the
statistics are kept before the staff arrive, and again every FIGURES_EVERY seconds while they work;
--cold leaves them to be computed by the requests, as right after a change to the records.

Then Locust (as a library, headless) runs N simulated staff in the same proportions, scaled for
other N: each logs in through the login form and goes through its role's usual pages, 1–3 s
between pages. The figures are those of their day's work, counted once every one of them has
logged in (--with-log-ins counts the log-ins too: everybody arriving in the same ten seconds).
Requests are named by page kind ("victim detail", "victim list deep page", …), so ids do not make
separate rows. At the end it prints, per page, requests, median, p95, p99 and
errors, and the throughput. With --find-knee it repeats with more users (fewer if the first run is
already over) until the p95 of all requests crosses 300 ms (issue 24's knee). Only 127.0.0.1 is
ever requested; gunicorn and the Locust runner are stopped on every exit (end of run, error,
Ctrl-C, SIGTERM).
"""

# Locust patches the standard library for gevent when it is imported: it must come first.
import locust  # noqa: F401, I001

import argparse
import datetime
import logging
import os
import re
import runpy
import signal
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import bench_db  # noqa: E402  (it puts ROOT on sys.path)
import bench_fill  # noqa: E402
from loadtest import users  # noqa: E402
from loadtest.plan import keep_figures, prepare  # noqa: E402
from loadtest.results import P95_LIMIT_MS, find_knee, machine_speed, print_result, run_once  # noqa: E402
from loadtest.server import FiguresService, Gunicorn, production_env  # noqa: E402

MAX_DURATION_S = 3600
MAX_USERS = 1000


def parse_duration(text: str) -> float:
    """'90s', '2m', '1m30s', '1h' or plain seconds ('90') → seconds (at most an hour)."""
    text = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        seconds = float(text)
    else:
        parts = re.findall(r"(\d+(?:\.\d+)?)([hms])", text)
        if not parts or "".join(n + u for n, u in parts) != text:
            raise argparse.ArgumentTypeError(f"not a duration: {text!r} (e.g. 90s, 2m, 1m30s)")
        seconds = sum(float(n) * {"h": 3600, "m": 60, "s": 1}[u] for n, u in parts)
    if not 1 <= seconds <= MAX_DURATION_S:
        raise argparse.ArgumentTypeError(f"duration must be between 1 s and {MAX_DURATION_S} s")
    return seconds


def parse_steps(text: str) -> list[int]:
    steps = sorted({int(n) for n in text.split(",") if n.strip()})
    if not steps or steps[0] < 1 or steps[-1] > MAX_USERS or len(steps) > 12:
        raise argparse.ArgumentTypeError(f"1–12 user counts between 1 and {MAX_USERS}")
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30, help="simulated staff (default 30)")
    parser.add_argument("--duration", type=parse_duration, default=90.0, help="e.g. 90s, 2m (default 90s)")
    production = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    parser.add_argument(
        "--workers",
        type=int,
        default=production["workers"],
        help="gunicorn workers (default: gunicorn.conf.py)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=production["threads"],
        help="gunicorn threads per worker (default: gunicorn.conf.py)",
    )
    parser.add_argument(
        "--cold", action="store_true", help="do not keep the statistics' figures before the run"
    )
    parser.add_argument(
        "--with-log-ins",
        action="store_true",
        help="count from the first log-in (default: from when every member of the staff has logged in)",
    )
    parser.add_argument(
        "--spawn-rate", type=float, default=None, help="users started per second (default: users/10)"
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="an empty database filled at this fraction of national scale (0.015: a quick check)",
    )
    parser.add_argument(
        "--write-weight",
        type=int,
        default=1,
        help="writes this many times as often (every kind of write within a short run)",
    )
    parser.add_argument(
        "--find-knee",
        action="store_true",
        help=f"then more users (or fewer) until p95 crosses {P95_LIMIT_MS} ms",
    )
    parser.add_argument(
        "--knee-steps",
        type=parse_steps,
        default=[5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 90, 120],
        help="user counts for --find-knee (default 5,10,15,20,30,40,50,60,70,80,90,120)",
    )
    args = parser.parse_args()
    if not 1 <= args.users <= MAX_USERS or not 1 <= args.workers <= 64 or not 1 <= args.threads <= 64:
        parser.error(f"--users 1–{MAX_USERS}, --workers and --threads 1–64")
    if not 0.001 <= args.scale <= 1 or not 1 <= args.write_weight <= 50:
        parser.error("--scale 0.001–1, --write-weight 1–50")
    bench_fill.scale(args.scale)
    users.weigh_writes(args.write_weight)
    url = os.environ.get("DATABASE_URL", bench_db.DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("This load test runs on PostgreSQL.")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    def spawn_rate(users: int) -> float:
        return args.spawn_rate or max(1.0, users / 10)

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C stops it even when started with &
    env = production_env(url)
    plan = prepare(url, env)
    users.use(plan)
    if not args.cold:
        keep_figures(env)
    figures = FiguresService(
        env=env, log_path=Path(tempfile.gettempdir()) / f"atip-load-test-figures-{os.getpid()}.log"
    )
    server = Gunicorn(
        env=env,
        workers=args.workers,
        threads=args.threads,
        log_path=Path(tempfile.gettempdir()) / f"atip-load-test-gunicorn-{os.getpid()}.log",
    )
    try:
        server.start(plan.urls["login"])
        figures.start()
        print(f"gunicorn on {server.base_url} ({args.workers} workers × {args.threads} threads)")
        print(f"gunicorn log: {server.log_path}")
        print(f"started {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}")
        print(machine_speed())
        first = run_once(
            server, args.users, args.duration, spawn_rate(args.users), with_log_ins=args.with_log_ins
        )
        print_result(first, server)
        if args.find_knee:
            find_knee(
                server, args.knee_steps, args.duration, spawn_rate, first, with_log_ins=args.with_log_ins
            )
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
    finally:
        figures.stop()
        server.stop()


if __name__ == "__main__":
    main()
