"""What the simulated staff do and may reach: the staff's proportions, the pages, the accounts
and the ids each role can see, read from the benchmark database before the run."""

import contextlib
import datetime
import math
import os
import random
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import bench_db
import bench_fill

from .writes import FORM_URL_NAMES

ROOT = Path(__file__).resolve().parents[2]
# The staff of the scenario: 30 people, in these proportions for any other number.
STAFF = {"social_worker": 12, "police": 8, "prosecutor": 6, "secretary": 4}
PAGE_SIZE = 25  # victims.views.PAGE_SIZE
DEEP_PAGE_FROM = 100
VICTIM_FILTERS = [
    "status=identified",
    "status=presumed",
    "status=identified&page=2",
    "sex=female",
    "year=2020",
    "district=cayo",
    "status=presumed&year=2024",
    "nationality=GT",
]
NAME_SEARCHES = ["Maria", "Jose", "Garcia", "Ana Lopez", "Martinez", "Chen"]
CASE_FILTERS = ["status=investigating", "status=reported", "year=2023", "district=cayo", "reference=BC-01"]
PROSECUTION_FILTERS = ["pending=true", "court=magistrate", "year=2022"]
REPORT_YEARS = range(bench_db.FIRST_YEAR + 1, bench_db.LAST_YEAR + 1)
# The pages, by their URL names (the first name that exists): paths follow the URLconf.
URL_NAMES = {
    "login": ["login"],
    "home": ["home"],
    "victims": ["victims:list"],
    "victim": ["victims:detail"],
    "victim services": ["victims:services", "services:victim"],
    "cases": ["cases:list"],
    "case": ["cases:detail"],
    "prosecutions": ["prosecutions:list"],
    "prosecution": ["prosecutions:detail"],
    "statistics": ["reports:annual"],
    "prevention": ["prevention:list"],
}
URLS_WITH_ID = {"victim", "victim services", "case", "prosecution"}


def role_counts(users: int) -> dict[str, int]:
    """`users` split in the proportions of STAFF (largest remainder; 30 → 12, 8, 6, 4)."""
    total = sum(STAFF.values())
    shares = {role: users * n / total for role, n in STAFF.items()}
    counts = {role: math.floor(share) for role, share in shares.items()}
    by_remainder = sorted(STAFF, key=lambda role: shares[role] - counts[role], reverse=True)
    for role in by_remainder[: users - sum(counts.values())]:
        counts[role] += 1
    for role in STAFF:  # every role present once there are enough users
        if counts[role] == 0 and users >= len(STAFF):
            counts[max(counts, key=counts.get)] -= 1
            counts[role] = 1
    return counts


@dataclass
class Plan:
    """What the simulated staff may request: accounts and ids each role can reach."""

    accounts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # page → path, "{}" for the id
    victims: list[int] = field(default_factory=list)  # social workers: every victim
    references: list[str] = field(default_factory=list)
    victim_pages: int = 1
    cases: list[int] = field(default_factory=list)  # police: every case …
    case_victims: dict[int, list[int]] = field(default_factory=dict)  # … and the victims listed in it
    prosecutions: list[tuple[int, int]] = field(default_factory=list)  # (prosecution, its case)
    activities: int = 0
    presumed: list[int] = field(default_factory=list)  # social workers decide on these


def top_up() -> None:
    """What bench_fill.fill() leaves out and the pages show: victims listed in cases (police
    and prosecutors reach victims only through them) and hearings of prosecutions."""
    from django.db import connection, transaction

    from cases.models import Case, CaseVictim
    from prosecutions.models import Hearing, Prosecution
    from victims.models import Victim

    rng = random.Random(13)
    now = "2026-01-01 00:00:00+00"
    with transaction.atomic():
        if not CaseVictim.objects.exists():
            victim_ids = list(Victim.objects.values_list("pk", flat=True))
            case_ids = list(Case.objects.values_list("pk", flat=True))

            def link_rows():
                n = 0
                for case_id in case_ids:
                    for victim_id in rng.sample(victim_ids, rng.choice([1, 1, 1, 2, 2, 3])):
                        n += 1
                        yield (n, case_id, victim_id, None, now)

            n = bench_db.copy_rows(
                CaseVictim, ["id", "case_id", "victim_id", "linked_by_id", "linked_at"], link_rows()
            )
            print(f"linked {n:,} victims to cases")
        if not Hearing.objects.exists():
            filed = list(Prosecution.objects.values_list("pk", "filed_on"))

            def hearing_rows():
                n = 0
                for prosecution_id, filed_on in filed:
                    for _ in range(rng.choice([0, 1, 2, 3])):
                        n += 1
                        day = filed_on + datetime.timedelta(days=rng.randrange(30, 1100))
                        yield (n, prosecution_id, day, "")

            n = bench_db.copy_rows(Hearing, ["id", "prosecution_id", "date", "note"], hearing_rows())
            print(f"added {n:,} hearings")
        with connection.cursor() as cursor:
            for table in ("cases_casevictim", "prosecutions_hearing"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
                )
                cursor.execute(f"ANALYZE {table}")


