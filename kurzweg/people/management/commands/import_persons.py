"""kurzweg import-persons FILE.csv: move an agency's old person records in.

Columns: external_id,given_names,family_name,birth_date,sex,nationality,birth_place
(birth_date YYYY-MM-DD, YYYY or empty; nationality ISO 3166 alpha-3, XXA stateless, XXX unknown).
Every row is either imported or rejected with its line number and reason; rejects go to
FILE.rejects.csv (or --rejects) with the original columns, so they can be fixed and imported
again. Rows are written in batches, each its own transaction: an interrupted import is resumed by
running it again (rows already imported are then rejected as "already in the agency").
Imported persons get time-ordered ids (OrderedIds), and on SQLite an import at least as large as
the registry builds the key lookup index at the end (--key-index, bulk_load_settings).
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import functools
import os
import re
import resource
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Index
from django.utils import timezone
from tqdm import tqdm

from kurzweg.core.models import Agency, AuditEntry
from kurzweg.people import matching_store
from kurzweg.people.countries import is_valid_nationality
from kurzweg.people.matching.records import Record
from kurzweg.people.models import Nationality, Person, PersonKey

COLUMNS = ["external_id", "given_names", "family_name", "birth_date", "sex", "nationality", "birth_place"]
# Columns a rejects file adds; ignored when it is imported again after fixing.
REJECT_COLUMNS = ["line", "reason"]
SEXES = {"": "U", "F": "F", "M": "M", "X": "X", "D": "X", "U": "U"}
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_BAD_BYTES = re.compile("[\udc80-\udcff]")
MIN_YEAR = 1880
# Every column of a person row (written without model instances, see Importer).
PERSON_FIELDS = list(Person._meta.concrete_fields)


def resolve_agency(slug: str | None) -> Agency:
    """The agency named by --agency, or the only one there is."""
    if slug:
        try:
            return Agency.objects.get(slug=slug)
        except Agency.DoesNotExist:
            raise CommandError(f"There is no agency {slug!r}.") from None
    agencies = list(Agency.objects.all()[:2])
    if not agencies:
        raise CommandError("There is no agency yet: create one with `kurzweg create_agency`.")
    if len(agencies) > 1:
        raise CommandError("There are several agencies: name one with --agency SLUG.")
    return agencies[0]


def memory_used() -> str:
    """Peak resident memory of this process (ru_maxrss is KiB on Linux)."""
    return f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB"


def parse_birth_date(text: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) from YYYY-MM-DD, YYYY or empty; ValueError with the reason otherwise."""
    text = text.strip()
    if not text:
        return None, None, None
    today = datetime.date.today()
    if match := _FULL_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
        try:
            date = datetime.date(year, month, day)
        except ValueError:
            raise ValueError("is not a date") from None
        if date > today:
            raise ValueError("lies in the future")
        if year < MIN_YEAR:
            raise ValueError(f"is before {MIN_YEAR}")
        return year, month, day
    if match := _YEAR.match(text):
        year = int(match.group(1))
        if not MIN_YEAR <= year <= today.year:
            raise ValueError(f"is not a year between {MIN_YEAR} and {today.year}")
        return year, None, None
    raise ValueError("is not in the form YYYY-MM-DD or YYYY")


class RowError(Exception):
    pass


class OrderedIds:
    """Time-ordered UUIDs (version 7, RFC 9562) for imported persons: 48 bits of milliseconds, a
    12-bit counter within the millisecond, 62 random bits. Random version-4 ids land all over
    every index on the person id (the person table's key, nationalities, the million key rows'
    uniqueness index), so each batch of a large import rewrites pages everywhere; ordered ids are
    appended at the end. They stay as unguessable as access needs (62 random bits) and are
    ordinary UUIDs to everything else."""

    def __init__(self) -> None:
        self.last_ms = 0
        self.counter = 0

    def __call__(self) -> uuid.UUID:
        ms = time.time_ns() // 1_000_000
        if ms <= self.last_ms:
            self.counter += 1
            if self.counter > 0xFFF:  # 4,096 ids in one millisecond: borrow the next one
                self.last_ms += 1
                self.counter = 0
            ms = self.last_ms
        else:
            self.counter = 0
        self.last_ms = ms
        rand = int.from_bytes(os.urandom(8)) & ((1 << 62) - 1)
        return uuid.UUID(int=(ms << 80) | (0x7 << 76) | (self.counter << 64) | (0b10 << 62) | rand)


