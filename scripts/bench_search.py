"""Benchmark of finding people at national scale, on PostgreSQL (docs/performance.md, "Search").

    .venv/bin/python scripts/bench_search.py [--runs 7] [--refill] [--explain]

Fills its own database (DATABASE_URL, default postgres://atip:atip@127.0.0.1:5432/atip_searchbench:
created and migrated if missing) with 100,000 synthetic victims — names drawn with a skewed
frequency from lists of the region's given and family names, with accents, one or two of each,
some misspelt; "María José Pérez Gutiérrez" among them — written with COPY (scripts/bench_db.py's
helpers), their folded names computed by victims.names as the application writes them. Then it
times, as the victims list runs them (victim_list + VictimFilter, the count and the first page of
25), the searches of docs/performance.md ("Search"); the duplicate check of a registration; and the
first page of possible duplicates. Median of --runs after one warm-up run each.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_db  # noqa: E402  (the benchmark's database helpers and COPY)

DEFAULT_URL = "postgres://atip:atip@127.0.0.1:5432/atip_searchbench"
N_VICTIMS = 100_000
MARIA = 54_321  # the id given to María José Pérez Gutiérrez

GIVEN = (  # about 140 given names
    "María José Ana Rosa Juana Carmen Luisa Sofía Lucía Valentina Camila Daniela Gabriela Fernanda "
    "Andrea Alejandra Paola Karla Mónica Patricia Gloria Elena Isabel Teresa Marta Silvia Irma "
    "Dolores Esperanza Yolanda Zoila Dilcia Ingrid Lesly Dunia Norma Ligia Reina Mirna Sandra Lorena "
    "Rocío Nidia Blanca Noemí Yesenia Kenia Olga Xiomara Wendy Heidy Jennifer Brenda Leticia Maritza "
    "Jorge Miguel Ángel Héctor Óscar Raúl Julio César Mario Sergio Ricardo Roberto Francisco Manuel "
    "Antonio Javier Diego Andrés Iván Rubén Emilio Nelson Wilmer Edwin Erick Kevin Brandon Marvin "
    "Santos Rigoberto Maynor Byron Selvin Luis Carlos Juan Pedro José Jesús Efraín Ramón Tomás "
    "Shanice Keisha Tanisha Latoya Shantel Aaliyah Kimani Jamal Dwayne Tyrone Garvey Marlon Delroy "
    "Aisha Priya Anjali Sunita Ravi Arjun Mei Li Wei Xin Ming Hui Chen Fang Yan Jun "
    "Abelina Cornelia Helena Maria Anna Agatha Aganetha Peter Abram Jacob Isaak Heinrich"
).split()
FAMILY = (  # about 180 family names
    "Pérez Gutiérrez Díaz Castillo Pop Chan García Martínez Young Coc Bol López Wang Hernández "
    "González Rodríguez Sánchez Ramírez Cruz Flores Gómez Morales Vásquez Reyes Jiménez Torres Álvarez "
    "Ruiz Mendoza Aguilar Ortiz Castro Romero Herrera Medina Vargas Guzmán Muñoz Rojas Contreras "
    "Salazar Cabrera Ríos Méndez Escobar Orellana Argueta Mejía Zelaya Maldonado Cho Choc Caal Tzib "
    "Ical Tut Xol Cal Sho Ack Pech Canul Chi Uck Mai Shal Requena Usher Neal Flowers Gillett Arnold "
    "Lewis Williams Smith Thompson Baptist Nuñez Espat Habet Zabaneh Ramclam Cayetano Palacio Lambey "
    "Avilez Zuniga Ellis Lino Nicholas Pott Teck Bautista Sosa Ayuso Magaña Marín Trejo Novelo "
    "Guerra Peña Cárdenas Rivas Navarro Solís Ayala Fuentes Domínguez Lara Miranda Ibarra Villalobos "
    "Acosta Bonilla Cáceres Paz Portillo Rivera Zavala Galdámez Chávez Montes Carías Amaya Funes "
    "Fiallos Banegas Murillo Matute Lagos Ordóñez Girón Barrios Figueroa Valle Osorio Quiroz "
    "Tun Sho Ku Coy Makin Sampson Pascascio Arzu Velasquez Mariano Guerrero Martinez Ramos Leal "
    "Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin Patel Singh Sharma Kumar "
    "Friesen Reimer Penner Wiebe Dueck Klassen Thiessen Fehr Giesbrecht Peters Loewen Enns"
).split()
NATIONALITIES = ["BZ"] * 5 + ["GT"] * 3 + ["HN"] * 2 + ["SV"] * 2 + ["NI", "MX", "CN", "IN", ""]
# Skewed like real names: the most common name ten times as frequent as the fiftieth.
GIVEN_WEIGHTS = [1 / (rank + 1) ** 0.6 for rank in range(len(GIVEN))]
FAMILY_WEIGHTS = [1 / (rank + 1) ** 0.6 for rank in range(len(FAMILY))]
MISSPELL = str.maketrans({"z": "s", "v": "b", "y": "i"})

SEARCHES = [
    "Perez",
    "perez gutierrez",
    "maria",
    "Peres Gutierres",
    "María José Pérez Gutiérrez",
    "gutierrez maria",
    "li",
    "SV-054321",
]


def names(rng) -> tuple[str, str]:
    given = " ".join(rng.choices(GIVEN, GIVEN_WEIGHTS, k=rng.choice([1, 1, 2])))
    family = " ".join(rng.choices(FAMILY, FAMILY_WEIGHTS, k=rng.choice([1, 2, 2])))
    if rng.random() < 0.03:
        family = family.translate(MISSPELL)
    return given, family


def fill() -> None:
    from django.db import connection, transaction

    from victims.models import Victim
    from victims.names import search_key

    rng = random.Random(10)
    now = "2026-01-01 00:00:00+00"
    start, end = datetime.date(2010, 1, 1), datetime.date(2025, 12, 31)
    columns = [*bench_db.VICTIM_COLUMNS, "search_name"]

    def rows():
        for i in range(1, N_VICTIMS + 1):
            registered = bench_db.day_between(rng, start, end)
            given, family = names(rng)
            nationality = rng.choice(NATIONALITIES)
            if i == MARIA:
                given, family, nationality = "María José", "Pérez Gutiérrez", "GT"
            age = rng.choice([12, 14, 15, 16, 17, 17, 18, 19, 20, 22, 25, 28, 30, 35, 45])
            birth = estimate = None
            if rng.random() < 0.75:
                birth = registered - datetime.timedelta(days=365 * age + rng.randrange(365))
            elif rng.random() < 0.6:
                estimate = age
            person = SimpleNamespace(date_of_birth=birth, age_estimate=estimate, registered_on=registered)
            yield (
                i,
                1,
                now,
                now,
                f"SV-{i:06d}",
                given,
                family,
                birth,
                "",
                rng.choice(["female"] * 5 + ["male"] * 3 + ["other", "unknown"]),
                estimate,
                nationality,
                registered,
                "",
                "presumed",
                None,
                "",
                Victim.derive_adult_on(person),
                "",
                "",
                None,
                search_key(given, family),
            )

    with transaction.atomic():
        t0 = time.perf_counter()
        bench_db.copy_rows(Victim, columns, rows())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('victims_victim', 'id'), "
                "(SELECT MAX(id) FROM victims_victim))"
            )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE victims_victim")
    print(f"filled {N_VICTIMS:,} victims in {time.perf_counter() - t0:.0f} s")


def timed(function, runs: int) -> tuple[float, object]:
    result = function()  # warm-up
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--refill", action="store_true", help="Empty the victims and fill them again.")
    parser.add_argument("--explain", action="store_true", help="Print the plan of each search.")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("This benchmark runs on PostgreSQL.")
    bench_db.ensure_database(url)
    bench_db.setup_django(url)
    from django.core.paginator import Paginator
    from django.db import connection, transaction

    from atip.roles import Role
    from atip.services import user_set_role
    from victims.duplicates import TooManyToCompare, likely_matches, possible_duplicates
    from victims.filters import VictimFilter
    from victims.models import Victim
    from victims.selectors import victim_list

    if args.refill and Victim.objects.exists():
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE victims_victim CASCADE")
    if not Victim.objects.exists():
        fill()
    user = user_set_role(username="bench.search", role=Role.SOCIAL_WORKER)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        print(cursor.fetchone()[0].split(",")[0])
        cursor.execute("SHOW jit")
        print(f"jit={cursor.fetchone()[0]}, victims: {Victim.objects.count():,}")

    def search(q):
        def run():
            rows = VictimFilter({"q": q}, queryset=victim_list(user=user)).qs
            page = Paginator(rows, 25).get_page(1)
            return page.paginator.count, list(page)

        return run

    print("\nsearch (the victims list: count + first page of 25, as the page runs it)")
    for q in SEARCHES:
        seconds, (count, page) = timed(search(q), args.runs)
        first = page[0].full_name if page else "—"
        maria = any(v.pk == MARIA for v in page)
        print(f"  {q!r:32} {seconds * 1000:6.1f} ms  {count:6,} found  first: {first}  María shown: {maria}")
        if args.explain:
            rows = VictimFilter({"q": q}, queryset=victim_list(user=user)).qs[:25]
            print(rows.explain(analyze=True))

    print("\nduplicate check of a registration (likely_matches)")
    for given, family, nationality, born in [
        ("Olga", "Diaz", "HN", datetime.date(2001, 2, 3)),
        ("María", "Pérez", "GT", datetime.date(1998, 5, 14)),
        ("Maria Jose", "Peres Gutierres", "GT", None),
    ]:
        data = {
            "given_name": given,
            "family_name": family,
            "nationality": nationality,
            "date_of_birth": born,
            "age_estimate": None,
            "registered_on": datetime.date(2025, 6, 1),
        }
        seconds, matches = timed(lambda data=data: likely_matches(data=data), args.runs)
        print(f"  {given} {family} ({nationality}): {seconds * 1000:6.1f} ms, {len(matches)} likely matches")

    print("\npossible duplicates, first page (a time limit stops a comparison that runs too long)")
    for year in (2025, None):

        def pairs(year=year):
            with transaction.atomic():
                try:
                    return possible_duplicates(user=user, year=year)
                except TooManyToCompare:
                    return None

        seconds, result = timed(pairs, max(1, args.runs // 3))
        shown = f"{len(result[0])} pairs (more: {result[1]})" if result else "stopped by the time limit"
        print(f"  newer record registered in {year or 'any year'}: {seconds * 1000:7.0f} ms, {shown}")


if __name__ == "__main__":
    main()