def create_accounts() -> dict[str, list[tuple[str, str]]]:
    """The 30 staff accounts (load_<role>_NN), each with a new random password, each having
    accepted the confidentiality undertaking in force (as staff do once, on their first day)."""
    from accounts.models import UndertakingAcceptance
    from accounts.undertaking import current
    from atip.services import user_set_role

    undertaking = current()
    accounts = {}
    for role, n in STAFF.items():
        accounts[role] = []
        for i in range(1, n + 1):
            username, password = f"load_{role}_{i:02d}", secrets.token_urlsafe(18)
            user = user_set_role(username=username, role=role, password=password)
            if undertaking is not None:
                UndertakingAcceptance.objects.get_or_create(user=user, undertaking=undertaking)
            accounts[role].append((username, password))
    return accounts


def url_paths() -> dict[str, str]:
    """Each page's path from the URLconf ("{}" where the id goes)."""
    from django.urls import NoReverseMatch, reverse

    placeholder = 987654321
    urls = {}
    for page, names in URL_NAMES.items():
        for name in names:
            with contextlib.suppress(NoReverseMatch):
                path = reverse(name, args=[placeholder] if page in URLS_WITH_ID else [])
                urls[page] = path.replace(str(placeholder), "{}")
                break
        else:
            sys.exit(f"No URL named {' or '.join(names)} (the {page} page).")
    for write, name in FORM_URL_NAMES.items():
        path = reverse(name, args=[] if write == "case reported" else [placeholder])
        urls[write] = path.replace(str(placeholder), "{}")
    return urls


def discover(accounts) -> Plan:
    """Ids each role may reach, read from the database once, before the run."""
    from cases.models import CaseVictim
    from prevention.models import Activity
    from prosecutions.models import Prosecution
    from victims.models import Victim

    rng = random.Random(7)
    victims = list(Victim.objects.filter(archived_at__isnull=True).values_list("pk", "reference"))
    sample = rng.sample(victims, min(5000, len(victims)))
    case_victims: dict[int, list[int]] = {}
    for case_id, victim_id in CaseVictim.objects.values_list("case_id", "victim_id"):
        case_victims.setdefault(case_id, []).append(victim_id)
    plan = Plan(
        accounts=accounts,
        urls=url_paths(),
        victims=[pk for pk, _ in sample],
        references=[reference for _, reference in sample],
        victim_pages=max(1, math.ceil(len(victims) / PAGE_SIZE)),
        cases=sorted(case_victims),
        case_victims=case_victims,
        prosecutions=list(Prosecution.objects.values_list("pk", "case_id")),
        activities=Activity.objects.count(),
        presumed=list(
            Victim.objects.filter(archived_at__isnull=True, identification_status="presumed")
            .order_by("?")
            .values_list("pk", flat=True)[:3000]
        ),
    )
    if not (plan.victims and plan.cases and plan.prosecutions):
        sys.exit("The database has no victims, cases linked to victims, or prosecutions to visit.")
    return plan


def prepare(url: str, env: dict[str, str]) -> Plan:
    os.environ.update(env)
    bench_db.ensure_database(url)
    bench_db.setup_django(url)  # migrates
    from django.core.management import call_command
    from django.db import connections

    from victims.models import Victim

    if not Victim.objects.exists():
        bench_fill.fill()
    top_up()
    t0 = time.perf_counter()
    accounts = create_accounts()
    print(f"{sum(map(len, accounts.values()))} staff accounts ready in {time.perf_counter() - t0:.0f} s")
    plan = discover(accounts)
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()
    return plan


def keep_figures(env: dict[str, str]) -> None:
    """What a deployment runs beside the server (docker-compose.yml: figures), into its cache."""
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "keep_figures", "--pace", "0"],  # before the staff arrive
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"statistics' figures kept (manage.py keep_figures) in {time.perf_counter() - t0:.0f} s")