class Importer:
    def __init__(self, agency: Agency, *, batch_size: int) -> None:
        self.agency = agency
        self.batch_size = batch_size
        self.known_ids = set(
            Person.objects.filter(agency=agency).exclude(external_id="").values_list("external_id", flat=True)
        )
        self.seen_on_line: dict[str, int] = {}
        self.batch: list[tuple[list, str, Record]] = []
        self.imported = 0
        self.keys_written = 0
        self.now = timezone.now()
        self.sqlite = connection.vendor == "sqlite"
        self.new_id = OrderedIds()
        # A file has a few dozen nationalities; pycountry's lookup per row was a tenth of check().
        self.valid_nationality = functools.lru_cache(maxsize=1024)(is_valid_nationality)
        # Person rows are written as plain value lists (see write_rows), not model instances: at
        # a million rows, building and saving instances cost more than everything else. The
        # template holds every column's database value for a new person of the agency (the
        # model's defaults); check() fills in the columns the file has.
        self.person_columns = [str(f.column) for f in PERSON_FIELDS]
        template = Person(agency_id=agency.pk, created_at=self.now, updated_at=self.now)
        self.template = [f.get_db_prep_save(getattr(template, f.attname), connection) for f in PERSON_FIELDS]
        self.position = {f.attname: i for i, f in enumerate(PERSON_FIELDS)}

    def check(self, line: int, values: dict[str, str]) -> tuple[list, str, Record]:
        problems = []

        def bad(column: str, message: str) -> None:
            problems.append(f"{column}: {message}")

        external_id = values["external_id"].strip()
        given = " ".join(values["given_names"].split())
        family = " ".join(values["family_name"].split())
        place = " ".join(values["birth_place"].split())
        if _BAD_BYTES.search("".join(values.values())):  # rare: then find the columns
            for column, value in values.items():
                if _BAD_BYTES.search(value):
                    bad(column, "is not valid UTF-8")
        if len(external_id) > 64:
            bad("external_id", f"is longer than 64 characters ({len(external_id)})")
        elif external_id in self.known_ids:
            bad("external_id", f"{external_id!r} is already in the agency")
        elif external_id in self.seen_on_line:
            bad("external_id", f"{external_id!r} appears already on line {self.seen_on_line[external_id]}")
        if not (given or family):
            bad("given_names/family_name", "both are empty: a person needs at least one name")
        for column, value in (("given_names", given), ("family_name", family), ("birth_place", place)):
            if len(value) > 200:
                bad(column, f"is longer than 200 characters ({len(value)})")
        year = month = day = None
        try:
            year, month, day = parse_birth_date(values["birth_date"])
        except ValueError as error:
            bad("birth_date", f"{values['birth_date']!r} {error}")
        sex = SEXES.get(values["sex"].strip().upper(), "")
        if values["sex"].strip().upper() not in SEXES:
            bad("sex", f"{values['sex']!r} is not one of F, M, X, U or empty")
        nationality = values["nationality"].strip().upper()
        if nationality and not self.valid_nationality(nationality):
            bad("nationality", f"{values['nationality']!r} is not an ISO 3166 alpha-3 code, XXA or XXX")
        if problems:
            raise RowError("; ".join(problems))
        if external_id:
            self.seen_on_line[external_id] = line
        pk = self.new_id()
        person = SimpleNamespace(
            pk=pk,
            given_names=given,
            family_name=family,
            given_names_original="",
            family_name_original="",
        )
        Person.refresh_name_index(person, [])  # type: ignore[arg-type]  # the same index as a saved person's
        row = list(self.template)
        at = self.position
        row[at["id"]] = pk.hex if self.sqlite else pk  # how Django stores a UUID on each database
        row[at["given_names"]], row[at["family_name"]] = given, family
        row[at["birth_year"]], row[at["birth_month"]], row[at["birth_day"]] = year, month, day
        row[at["sex"]], row[at["place_of_birth"]] = sex, place
        row[at["external_id"]], row[at["name_index"]] = external_id, person.name_index
        record = Record(
            id=str(pk),
            given_names=given,
            family_name=family,
            birth_year=year,
            birth_month=month,
            birth_day=day,
            sex="" if sex == "U" else sex,
            nationalities=(nationality,) if nationality else (),
            birth_place=place,
        )
        return row, nationality, record

    def add(self, item: tuple[list, str, Record]) -> None:
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        id_at = self.position["id"]
        with transaction.atomic():
            write_rows(Person._meta.db_table, self.person_columns, [row for row, _n, _r in self.batch])
            write_rows(
                Nationality._meta.db_table,
                ["person_id", "code"],
                [(row[id_at], n) for row, n, _r in self.batch if n],
            )
            self.keys_written += insert_keys(self.agency.pk, [r for _p, _n, r in self.batch], sqlite=self.sqlite)
        self.imported += len(self.batch)
        self.batch = []


