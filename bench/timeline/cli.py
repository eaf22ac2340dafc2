"""Command line: load (or reuse) the database, make the busy persons, render, print the figures."""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time

from .common import DEFAULT_PG_URL, KEPT, READER, TARGET_P95_MS, VAR_DIR, VISIBLE_OFFICES

FIRST = "first page (the newest entries)"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.timeline", description=__doc__)
    p.add_argument("--persons", type=int, default=1_000_000, help="persons to load (default 1,000,000)")
    p.add_argument("--entries", type=int, default=500, help="entries of the busy person (default 500)")
    p.add_argument("--few", type=int, default=50, help="entries of the second person, for the query count (50)")
    p.add_argument("--renders", type=int, default=300, help="renders measured per view (default 300)")
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--background", type=float, default=0.2, help="share of persons with cases and visits (0.2)")
    p.add_argument(
        "--pg-url", default=DEFAULT_PG_URL, help="PostgreSQL database to DROP and CREATE ('bench' in its name)"
    )
    p.add_argument("--keep", action="store_true", help="keep the database afterwards")
    p.add_argument("--reuse", action="store_true", help="measure again on a database kept with --keep")
    p.add_argument("--profile", action="store_true", help="then profile 100 renders with pyinstrument")
    p.add_argument("--seed", type=int, default=20261121)
    p.add_argument("--chunk", type=int, default=20_000, help="persons per load transaction")
    p.add_argument("--json", action="store_true", help="also print the figures as JSON")
    p.add_argument("--max-load", type=float, default=None, metavar="L", help="wait for a 1-minute load average <= L")
    p.add_argument("--max-wait", type=float, default=900.0, metavar="S", help="... but no longer than S seconds")
    return p.parse_args(argv)


