"""Creating, dropping and inspecting the bench database (SQLite file or PostgreSQL database)."""

from __future__ import annotations

import argparse
import os
import uuid
from pathlib import Path
from urllib.parse import urlparse

from .common import OUT_DIR


def pg_admin_connect(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(url, dbname="postgres", autocommit=True)


def pg_dbname(url: str) -> str:
    name = urlparse(url).path.lstrip("/")
    if "bench" not in name:
        # This script drops the database: never let a typo point it at real data.
        raise SystemExit(f"refusing to use PostgreSQL database {name!r}: its name must contain 'bench'")
    return name


def database_exists(db: str, args: argparse.Namespace) -> bool:
    if db == "sqlite":
        return sqlite_path().exists()
    with pg_admin_connect(args.pg_url) as conn:
        row = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [pg_dbname(args.pg_url)]).fetchone()
        return row is not None


def sqlite_path() -> Path:
    import dj_database_url

    return Path(dj_database_url.parse(os.environ["DATABASE_URL"])["NAME"])


def drop_database(db: str, args: argparse.Namespace) -> None:
    if db == "sqlite":
        path = sqlite_path()
        for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            p.unlink(missing_ok=True)
    else:
        name = pg_dbname(args.pg_url)
        with pg_admin_connect(args.pg_url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def remove_var_dir() -> None:
    var_dir = Path(os.environ["KURZWEG_VAR_DIR"])
    if var_dir.is_relative_to(OUT_DIR) and var_dir.is_dir() and not any(var_dir.iterdir()):
        var_dir.rmdir()


def create_database(db: str, args: argparse.Namespace) -> None:
    drop_database(db, args)
    if db == "postgres":
        name = pg_dbname(args.pg_url)
        with pg_admin_connect(args.pg_url) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')


def db_version() -> str:
    from django.db import connection

    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("select sqlite_version()")
            return "SQLite " + cur.fetchone()[0]
        cur.execute("show server_version")
        return "PostgreSQL " + cur.fetchone()[0].split()[0]


def count_rows(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(f"SELECT count(*) FROM {table}")
        return cur.fetchone()[0]


def db_size(db: str) -> int:
    from django.db import connection

    if db == "sqlite":
        path = sqlite_path()
        return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    with connection.cursor() as cur:
        cur.execute("SELECT pg_database_size(current_database())")
        return cur.fetchone()[0]


def analyze(db: str) -> None:
    from django.db import connection

    with connection.cursor() as cur:
        if db == "sqlite":
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cur.execute("ANALYZE")
        else:
            # VACUUM also sets the visibility map and hint bits, as autovacuum would have by now.
            cur.execute("VACUUM (ANALYZE)")


def random_person_ids(k: int) -> list[str]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SELECT id FROM people_person ORDER BY random() LIMIT %s", [k])
        ids = [str(uuid.UUID(str(r[0]))) for r in cur.fetchall()]
    while len(ids) < k:
        ids += ids[: k - len(ids)]
    return ids
