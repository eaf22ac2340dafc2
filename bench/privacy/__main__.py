"""python -m bench.privacy [--db sqlite|postgres] [--visits N] [--audit N] [--cases N]

Loads one agency with a busy person (audit entries, section entries, cases, visits, documents)
and a backlog past its retention periods, then measures the export (build + ZIP) and the
retention job (dry run, then the real run). Run under the shared lock: `flock /tmp/bench.lock`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.privacy", description=__doc__)
    p.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    p.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/kurzweg_bench_privacy")
    p.add_argument("--visits", type=int, default=200_000, help="old walk-in visits to anonymise (200,000)")
    p.add_argument("--audit", type=int, default=200_000, help="audit entries past their period (200,000)")
    p.add_argument("--cases", type=int, default=20_000, help="closed cases past their period (20,000)")
    p.add_argument("--person-audit", type=int, default=2_000, help="audit entries of the busy person (2,000)")
    p.add_argument("--exports", type=int, default=20, help="exports measured (20)")
    return p.parse_args(argv)


def configure(args: argparse.Namespace, var_dir: Path) -> None:
    url = f"sqlite:///{var_dir / 'bench.sqlite3'}" if args.db == "sqlite" else args.pg_url
    os.environ.update(
        DJANGO_SETTINGS_MODULE="kurzweg.settings",
        KURZWEG_ENV="development",
        KURZWEG_VAR_DIR=str(var_dir),
        KURZWEG_DOCUMENTS_DIR=str(var_dir / "documents"),
        DEBUG="0",
        DATABASE_URL=url,
    )


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kurzweg-bench-privacy-") as tmp:
        configure(args, Path(tmp))
        if args.db == "postgres":
            from bench.open_file.database import create_database, drop_database

            create_database("postgres", args)
        import django

        django.setup()
        try:
            from .run import run

            figures = run(args)
        finally:
            from django.db import connections

            connections.close_all()
            if args.db == "postgres":
                drop_database("postgres", args)
    for key, value in figures.items():
        print(f"{key:55} {value}")
    return 0


if __name__ == "__main__":
    with mock.patch.dict(os.environ):
        sys.exit(main())
