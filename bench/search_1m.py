#!/usr/bin/env python
"""Benchmark: the matching engine inside Kurzweg at a million persons, on SQLite and PostgreSQL.

For each database, in a fresh subprocess and a fresh database: generates a CSV of N synthetic
persons (names from bench/open_file.py's pools, ~2 % re-registrations with spelling variants),
imports it with `kurzweg import-persons` (timed), runs `kurzweg find-duplicates` (timed), then
measures searches through the API (`GET /api/v1/persons/search`, signed-in test client) for
name + birth year and for name only, and prints p50/p95 and the memory used.

    .venv/bin/python bench/search_1m.py [--persons 1000000] [--samples 300] [--db sqlite|postgres|both]
                                        [--pg-url postgres://postgres@127.0.0.1:5432/kurzweg_c1_bench]
                                        [--skip-duplicates] [--skip-search] [--keep] [--reuse] [--out-dir DIR]

`--keep` keeps the database and the CSV; a later run with `--reuse` (same `--out-dir`, `--pg-url`
and `--persons`) skips the import and measures find-duplicates and the searches on the kept
database, e.g. `--db sqlite --reuse --skip-search` for find-duplicates alone.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "bench" / "out"
RESULT_MARK = "@@SEARCH_1M_RESULT@@ "
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/kurzweg_c1_bench"
TARGETS = {
    "name_year_p50": 20.0,
    "name_year_p95": 50.0,
    "name_only_p95": 300.0,
    "import_s": 300.0,
    "duplicates_s": 600.0,
}

sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))


def parse_args(argv=None):  # type: ignore[no-untyped-def]
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--persons", type=int, default=1_000_000)
    p.add_argument("--samples", type=int, default=300, help="searches measured per kind (default 300)")
    p.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--pg-url", default=DEFAULT_PG_URL)
    p.add_argument("--seed", type=int, default=4)
    p.add_argument("--skip-duplicates", action="store_true", help="do not run find-duplicates")
    p.add_argument("--skip-search", action="store_true", help="do not measure the searches")
    p.add_argument("--keep", action="store_true", help="keep the databases and the CSV")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="use the database and CSV kept by an earlier --keep run (no import); implies --keep",
    )
    p.add_argument("--out-dir", type=Path, default=OUT_DIR, help="where the SQLite file, CSV and pairs go")
    p.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    return p.parse_args(argv)


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def cpu_s() -> float:
    """CPU seconds (user + system) of this process and its finished worker processes: on a shared
    machine, wall time also counts the time other work held the cores."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def load() -> str:
    return "load average {:.1f} / {:.1f} / {:.1f}".format(*os.getloadavg())


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ----------------------------------------------------------------------------------------------
# Parent
# ----------------------------------------------------------------------------------------------


def run_parent(args) -> int:  # type: ignore[no-untyped-def]
    from open_file import pg_dbname  # refuses names without "bench"

    pg_dbname(args.pg_url)
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = []
    for db in dbs:
        print(f"=== {db}: {args.persons:,} persons ===", flush=True)
        var_dir = args.out_dir.resolve() / f"search-{db}"
        var_dir.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="kurzweg.settings",
            KURZWEG_ENV="development",
            DEBUG="0",
            KURZWEG_VAR_DIR=str(var_dir),
            ALLOWED_HOSTS="testserver",
            PYTHONUNBUFFERED="1",
            DATABASE_URL=f"sqlite:///{var_dir / 'search.sqlite3'}" if db == "sqlite" else args.pg_url,
            PYTHONPATH=str(ROOT),
        )
        cmd = [
            sys.executable,
            __file__,
            "--worker",
            db,
            "--persons",
            str(args.persons),
            "--samples",
            str(args.samples),
            "--seed",
            str(args.seed),
            "--pg-url",
            args.pg_url,
        ]
        cmd += ["--skip-duplicates"] if args.skip_duplicates else []
        cmd += ["--skip-search"] if args.skip_search else []
        cmd += ["--keep"] if args.keep else []
        cmd += ["--reuse"] if args.reuse else []
        cmd += ["--out-dir", str(args.out_dir.resolve())]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(RESULT_MARK):
                results.append(json.loads(line[len(RESULT_MARK) :]))
            else:
                print(line, end="", flush=True)
        if proc.wait() != 0:
            print(f"!!! {db} failed ({proc.returncode})")
    if results:
        print_table(results)
    return 0 if len(results) == len(dbs) else 1


