"""python manage.py keep_figures [--years FIRST-LAST]

Computes, off the request path, the figures the statistics page and the secretary's home show
(each year's report and data quality) that are not kept for the records as they are now. Run it
after a deploy or an import, and every few minutes (docker-compose.yml's `figures` service):
then a secretary finds them kept rather than waiting a second or more per year at national
scale. When nothing has changed it only asks the cache.

It gives way to the pages (`--pace`, default 1): after each computation it waits as long as the
computation took, and its queries run without PostgreSQL's parallel workers, so that it takes at
most half of one core. At national scale a write to a long-running case reaches every year since
it began: a run then computes every year, about 20 s of CPU, which at full speed took both cores
of a two-core server from the staff for that long (docs/performance.md). `--pace 0` runs at full
speed (after a deploy or an import, before the staff arrive)."""

import re
import time

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from reports.figures import LAST_RUN_KEY, TIMEOUT, Tokens, is_kept, year_figures, year_quality
from reports.forms import statistics_years


def year_range(text: str) -> range:
    match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a year or FIRST-LAST")
    first, last = match.groups()
    return range(int(first), int(last or first) + 1)


class Command(BaseCommand):
    help = (
        "Compute and keep the figures of each statistics year (default: all) and their data "
        "quality, where they are not kept for the records as they are now."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years", type=year_range, help="A year or FIRST-LAST (default: every statistics year)."
        )
        parser.add_argument(
            "--pace",
            type=float,
            default=1.0,
            help="Wait this many times as long as each computation took (default 1; 0: full speed).",
        )

    def handle(self, *args, years, pace, **options):
        if not 0 <= pace <= 10:
            raise CommandError("--pace must be between 0 and 10.")
        if isinstance(caches["default"], (LocMemCache, DummyCache)):
            raise CommandError(
                "The cache is this process's own (CACHE_URL is not set): figures kept here would "
                "not reach the server. Set CACHE_URL to the cache the server uses."
            )
        allowed = statistics_years()
        years = allowed if years is None else years
        if not years or years[0] < allowed[0] or years[-1] > allowed[-1]:
            raise CommandError(f"--years must be within {allowed[0]}-{allowed[-1]}.")
        tokens = Tokens()
        if tokens.of(years[-1]) is None:
            raise CommandError("The data generation is missing: run the migrations.")
        started = time.perf_counter()
        computed = 0
        # The statistics page shows each year beside the year before: that one's figures too.
        for year in range(years[0] - 1, years[-1] + 1):
            kinds = [("figures", year_figures)] + ([("quality", year_quality)] if year in years else [])
            for kind, read in kinds:
                if is_kept(kind, year, tokens.of(year)):
                    continue
                t0 = time.perf_counter()
                with transaction.atomic():  # SET LOCAL ends with it
                    if pace and connection.vendor == "postgresql":
                        with connection.cursor() as cursor:
                            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
                    read(year, tokens=tokens)
                took = time.perf_counter() - t0
                computed += 1
                self.stdout.write(f"{year} {kind}: computed in {took:.2f} s")
                time.sleep(took * pace)
        self.stdout.write(
            f"{computed} computed, the rest were kept already, in {time.perf_counter() - started:.1f} s "
            f"(data generation {tokens.of(years[-1])})."
        )
        cache.set(LAST_RUN_KEY, time.time(), TIMEOUT)
