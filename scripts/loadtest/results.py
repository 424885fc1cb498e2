"""One run of N staff, its figures per page, issue 24's targets and the knee."""

import os
import resource
import time
from dataclasses import dataclass, field

import gevent
import psutil  # a dependency of Locust
from locust.env import Environment
from locust.stats import StatsEntry

from .plan import role_counts
from .server import Gunicorn
from .users import LOGGED_IN, ROW_ORDER, USER_CLASSES, WAITED

# The knee (issue 24): the number of staff at which the p95 of all requests passes 300 ms.
P95_LIMIT_MS = 300


@dataclass
class Result:
    users: int
    seconds: float
    rows: list[tuple]  # (name, requests, median, p95, p99, errors)
    total: tuple
    errors: list[str]
    load_before: tuple
    load_after: tuple
    server_cpu: float
    client_cpu: float
    machine_cpu: float  # every process's CPU time: PostgreSQL's too
    waited: float
    apart: list[tuple] = field(default_factory=list)  # reads, then writes (rows as `rows`)

    @property
    def ceiling(self) -> float:
        """The requests/s these staff would make if every answer were instant: the requests
        they made over the time each of them spent waiting between pages."""
        return self.total[1] * self.users / self.waited if self.waited else 0.0

    @property
    def throughput(self) -> float:
        return self.total[1] / self.seconds

    @property
    def p95(self) -> int:
        return self.total[3]


def _row(name: str, entry) -> tuple:
    return (
        name,
        entry.num_requests,
        round(entry.median_response_time),
        entry.get_response_time_percentile(0.95) or 0,
        entry.get_response_time_percentile(0.99) or 0,
        entry.num_failures,
    )


def _machine_cpu() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


LOG_IN_WAIT_S = 120  # at most, for every member of the staff to have logged in


def run_once(
    server: Gunicorn, users: int, seconds: float, spawn_rate: float, *, with_log_ins: bool = False
) -> Result:
    """`users` staff for `seconds` of their day's work: counted from the moment every one of them
    has logged in (the log-ins, at `spawn_rate` per second, are not counted), or, `with_log_ins`,
    from the first log-in (the ramp-up included, as when everybody arrives at once)."""
    counts = role_counts(users)
    for cls in USER_CLASSES:
        cls.fixed_count = counts[cls.role]
    classes = [cls for cls in USER_CLASSES if counts[cls.role]]
    environment = Environment(user_classes=classes, host=server.base_url)
    runner = environment.create_local_runner()
    LOGGED_IN[0] = 0
    try:
        started = time.monotonic()
        runner.start(users, spawn_rate=spawn_rate)
        if not with_log_ins:
            deadline = started + LOG_IN_WAIT_S
            while LOGGED_IN[0] < users and time.monotonic() < deadline:
                gevent.sleep(0.2)
            environment.stats.reset_all()
            started = time.monotonic()
        load_before, server_cpu, client_cpu = os.getloadavg(), server.cpu_seconds(), _client_cpu()
        machine_cpu = _machine_cpu()
        WAITED[0] = 0.0
        gevent.sleep(seconds)
        elapsed = time.monotonic() - started
    finally:
        runner.quit()
    stats = environment.stats
    names = sorted(
        stats.entries, key=lambda key: (ROW_ORDER.index(key[0]) if key[0] in ROW_ORDER else 99, key)
    )
    errors = [f"{e.occurrences} × {e.method} {e.name}: {e.error}" for e in stats.errors.values()]
    errors += [f"{n} × exception in a task: {msg}" for msg, n in _exceptions(runner)]
    return Result(
        users=users,
        seconds=elapsed,
        rows=[
            _row(name, stats.entries[(name, method)])
            for name, method in names
            if stats.entries[(name, method)].num_requests  # the log-ins, before the count began
        ],
        total=_row("total", stats.total),
        apart=reads_and_writes(stats),
        errors=errors,
        load_before=load_before,
        load_after=os.getloadavg(),
        server_cpu=server.cpu_seconds() - server_cpu,
        client_cpu=_client_cpu() - client_cpu,
        machine_cpu=_machine_cpu() - machine_cpu,
        waited=WAITED[0],
    )


WRITE = "write: "


def reads_and_writes(stats) -> list[tuple]:
    """Every page read (the log-in's POST aside) and every write (a form posted), each as one row."""
    rows = []
    for label, wanted in (
        ("reads", lambda name: not name.startswith(WRITE) and name != "login"),
        ("writes", lambda name: name.startswith(WRITE)),
    ):
        together = StatsEntry(stats, label, "", use_response_times_cache=False)
        for (name, _), entry in stats.entries.items():
            if wanted(name):
                together.extend(entry)
        rows.append(_row(label, together))
    return rows


def _exceptions(runner) -> list[tuple[str, int]]:
    return [(e["msg"], e["count"]) for e in runner.exceptions.values()]


def machine_speed() -> str:
    """How fast this machine's CPU is, so that runs on different machines can be compared: the CPU
    time of one password hash as Django 5.2 makes it (PBKDF2-SHA256, 1,000,000 iterations; 0.22 s
    on the machine of the figures before December 2026) and of ten million additions in Python."""
    import hashlib

    start = time.process_time()
    hashlib.pbkdf2_hmac("sha256", b"a password typed", b"sixteen byte salt", 1_000_000)
    hashed = time.process_time() - start
    start = time.process_time()
    total = 0
    for i in range(10_000_000):
        total += i
    added = time.process_time() - start
    return f"machine: a password hash {hashed:.2f} s of CPU, 10^7 additions in Python {added:.2f} s"