def print_table(results: list[dict]) -> None:
    head = [
        "database",
        "persons",
        "import s",
        "keys",
        "dupes s",
        "pairs",
        "name+year p50",
        "p95",
        "name only p50",
        "p95",
        "peak MiB",
    ]
    rows = []
    for r in results:
        rows.append(
            [
                r["database"],
                f"{r['persons']:,}",
                "-" if r["import_s"] is None else f"{r['import_s']:.0f}",
                f"{r['keys']:,}",
                "-" if r["duplicates_s"] is None else f"{r['duplicates_s']:.0f}",
                f"{r['pairs']:,}",
                *(
                    "-" if r[kind] is None else f"{r[kind][q]:.1f} ms"
                    for kind in ("name_year", "name_only")
                    for q in ("p50_ms", "p95_ms")
                ),
                f"{r['peak_mib']:,.0f}",
            ]
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    print()
    print("  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))
    print(
        f"targets: name+year p50 <= {TARGETS['name_year_p50']:g} ms, p95 <= {TARGETS['name_year_p95']:g} ms; "
        f"name only p95 <= {TARGETS['name_only_p95']:g} ms; import <= {TARGETS['import_s']:g} s; "
        f"find-duplicates <= {TARGETS['duplicates_s']:g} s"
    )


# ----------------------------------------------------------------------------------------------
# Worker
# ----------------------------------------------------------------------------------------------


def generate_csv(path: Path, n: int, seed: int) -> list[dict]:
    """N persons as import CSV; returns a sample of the written rows to search for."""
    from open_file import _cumulative, build_name_pools, vary_spelling

    rng = random.Random(seed)
    groups = build_name_pools(seed)
    cum = list(_cumulative(g["weight"] for g in groups))
    written: list[dict] = []
    keep_every = max(n // 5000, 1)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["external_id", "given_names", "family_name", "birth_date", "sex", "nationality", "birth_place"])
        recent: list[list] = []
        for i in range(n):
            if recent and rng.random() < 0.02:
                # The same person registered again elsewhere: another spelling of one name.
                row = list(rng.choice(recent))
                field = rng.choice((1, 2))
                row[field] = vary_spelling(rng, row[field]) if row[field] else row[field]
                row[0] = f"P{i:07d}"
            else:
                g = groups[rng.choices(range(len(groups)), cum_weights=cum)[0]]
                sex = "F" if rng.random() < 0.45 else "M"
                given = rng.choice(g["f" if sex == "F" else "m"])[0]
                if rng.random() < 0.25:
                    given += " " + rng.choice(g["m"])[0]  # a second given name or the father's name
                family = rng.choice(g["family_f" if sex == "F" else "family_m"])[0]
                year = rng.randint(1940, 2024)
                r = rng.random()
                if r < 0.7:
                    birth = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                elif r < 0.75:
                    birth = f"{year}-01-01"
                elif r < 0.93:
                    birth = str(year)
                else:
                    birth = ""
                row = [f"P{i:07d}", given, family, birth, sex, g["nationality"], rng.choice(g["places"])]
            w.writerow(row)
            recent.append(row)
            if len(recent) > 2000:
                recent.pop(rng.randrange(len(recent)))
            if i % keep_every == 0:
                written.append(
                    dict(zip(["external_id", "given", "family", "birth", "sex", "nat", "place"], row, strict=True))
                )
    return written


def read_sample(path: Path, n: int) -> list[dict]:
    """The rows `generate_csv` returned, read back from its kept CSV (for --reuse)."""
    keep_every = max(n // 5000, 1)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        return [
            dict(zip(["external_id", "given", "family", "birth", "sex", "nat", "place"], row, strict=True))
            for i, row in enumerate(reader)
            if i % keep_every == 0
        ]


def summarize(ms: list[float]) -> dict:
    ms = sorted(ms)

    def pct(q: float) -> float:
        k = (len(ms) - 1) * q
        lo = int(k)
        hi = min(lo + 1, len(ms) - 1)
        return ms[lo] + (ms[hi] - ms[lo]) * (k - lo)

    return {"p50_ms": pct(0.5), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": ms[-1], "n": len(ms)}


def run_worker(args) -> int:  # type: ignore[no-untyped-def]
    from open_file import create_database, drop_database
    from open_file.database import database_exists

    db = args.worker
    csv_path = args.out_dir / f"search-{db}" / "persons.csv"
    if args.reuse:
        args.keep = True
        if not database_exists(db, args) or not csv_path.exists():
            raise SystemExit(f"--reuse: no kept {db} database and {csv_path} (run with --keep first)")
        log(f"reusing the kept {db} database")
    else:
        log(f"creating a fresh {db} database")
        create_database(db, args)
    try:
        import django

        django.setup()
        result = bench(db, args, csv_path)
        print(RESULT_MARK + json.dumps(result), flush=True)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(db, args)
            csv_path.unlink(missing_ok=True)
            for extra in ("persons.rejects.csv", "pairs.csv"):
                (csv_path.parent / extra).unlink(missing_ok=True)
    return 0


def bench(db: str, args, csv_path: Path) -> dict:  # type: ignore[no-untyped-def]
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from kurzweg.core.models import User
    from kurzweg.core.setup import create_agency
    from kurzweg.people.models import PersonKey

    import_s = import_cpu_s = None
    call_command("migrate", verbosity=0, interactive=False)  # a kept database may miss newer ones
    if args.reuse:
        user = User.objects.get(username="empfang")
        sample = read_sample(csv_path, args.persons)
    else:
        agency = create_agency("bench", "Landkreis Benchheim")
        user = User(username="empfang", agency=agency)
        user.set_unusable_password()
        user.save()

        t = time.perf_counter()
        sample = generate_csv(csv_path, args.persons, args.seed)
        log(f"generated {args.persons:,} rows in {time.perf_counter() - t:.1f} s")

        out = io.StringIO()
        t, cpu = time.perf_counter(), cpu_s()
        call_command("import_persons", str(csv_path), "--no-progress", stdout=out)
        import_s, import_cpu_s = time.perf_counter() - t, cpu_s() - cpu
        print(out.getvalue(), end="")
        log(f"import: {import_s:.1f} s ({import_cpu_s:.1f} s CPU); peak memory {peak_mib():,.0f} MiB; {load()}")
        with connection.cursor() as cur:
            cur.execute("ANALYZE" if db == "sqlite" else "VACUUM ANALYZE")
    keys = PersonKey.objects.count()

    duplicates_s = duplicates_cpu_s = None
    pairs = 0
    if not args.skip_duplicates:
        out = io.StringIO()
        t, cpu = time.perf_counter(), cpu_s()
        call_command("find_duplicates", "--out", str(csv_path.parent / "pairs.csv"), "--no-progress", stdout=out)
        duplicates_s, duplicates_cpu_s = time.perf_counter() - t, cpu_s() - cpu
        print(out.getvalue(), end="")
        with (csv_path.parent / "pairs.csv").open() as f:
            pairs = sum(1 for _ in f) - 1
        log(
            f"find-duplicates: {duplicates_s:.1f} s ({duplicates_cpu_s:.1f} s CPU), {pairs:,} pairs; "
            f"peak memory {peak_mib():,.0f} MiB; {load()}"
        )

    name_year: list[float] = []
    name_only: list[float] = []
    if args.skip_search:
        return {
            "database": db,
            "persons": args.persons,
            "import_s": import_s,
            "import_cpu_s": import_cpu_s,
            "duplicates_cpu_s": duplicates_cpu_s,
            "keys": keys,
            "duplicates_s": duplicates_s,
            "pairs": pairs,
            "name_year": None,
            "name_only": None,
            "peak_mib": peak_mib(),
            "load_average": os.getloadavg()[0],
        }

    client = Client()
    client.force_login(user)
    rng = random.Random(args.seed + 1)
    from kurzweg.people.models import Person

    rows = [r for r in sample if r["family"]]
    ids = dict(Person.objects.filter(external_id__in=[r["external_id"] for r in rows]).values_list("external_id", "pk"))
    rows = [r | {"id": str(ids[r["external_id"]])} for r in rows if r["external_id"] in ids]
    found = 0

    def query(row: dict, with_year: bool) -> dict:
        given, family = row["given"].split()[0], row["family"]
        if rng.random() < 0.3:
            family = family.upper()
        name = f"{family} {given}" if rng.random() < 0.5 else f"{given} {family}"
        params = {"name": name, "limit": "10"}
        if with_year and row["birth"]:
            params["birth_date"] = row["birth"][:4]
        return params

    for kind, bucket in (("name_year", name_year), ("name_only", name_only)):
        picks = [rng.choice(rows) for _ in range(args.samples + 10)]
        for n, row in enumerate(picks):
            params = query(row, kind == "name_year")
            t = time.perf_counter()
            response = client.get("/api/v1/persons/search", params)
            elapsed = (time.perf_counter() - t) * 1000
            assert response.status_code == 200, response.content
            if n >= 10:  # warm-up
                bucket.append(elapsed)
                found += row["id"] in response.content.decode()
        s = summarize(bucket)
        log(
            f"search {kind}: p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms, p99 {s['p99_ms']:.1f} ms, "
            f"max {s['max_ms']:.1f} ms ({s['n']} searches); {load()}"
        )
    log(f"searched person's id in the answer: {found}/{2 * args.samples} (top 10, with spelling as registered)")
    return {
        "database": db,
        "persons": args.persons,
        "import_s": import_s,
        "import_cpu_s": import_cpu_s,
        "duplicates_cpu_s": duplicates_cpu_s,
        "keys": keys,
        "duplicates_s": duplicates_s,
        "pairs": pairs,
        "name_year": summarize(name_year),
        "name_only": summarize(name_only),
        "peak_mib": peak_mib(),
        "load_average": os.getloadavg()[0],
    }


def main(argv=None) -> int:  # type: ignore[no-untyped-def]
    args = parse_args(argv)
    return run_worker(args) if args.worker else run_parent(args)


if __name__ == "__main__":
    sys.exit(main())
