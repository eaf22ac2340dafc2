"""Worker: one database, in its own process (Django settings can only be configured once per process)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time
from datetime import date

from .common import AGENCY_SLUG, RESULT_MARK, TARGET_P95_MS, log
from .database import (
    analyze,
    count_rows,
    create_database,
    database_exists,
    db_size,
    db_version,
    drop_database,
    random_person_ids,
    remove_var_dir,
)
from .diagnose import diagnose, profile
from .fixtures import Fixtures
from .load import Loader
from .measure import Opener, wait_for_quiet
from .report import summarize


def run_worker(args: argparse.Namespace) -> int:
    db = args.worker
    reuse = args.reuse and database_exists(db, args)
    if not reuse:
        log(f"creating a fresh {db} database")
        create_database(db, args)
    try:
        import django

        django.setup()
        result = bench(db, args, reuse)
        print(RESULT_MARK + json.dumps(result), flush=True)
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # cleanup must not hide the real error
            pass
        if not args.keep:
            log(f"removing the {db} bench database (use --keep to keep it)")
            drop_database(db, args)
            remove_var_dir()
    return 0


def bench(db: str, args: argparse.Namespace, reuse: bool) -> dict:
    from django.core.management import call_command
    from django.db import connection

    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"migrate: {time.perf_counter() - t:.1f} s ({connection.vendor} {db_version()})")

    from kurzweg.core.models import Agency

    rng = random.Random(args.seed)
    sample_rng = random.Random(args.seed + 1)
    n_open = args.warmup + args.samples
    load_seconds = rows_per_second = analyze_seconds = None
    loaded: dict[str, int] = {}
    if reuse and Agency.objects.filter(slug=AGENCY_SLUG).exists():
        fx = Fixtures.existing()
        persons = count_rows("people_person")
        log(f"reusing the kept database: {persons:,} persons")
        sample_ids = random_person_ids(n_open)
    else:
        fx = Fixtures.create()
        persons = args.persons
        loader = Loader(fx, rng, sqlite=db == "sqlite")
        positions = pick_positions(sample_rng, persons, n_open)
        t = time.perf_counter()
        sample_ids, loaded = loader.load(persons, args.chunk, positions)
        load_seconds = time.perf_counter() - t
        rows_per_second = sum(loaded.values()) / load_seconds
        log(
            f"loaded {sum(loaded.values()):,} rows in {load_seconds:.1f} s = {rows_per_second:,.0f} rows/s "
            f"({persons / load_seconds:,.0f} persons/s): " + ", ".join(f"{k} {v:,}" for k, v in loaded.items())
        )
        t = time.perf_counter()
        analyze(db)
        analyze_seconds = time.perf_counter() - t
        log(f"analyze: {analyze_seconds:.1f} s; database size {db_size(db) / 2**20:,.0f} MiB")

    if args.max_load is not None:
        wait_for_quiet(args.max_load, args.max_wait)
    opener = Opener(fx, args.mode, sample_rng)
    log(f"mode: {opener.mode} ({opener.describe()})")
    for pid in sample_ids[: args.warmup]:
        opener.open(pid)
    timings = []
    load_before = os.getloadavg()[0]
    cpu = time.process_time()
    for pid in sample_ids[args.warmup :]:
        timings.append(opener.open(pid))
    cpu = time.process_time() - cpu
    load_after = os.getloadavg()[0]
    stats = summarize(timings)
    stats["client_cpu_ms_mean"] = cpu * 1000 / len(timings)
    log(
        f"{len(timings)} openings: p50 {stats['p50_ms']:.1f} ms, p95 {stats['p95_ms']:.1f} ms, "
        f"p99 {stats['p99_ms']:.1f} ms, mean {stats['mean_ms']:.1f} ms, max {stats['max_ms']:.1f} ms; "
        f"Django process CPU {stats['client_cpu_ms_mean']:.1f} ms per opening; "
        f"load average {load_before:.1f} -> {load_after:.1f} ({os.cpu_count()} cores)"
    )

    diag = diagnose(opener, sample_ids, db)
    if args.profile:
        profile(opener, sample_ids, db)

    return {
        "database": db,
        "db_version": db_version(),
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "persons": persons,
        "rows_loaded": loaded,
        "load_seconds": load_seconds,
        "rows_per_second": rows_per_second,
        "persons_per_second": persons / load_seconds if load_seconds else None,
        "analyze_seconds": analyze_seconds,
        "db_size_mib": round(db_size(db) / 2**20, 1),
        "mode": opener.mode,
        "samples": len(timings),
        "warmup": args.warmup,
        **stats,
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": stats["p95_ms"] <= TARGET_P95_MS,
        **diag,
    }


def pick_positions(rng: random.Random, n: int, k: int) -> list[int]:
    """Positions (load order) of the persons to open, uniformly at random, in random order."""
    if k <= n:
        return rng.sample(range(n), k)
    return [rng.randrange(n) for _ in range(k)]
