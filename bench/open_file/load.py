"""Bulk load of the generated rows, chunk by chunk, into the empty tables: without foreign key
checks and without secondary indexes, which are rebuilt afterwards. What differs between the
databases is in load_sqlite.py (executemany) and load_postgres.py (COPY)."""

from __future__ import annotations

import json
import random
import time

from . import load_postgres, load_sqlite
from .common import log
from .fixtures import Fixtures
from .generate import Generator


class Loader:
    """Generates persons and their rows chunk by chunk and bulk-loads them: COPY on PostgreSQL,
    executemany in big transactions on SQLite."""

    def __init__(self, fx: Fixtures, rng: random.Random, *, sqlite: bool) -> None:
        self.generator = Generator(fx, rng, sqlite=sqlite)
        self.backend = load_sqlite if sqlite else load_postgres

    def load(self, n: int, chunk: int, positions: list[int]) -> tuple[list[str], dict[str, int]]:
        from django.db import connection, transaction

        backend = self.backend
        tables = table_specs()
        for spec in tables.values():
            spec.prepare(connection)
            if spec.extra:
                log(
                    f"{spec.table}: columns this benchmark does not know, filled with their defaults: "
                    + ", ".join(c for c, _ in spec.extra)
                )
        want = {pos: i for i, pos in enumerate(positions)}
        sample_ids: list[str | None] = [None] * len(positions)
        counts = {spec.table: 0 for spec in tables.values()}
        connection.ensure_connection()
        raw = connection.connection
        started = time.perf_counter()
        # The tables are empty: load without foreign key checks (the rows are consistent by
        # construction) and without secondary indexes, which are rebuilt from their saved
        # definitions afterwards (sorting once is far faster than 4 million random inserts).
        backend.begin_load(raw)
        indexes = secondary_indexes(raw, [spec.table for spec in tables.values()], backend)
        for name, _sql in indexes:
            raw.execute(f'DROP INDEX "{name}"')
        done = 0
        while done < n:
            size = min(chunk, n - done)
            rows = self.generator.generate(done, size, want, sample_ids)
            with transaction.atomic():
                for key, spec in tables.items():
                    if rows[key]:
                        spec.write(raw, rows[key], backend)
                        counts[spec.table] += len(rows[key])
            done += size
            if done % 100_000 == 0 or done == n:
                elapsed = time.perf_counter() - started
                log(
                    f"  {done:>9,} persons, {sum(counts.values()):>10,} rows, {elapsed:6.1f} s, "
                    f"{done / elapsed:,.0f} persons/s"
                )
        t = time.perf_counter()
        backend.before_index_rebuild(raw)
        for _name, sql in indexes:
            raw.execute(sql)
        log(f"rebuilt {len(indexes)} secondary indexes in {time.perf_counter() - t:.1f} s")
        rebuilt = secondary_indexes(raw, [spec.table for spec in tables.values()], backend)
        assert sorted(rebuilt) == sorted(indexes), "the indexes after the load differ from those before"
        backend.end_load(raw)
        assert all(s is not None for s in sample_ids)
        return [str(s) for s in sample_ids], counts


def table_specs() -> dict[str, TableSpec]:
    """The tables in load order (parents first), keyed like the row lists of Generator.generate."""
    from kurzweg.core.models import AuditEntry
    from kurzweg.people.models import AlternativeName, Consent, Household, Nationality, Person, SectionEntry

    return {
        "household": TableSpec(Household, ["id", "agency_id", "created_at"]),
        "person": TableSpec(Person, PERSON_COLUMNS),
        "nationality": TableSpec(Nationality, ["person_id", "code"]),
        "alternativename": TableSpec(AlternativeName, ["person_id", "given_names", "family_name", "note"]),
        "sectionentry": TableSpec(
            SectionEntry,
            [
                "agency_id",
                "person_id",
                "office_id",
                "title",
                "text",
                "special_category",
                "created_at",
                "created_by_id",
            ],
        ),
        "consent": TableSpec(
            Consent,
            [
                "agency_id",
                "person_id",
                "section_office_id",
                "recipient_office_id",
                "covers_special_categories",
                "form",
                "given_at",
                "recorded_by_id",
                "withdrawn_at",
                "withdrawal_recorded_by_id",
            ],
        ),
        "auditentry": TableSpec(
            AuditEntry,
            [
                "agency_id",
                "at",
                "actor_id",
                "person_id",
                "action",
                "section_office_id",
                "acting_office_id",
                "reason",
                "object_type",
                "object_id",
                "fields",
            ],
        ),
    }


def secondary_indexes(raw, tables: list[str], backend) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(name, CREATE INDEX statement) of the plain indexes of the tables; primary keys, unique
    constraints and unique indexes stay."""
    rows = backend.index_definitions(raw, tables)
    return [(name, sql) for name, sql in rows if not sql.upper().startswith("CREATE UNIQUE")]


PERSON_COLUMNS = [
    "id",
    "agency_id",
    "given_names",
    "family_name",
    "given_names_original",
    "family_name_original",
    "birth_year",
    "birth_month",
    "birth_day",
    "sex",
    "place_of_birth",
    "country_of_birth",
    "phone",
    "email",
    "street",
    "postcode",
    "city",
    "household_id",
    "household_relation",
    "name_index",
    "created_at",
    "updated_at",
    "created_by_id",
]


class TableSpec:
    """Column list for one table: the generated columns, plus any column added to the model since
    this benchmark was written, filled with the field's default (so new fields don't break the load)."""

    def __init__(self, model, columns: list[str]) -> None:  # type: ignore[no-untyped-def]
        self.model = model
        self.table = model._meta.db_table
        self.columns = columns
        self.extra: list[tuple[str, object]] = []

    def prepare(self, connection) -> None:  # type: ignore[no-untyped-def]
        known = set(self.columns)
        for f in self.model._meta.concrete_fields:
            if f.column in known or (f.primary_key and f.get_internal_type() in ("AutoField", "BigAutoField")):
                continue
            if f.unique and not (f.null and f.get_default() is None):  # one default for all rows would collide
                raise SystemExit(f"{self.table}.{f.column} is unique with a default: teach the benchmark to fill it")
            value = f.get_db_prep_save(f.get_default(), connection)
            if hasattr(value, "obj"):  # psycopg Jsonb and similar wrappers
                value = json.dumps(value.obj)
            self.extra.append((f.column, value))
        missing = known - {f.column for f in self.model._meta.concrete_fields}
        if missing:
            raise SystemExit(f"{self.table}: the model no longer has columns {sorted(missing)}; update the benchmark")
        self.all_columns = self.columns + [c for c, _ in self.extra]
        self.extra_values = tuple(v for _, v in self.extra)

    def write(self, raw, rows: list[tuple], backend) -> None:  # type: ignore[no-untyped-def]
        if self.extra_values:
            rows = [r + self.extra_values for r in rows]
        backend.write_rows(raw, self.table, self.all_columns, rows)
