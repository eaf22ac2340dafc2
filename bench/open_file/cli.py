"""Command line and parent process: one worker subprocess per database, then the table of figures."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from .common import DEFAULT_PG_URL, DESCRIPTION, MODULE, OUT_DIR, RESULT_MARK, ROOT
from .report import print_table
from .worker import run_worker


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog=f"python -m {MODULE}", description=DESCRIPTION, formatter_class=argparse.RawTextHelpFormatter
    )
    p.add_argument("--persons", type=int, default=1_000_000, help="persons to load (default 1,000,000)")
    p.add_argument("--samples", type=int, default=1000, help="file openings measured (default 1000)")
    p.add_argument("--warmup", type=int, default=20, help="openings before measuring, not counted (default 20)")
    p.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    p.add_argument("--pg-url", default=DEFAULT_PG_URL, help="PostgreSQL database to DROP and CREATE")
    p.add_argument(
        "--mode",
        choices=["auto", "page", "direct"],
        default="auto",
        help="page: GET people:file with the test client; direct: access.open_file + read_section;\n"
        "auto (default): page if the URL exists and answers 200, else direct",
    )
    p.add_argument("--seed", type=int, default=20251121)
    p.add_argument("--chunk", type=int, default=20_000, help="persons per load transaction")
    p.add_argument("--json", action="store_true", help="also print the figures as JSON")
    p.add_argument("--keep", action="store_true", help="keep the bench databases and files afterwards")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="reuse a database kept with --keep instead of creating and loading a fresh one",
    )
    p.add_argument(
        "--profile",
        action="store_true",
        help="after measuring, profile 200 more openings with pyinstrument (bench/out/profile-<db>.html)",
    )
    p.add_argument(
        "--max-load",
        type=float,
        default=None,
        metavar="L",
        help="before measuring, wait (up to --max-wait s) until the 1-minute load average is <= L;\n"
        "the machine is shared, and other work on its cores shows up in the percentiles",
    )
    p.add_argument("--max-wait", type=float, default=1800.0, metavar="S")
    p.add_argument("--worker", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    return p.parse_args(argv)


def worker_env(db: str, args: argparse.Namespace) -> dict[str, str]:
    var_dir = OUT_DIR / db
    var_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="kurzweg.settings",
        KURZWEG_ENV="development",
        KURZWEG_VAR_DIR=str(var_dir),
        # Development settings default to DEBUG=True, which keeps every query in memory.
        DEBUG="0",
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        DATABASE_URL=f"sqlite:///{var_dir / 'kurzweg_bench.sqlite3'}" if db == "sqlite" else args.pg_url,
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        PYTHONUNBUFFERED="1",
    )
    return env


def run_parent(args: argparse.Namespace) -> int:
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    forwarded = [
        "--persons",
        str(args.persons),
        "--samples",
        str(args.samples),
        "--warmup",
        str(args.warmup),
        "--mode",
        args.mode,
        "--seed",
        str(args.seed),
        "--chunk",
        str(args.chunk),
        "--pg-url",
        args.pg_url,
    ]
    flags = {"--keep": args.keep, "--reuse": args.reuse, "--profile": args.profile}
    forwarded += [flag for flag, on in flags.items() if on]
    if args.max_load is not None:
        forwarded += ["--max-load", str(args.max_load), "--max-wait", str(args.max_wait)]
    results, failed = [], []
    for db in dbs:
        print(f"=== {db}: {args.persons:,} persons, {args.samples:,} samples ===", flush=True)
        cmd = [sys.executable, "-m", MODULE, "--worker", db, *forwarded]
        proc = subprocess.Popen(cmd, env=worker_env(db, args), stdout=subprocess.PIPE, text=True, cwd=ROOT)
        result = None
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(RESULT_MARK):
                result = json.loads(line[len(RESULT_MARK) :])
            else:
                print(line, end="", flush=True)
        if proc.wait() != 0 or result is None:
            print(f"!!! {db} run failed (exit code {proc.returncode})", flush=True)
            failed.append(db)
        else:
            results.append(result)
    if results:
        print()
        print_table(results)
    if args.json:
        print(json.dumps(results, indent=2))
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return run_worker(args)
    return run_parent(args)
