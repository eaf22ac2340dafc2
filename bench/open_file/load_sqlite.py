"""SQLite side of the bulk load: executemany in big transactions, with the safety pragmas off
while the empty database fills (a crash only loses a bench database)."""

from __future__ import annotations


def begin_load(raw) -> None:  # type: ignore[no-untyped-def]
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("PRAGMA cache_size=-262144")


def before_index_rebuild(raw) -> None:  # type: ignore[no-untyped-def]
    pass


def end_load(raw) -> None:  # type: ignore[no-untyped-def]
    # Back to what the settings use for every connection.
    raw.execute("PRAGMA synchronous=NORMAL")
    raw.execute("PRAGMA cache_size=-2000")
    raw.execute("PRAGMA foreign_keys=ON")


def index_definitions(raw, tables: list[str]) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(name, CREATE INDEX statement) of every index of the tables that has one (not the automatic ones)."""
    marks = ", ".join("?" * len(tables))
    return raw.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tables,
    ).fetchall()


def write_rows(raw, table: str, columns: list[str], rows: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    cols = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    raw.executemany(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', rows)