def insert_keys(agency_id: int, records: list[Record], *, sqlite: bool) -> int:
    """The engine's keys of new persons: a million persons have millions of keys."""
    rows: list[tuple] = []
    for record in records:
        pid = uuid.UUID(record.id)
        db_pid = pid.hex if sqlite else pid
        rows.extend((agency_id, db_pid, key) for key in matching_store.keys_of(record))
    write_rows(PersonKey._meta.db_table, ["agency_id", "person_id", "key"], rows)
    return len(rows)


def write_rows(table: str, columns: list[str], rows: list) -> None:
    """Rows of database values, written with executemany (SQLite) or COPY (PostgreSQL): many
    times faster than the ORM's bulk_create for the million rows of a migration."""
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608


@contextlib.contextmanager
def bulk_load_settings(*, defer_index: bool, timings: dict[str, float]) -> Iterator[None]:
    """SQLite: a bigger page cache while the import runs (its default, 2 MB, is far smaller than
    the key indexes of a million persons, and every batch then rereads index pages from disk),
    and, with `defer_index`, the key lookup index built once at the end instead of updated row by
    row: each batch's keys land all over that index (it is sorted by key), and at a million
    persons that was most of the import's time; sorting the 10 million keys once is much cheaper.
    The index is built again whatever happens (also on an error or Ctrl-C), and every import
    builds the key indexes of the model that are missing, so an import killed outright is
    repaired by the next one. Meanwhile, searches scan the key table."""
    sqlite = connection.vendor == "sqlite"
    before = None
    try:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size")
                before = cursor.fetchone()[0]
                cursor.execute("PRAGMA cache_size = -262144")  # KiB: 256 MiB
        if defer_index:
            for index in present_key_indexes():
                run_index_sql(index, create=False)
        yield
    finally:
        started = time.perf_counter()
        build_missing_key_indexes()
        timings["index_s"] = time.perf_counter() - started
        if before is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {int(before)}")


def present_key_indexes() -> list:
    with connection.cursor() as cursor:
        names = set(connection.introspection.get_constraints(cursor, PersonKey._meta.db_table))
    return [index for index in PersonKey._meta.indexes if index.name in names]


def build_missing_key_indexes() -> None:
    present = {index.name for index in present_key_indexes()}
    missing = [index for index in PersonKey._meta.indexes if index.name not in present]
    for index in missing:
        run_index_sql(index, create=True)


def index_sql(index: Index, *, create: bool) -> str:
    # Written out rather than through the schema editor, which SQLite refuses inside a transaction
    # (it turns foreign key checks off); the key table's indexes are plain column lists.
    name = connection.ops.quote_name(index.name)
    if not create:
        return f"DROP INDEX {name}"
    assert not (index.condition or index.expressions or index.include), "a plain index"
    table = connection.ops.quote_name(PersonKey._meta.db_table)
    column = {f.name: str(f.column) for f in PersonKey._meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(column[f]) for f in index.fields)
    return f"CREATE INDEX {name} ON {table} ({columns})"


