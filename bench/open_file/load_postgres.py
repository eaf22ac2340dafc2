"""PostgreSQL side of the bulk load: COPY, with foreign key triggers off (session_replication_role,
superuser only) and more maintenance memory for rebuilding the indexes."""

from __future__ import annotations

from .common import log


def begin_load(raw) -> None:  # type: ignore[no-untyped-def]
    try:
        raw.execute("SET session_replication_role = replica")
    except Exception as error:  # not a superuser: keep the checks
        log(f"foreign key checks stay on during the load ({error})")


def before_index_rebuild(raw) -> None:  # type: ignore[no-untyped-def]
    raw.execute("SET maintenance_work_mem = '512MB'")


def end_load(raw) -> None:  # type: ignore[no-untyped-def]
    raw.execute("RESET maintenance_work_mem")
    raw.execute("RESET session_replication_role")


def index_definitions(raw, tables: list[str]) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(name, CREATE INDEX statement) of the indexes of the tables that do not back a constraint."""
    return raw.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema()"
        " AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [tables],
    ).fetchall()


def write_rows(raw, table: str, columns: list[str], rows: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    cols = ", ".join(f'"{c}"' for c in columns)
    with raw.cursor() as cur, cur.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
        for r in rows:
            copy.write_row(r)