def print_result(result: Result, server: Gunicorn) -> None:
    counts = role_counts(result.users)
    print()
    print(
        f"{result.users} users ({', '.join(f'{n} {role}' for role, n in counts.items())}) for "
        f"{result.seconds:.0f} s; gunicorn {server.workers} workers × {server.threads} threads"
    )
    header = ("page", "requests", "median ms", "p95 ms", "p99 ms", "errors")
    rows = [header, *result.rows, result.total]
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    for i, row in enumerate(rows):
        if i == len(rows) - 1:
            print("  ".join("-" * w for w in widths))
        cells = [str(row[0]).ljust(widths[0])] + [
            str(c).rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        print("  ".join(cells))
    for name, requests, median, p95, p99, errors in result.apart:
        share = requests / max(1, sum(row[1] for row in result.apart))
        print(
            f"{name}: {requests} requests ({share:.0%}), median {median} ms, p95 {p95} ms, "
            f"p99 {p99} ms, {errors} errors"
        )
    print(f"throughput: {result.throughput:.1f} requests/s")
    cores = os.cpu_count() or 1
    rest = result.machine_cpu - result.server_cpu - result.client_cpu
    print(
        f"CPU: gunicorn {result.server_cpu:.0f} s, this load generator {result.client_cpu:.0f} s, "
        f"the rest (PostgreSQL, keep_figures) {rest:.0f} s, "
        f"of {result.seconds * cores:.0f} s ({cores} cores)"
    )
    print(
        "load average (1, 5, 15 min): before "
        + ", ".join(f"{x:.2f}" for x in result.load_before)
        + "; after "
        + ", ".join(f"{x:.2f}" for x in result.load_after)
    )
    for line in result.errors[:15]:
        print(f"  error: {line}")
    print_targets(result)


# Issue 24's targets (issue 13's, writes included): the statistics page under 1 s, every other
# page and every write under 300 ms (p95).
PAGE_P95_MS = 300
STATISTICS_P95_MS = 1000
MIN_THROUGHPUT = 25
# Not pages: the log-in form's POST costs the password hash (PBKDF2, 1,000,000 iterations in
# Django 5.2), by design; it is reported, not held to a page's target.
NOT_PAGES = {"login"}


def print_targets(result: Result) -> None:
    """Each of issue 24's targets, met or not, with the figure that decides it."""

    def line(met: bool, text: str) -> None:
        print(f"  {'met    ' if met else 'NOT MET'}  {text}")

    pages = [row for row in result.rows if row[0] not in NOT_PAGES and row[0] != "statistics"]
    slowest = max(pages, key=lambda row: row[3], default=("none", 0, 0, 0))
    statistics = next((row for row in result.rows if row[0] == "statistics"), None)
    errors = result.total[5]
    print("targets (issue 24):")
    line(
        slowest[3] < PAGE_P95_MS,
        f"p95 < {PAGE_P95_MS} ms on every page and write but the statistics: "
        f"highest {slowest[3]} ms ({slowest[0]})",
    )
    if statistics is not None:
        line(
            statistics[3] < STATISTICS_P95_MS, f"statistics p95 < {STATISTICS_P95_MS} ms: {statistics[3]} ms"
        )
    line(errors == 0, f"no errors: {errors}")
    print(
        f"  throughput {result.throughput:.1f} requests/s of the {result.ceiling:.1f} these staff, "
        f"waiting 1–3 s between pages, would ask for if every page answered at once (issue 13's "
        f"{MIN_THROUGHPUT} requests/s: {'reached' if result.throughput >= MIN_THROUGHPUT else 'not'})"
    )
    for row in result.rows:
        if row[0] in NOT_PAGES:
            print(f"  (not a page: {row[0]} p95 {row[3]} ms, the password hash)")


def find_knee(
    server: Gunicorn,
    steps: list[int],
    seconds: float,
    spawn_rate,
    first: Result,
    *,
    with_log_ins: bool = False,
) -> None:
    """From the first run, go up the steps while p95 stays under the limit (or down them while it is
    over), until it crosses: the knee lies between the last two runs."""
    results = {first.users: first}
    over = first.p95 > P95_LIMIT_MS
    candidates = (
        [n for n in reversed(steps) if n < first.users] if over else [n for n in steps if n > first.users]
    )
    for users in candidates:
        gevent.sleep(5)  # let the server finish what the last run left
        result = run_once(server, users, seconds, spawn_rate(users), with_log_ins=with_log_ins)
        print_result(result, server)
        results[users] = result
        if (result.p95 > P95_LIMIT_MS) != over:
            break
    ordered = [results[n] for n in sorted(results)]
    print()
    print("users  requests/s  median ms  p95 ms  p99 ms  errors")
    for r in ordered:
        _, _, median, p95, p99, errors = r.total
        print(f"{r.users:5d}  {r.throughput:10.1f}  {median:9d}  {p95:6d}  {p99:6d}  {errors:6d}")
    crossed = next((r for r in ordered if r.p95 > P95_LIMIT_MS), None)
    below = [r for r in ordered if r.p95 <= P95_LIMIT_MS and (crossed is None or r.users < crossed.users)]
    if crossed is None:
        print(f"p95 stayed under {P95_LIMIT_MS} ms up to {ordered[-1].users} users")
    elif below:
        print(
            f"p95 crosses {P95_LIMIT_MS} ms between {below[-1].users} users ({below[-1].p95} ms) "
            f"and {crossed.users} users ({crossed.p95} ms)"
        )
    else:
        print(f"p95 is over {P95_LIMIT_MS} ms from {crossed.users} users ({crossed.p95} ms) on")