def configure(args: argparse.Namespace) -> None:
    """Settings come from the environment and can be set once per process: before Django starts."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kurzweg.settings",
        KURZWEG_ENV="development",
        KURZWEG_VAR_DIR=str(VAR_DIR),
        DEBUG="0",  # with DEBUG on, Django keeps every query in memory
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        DATABASE_URL=args.pg_url,
    )


def log(msg: str) -> None:
    from bench.open_file.common import log as shared

    shared(msg)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    configure(args)
    from bench.open_file.database import create_database, database_exists, drop_database

    reuse = args.reuse and database_exists("postgres", args) and KEPT.exists()
    if not reuse:
        log("creating a fresh PostgreSQL database")
        create_database("postgres", args)
    import django

    django.setup()
    try:
        result = run(args, reuse)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            log("dropping the bench database (use --keep to keep it)")
            drop_database("postgres", args)
            KEPT.unlink(missing_ok=True)
    print_result(result)
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    return 0


def run(args: argparse.Namespace, reuse: bool) -> dict:
    from django.core.management import call_command

    from bench.open_file.database import analyze, count_rows, db_size, db_version, random_person_ids
    from bench.open_file.fixtures import Fixtures
    from bench.open_file.load import Loader

    from .background import load_background
    from .busy import House, make_busy_person
    from .measure import Renderer

    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(args.seed)
    loaded: dict[str, int] = {}
    load_seconds = None
    if reuse:
        kept = json.loads(KEPT.read_text())
        busy, few = kept["busy"], kept["few"]
        house = House.load()
        log(f"reusing the kept database: {count_rows('people_person'):,} persons")
    else:
        t = time.perf_counter()
        fx = Fixtures.create()
        _, loaded = Loader(fx, rng, sqlite=False).load(args.persons, args.chunk, [])
        house = House.load()
        busy, few = random_person_ids(2)
        loaded |= load_background(house, args.persons, args.background, rng, exclude={busy, few})
        make_busy_person(house, busy, args.entries, rng)
        make_busy_person(house, few, args.few, rng)
        analyze("postgres")
        load_seconds = time.perf_counter() - t
        KEPT.write_text(json.dumps({"busy": busy, "few": few}))
        size = db_size("postgres") / 2**20
        log(f"loaded {sum(loaded.values()):,} rows in {load_seconds:.1f} s; database {size:,.0f} MiB")

    check_visibility(house, busy, args.entries)
    renderer = Renderer(house.reader)
    from kurzweg.cases.timeline import PAGE_SIZE

    views = {
        FIRST: {},
        "last page": {"page": str(-(-args.entries // PAGE_SIZE))},
        "filtered: notes and visits of the Jobcenter": {"office": "jobcenter", "type": ["note", "visit"]},
    }
    if args.max_load is not None:  # the machine is shared: other work shows up in the percentiles
        from bench.open_file.measure import wait_for_quiet

        wait_for_quiet(args.max_load, args.max_wait)
    figures = {}
    load_before = os.getloadavg()[0]
    for name, params in views.items():
        figures[name] = renderer.time(busy, params, args.renders, args.warmup)
        f = figures[name]
        log(
            f"{name}: p50 {f['p50_ms']:.1f} ms, p95 {f['p95_ms']:.1f} ms, p99 {f['p99_ms']:.1f} ms "
            f"({args.renders} renders; Django CPU {f['django_cpu_ms']:.1f} ms per render)"
        )
    load_after = os.getloadavg()[0]
    queries = {}
    for label, pid in ((f"{args.few} entries", few), (f"{args.entries} entries", busy)):
        renderer.get(pid)  # the first render of a person may write the session
        queries[label] = renderer.queries(pid)
    if args.profile:
        profile(renderer, busy)
    first = figures[FIRST]
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "database": db_version(),
        "persons": count_rows("people_person"),
        "rows_loaded": loaded,
        "load_seconds": load_seconds,
        "entries": args.entries,
        "page_size": PAGE_SIZE,
        "offices": len(VISIBLE_OFFICES),
        "reader": READER,
        "figures": figures,
        "queries": queries,
        "load_average": [round(load_before, 2), round(load_after, 2)],
        "target_p95_ms": TARGET_P95_MS,
        "meets_target": first["p95_ms"] <= TARGET_P95_MS,
        "queries_constant": len({q[0] for q in queries.values()}) == 1,
    }


def check_visibility(house, person_id: str, entries: int) -> None:  # type: ignore[no-untyped-def]
    """The reader sees exactly the busy person's `entries` entries, of the 8 offices, and not the
    Jugendamt's: otherwise the figures would be about something else."""
    from kurzweg.cases.timeline import timeline
    from kurzweg.people.models import Person

    person = Person.objects.get(pk=person_id)
    with_all = timeline(house.reader, person, page_size=entries + 1000)
    offices = {e.office.code for e in with_all.entries}
    if len(with_all.entries) != entries or offices != set(VISIBLE_OFFICES):
        raise SystemExit(f"the reader sees {len(with_all.entries)} entries of {sorted(offices)}, expected {entries}")
    log(
        f"the reader sees {entries} entries of {len(offices)} offices, kinds: "
        + ", ".join(sorted({e.kind for e in with_all.entries}))
    )


def profile(renderer, person_id: str) -> None:  # type: ignore[no-untyped-def]
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(100):
        renderer.get(person_id)
    profiler.stop()
    out = VAR_DIR.parent / "profile-timeline.html"
    out.write_text(profiler.output_html())
    log(f"profile of 100 renders: {out}")
    print(profiler.output_text(unicode=True, color=False, show_all=False)[:20000])


def print_result(r: dict) -> None:
    print()
    print(
        f"Timeline of a person with {r['entries']} entries across {r['offices']} offices; {r['persons']:,} persons "
        f"on file; {r['database']}; {r['machine']}; load average {r['load_average'][0]} -> {r['load_average'][1]}"
    )
    print(f"{r['page_size']} entries per page")
    print(f"{'view':48} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'renders':>8}")
    for name, f in r["figures"].items():
        print(f"{name:48} {f['p50_ms']:8.1f} {f['p95_ms']:8.1f} {f['p99_ms']:8.1f} {f['renders']:8}")
    for label, (n, shown, older) in r["queries"].items():
        print(f"queries for a person with {label}: {n} ({shown} entries on the page{', more pages' if older else ''})")
    verdict = "met" if r["meets_target"] else "NOT met"
    print(
        f"target p95 <= {r['target_p95_ms']:g} ms (first page): {verdict}; "
        f"queries independent of the entries: {'yes' if r['queries_constant'] else 'NO'}"
    )
    sys.stdout.flush()
