"""Benchmark: how long does opening a person's file take with a million persons on file?

Loads N persons (with nationalities, other spellings, office section entries, consents and one
CREATE audit entry each) into a fresh SQLite and/or PostgreSQL database, then opens 1,000 random
files the way a signed-in caseworker does and prints p50/p95/p99/mean, including the audit write.

    .venv/bin/python -m bench.open_file [--persons 1000000] [--samples 1000] [--db sqlite|postgres|both]
                                        [--pg-url postgres://postgres@127.0.0.1:5432/kurzweg_bench]
                                        [--json] [--keep] [--reuse] [--profile] [--mode auto|page|direct]

Each database run is a fresh subprocess (`-m bench.open_file --worker <db>`), because Django
settings can only be configured once per process. See bench/README.md for what is measured and
the figures.

    cli.py          options, the parent process and its worker subprocesses
    worker.py       one database: create, migrate, load, measure, diagnose, clean up
    database.py     creating, dropping and inspecting the bench database
    fixtures.py     agency, staff, legal bases, consent pairs
    data.py         name pools, towns, spelling variants, weights
    sections.py     office section titles and texts
    generate.py     synthetic persons and their rows
    load.py         bulk load (load_sqlite.py: executemany, load_postgres.py: COPY)
    measure.py      opening a file (page or direct)
    diagnose.py     per-query timings, query plans, profile
    report.py       percentiles and the final table
"""

# bench/search_1m.py imports these as `from open_file import ...` (with bench/ on sys.path).
from .data import _cumulative, build_name_pools, vary_spelling
from .database import create_database, drop_database, pg_dbname

__all__ = ["_cumulative", "build_name_pools", "create_database", "drop_database", "pg_dbname", "vary_spelling"]