def run_index_sql(index: Index, *, create: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute(index_sql(index, create=create))


def should_defer_index(option: str, rows_in_file: int) -> bool:
    """Whether to build the key index at the end (SQLite only). `auto`: when the file brings at
    least as many persons as the database holds already (a first migration, not a small
    addition to a registry in use, whose searches would scan the key table meanwhile)."""
    if connection.vendor != "sqlite" or option == "keep":
        return False
    return option == "defer" or rows_in_file >= Person.objects.count()


class Command(BaseCommand):
    help = "Import persons from a CSV file (also: kurzweg import-persons)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency", help="slug of the agency (default: the only one)")
        parser.add_argument("--rejects", type=Path, help="where to write rejected rows (default: FILE.rejects.csv)")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--show-rejects", type=int, default=50, help="rejected rows printed (default 50)")
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--key-index",
            choices=["auto", "defer", "keep"],
            default="auto",
            help="SQLite: build the key lookup index at the end (defer) or keep it during the import; "
            "auto defers when the file holds at least as many rows as there are persons",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        agency = resolve_agency(options["agency"])
        rejects_path = options["rejects"] or path.with_name(path.stem + ".rejects.csv")
        importer = Importer(agency, batch_size=options["batch_size"])
        with path.open("rb") as f:
            total_lines = sum(1 for _ in f)
        rejected = shown = rows = 0
        timings: dict[str, float] = {}
        defer_index = should_defer_index(options["key_index"], total_lines - 1)
        with (
            bulk_load_settings(defer_index=defer_index, timings=timings),
            path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as source,
            rejects_path.open("w", encoding="utf-8", errors="surrogateescape", newline="") as rejects_file,
            tqdm(
                total=max(total_lines - 1, 0),
                unit=" rows",
                file=sys.stderr,
                disable=options["no_progress"],
                desc="import",
                mininterval=0.5,
            ) as bar,
        ):
            reader = csv.reader(source)
            header = next(reader, None)
            if header is None:
                raise CommandError(f"{path}: the file is empty")
            header = [h.strip() for h in header]
            missing = [c for c in COLUMNS if c not in header]
            unknown = [c for c in header if c not in COLUMNS and c not in REJECT_COLUMNS]
            if missing or unknown or len(set(header)) != len(header):
                raise CommandError(
                    f"{path}: the header must name the columns {','.join(COLUMNS)}"
                    + (f"; missing: {', '.join(missing)}" if missing else "")
                    + (f"; unknown: {', '.join(unknown)}" if unknown else "")
                )
            positions = {c: header.index(c) for c in COLUMNS}
            writer = csv.writer(rejects_file)
            writer.writerow([*REJECT_COLUMNS, *COLUMNS])
            line = reader.line_num
            while True:
                try:
                    fields = next(reader)
                except StopIteration:
                    break
                except csv.Error as error:
                    fields, reason = None, f"unreadable CSV: {error}"
                line_before, line = line, reader.line_num
                bar.update(line - line_before)
                if fields is not None and not any(f.strip() for f in fields):
                    continue  # a blank line is no row
                rows += 1
                values = {}
                if fields is not None:
                    if len(fields) != len(header):
                        reason = f"the row has {len(fields)} fields, the header {len(header)}"
                    else:
                        values = {c: fields[i] for c, i in positions.items()}
                        try:
                            importer.add(importer.check(line, values))
                            continue
                        except RowError as error:
                            reason = str(error)
                rejected += 1
                row_values = [values.get(c, "") for c in COLUMNS] if values else (fields or [])[: len(COLUMNS)]
                writer.writerow([line, reason, *row_values])
                if shown < options["show_rejects"]:
                    shown += 1
                    bar.write(f"line {line}: rejected: {reason}", file=sys.stderr)
            importer.flush()
            if agency and importer.imported:
                with transaction.atomic():
                    AuditEntry.objects.create(
                        agency=agency,
                        action=AuditEntry.Action.CREATE,
                        object_type="import",
                        reason=f"import_persons:{importer.imported}",
                    )
        seconds = time.perf_counter() - started
        out = self.stdout
        out.write(f"rows read:     {rows:,}")
        out.write(f"imported:      {importer.imported:,}")
        out.write(f"rejected:      {rejected:,}" + (f" (written to {rejects_path})" if rejected else ""))
        if rejected > shown:
            out.write(f"               ({rejected - shown:,} rejects not printed; see the rejects file)")
        out.write(f"match keys:    {importer.keys_written:,}")
        if defer_index:
            out.write(f"key index:     built after the import in {timings.get('index_s', 0):,.1f} s")
        out.write(f"time:          {seconds:,.1f} s ({rows / seconds if seconds else 0:,.0f} rows/s)")
        out.write(f"memory used:   {memory_used()} peak")
        assert importer.imported + rejected == rows, "every row is imported or rejected"
