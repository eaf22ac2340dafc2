"""kurzweg import-persons FILE.csv: move an agency's old person records in.

Columns: external_id,given_names,family_name,birth_date,sex,nationality,birth_place
(birth_date YYYY-MM-DD, YYYY or empty; nationality ISO 3166 alpha-3, XXA stateless, XXX unknown).
Every row is either imported or rejected with its line number and reason; rejects go to
FILE.rejects.csv (or --rejects) with the original columns, so they can be fixed and imported
again. Rows are written in batches, each its own transaction: an interrupted import is resumed by
running it again (rows already imported are then rejected as "already in the agency").
"""

from __future__ import annotations

import csv
import datetime
import re
import resource
import sys
import time
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
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


class Importer:
    def __init__(self, agency: Agency, *, batch_size: int) -> None:
        self.agency = agency
        self.batch_size = batch_size
        self.known_ids = set(
            Person.objects.filter(agency=agency).exclude(external_id="").values_list("external_id", flat=True)
        )
        self.seen_on_line: dict[str, int] = {}
        self.batch: list[tuple[Person, str, Record]] = []
        self.imported = 0
        self.keys_written = 0
        self.now = timezone.now()
        self.sqlite = connection.vendor == "sqlite"

    def check(self, line: int, values: dict[str, str]) -> tuple[Person, str, Record]:
        problems = []

        def bad(column: str, message: str) -> None:
            problems.append(f"{column}: {message}")

        external_id = values["external_id"].strip()
        given = " ".join(values["given_names"].split())
        family = " ".join(values["family_name"].split())
        place = " ".join(values["birth_place"].split())
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
        if nationality and not is_valid_nationality(nationality):
            bad("nationality", f"{values['nationality']!r} is not an ISO 3166 alpha-3 code, XXA or XXX")
        if problems:
            raise RowError("; ".join(problems))
        if external_id:
            self.seen_on_line[external_id] = line
        person = Person(
            id=uuid.uuid4(),
            agency_id=self.agency.pk,
            given_names=given,
            family_name=family,
            birth_year=year,
            birth_month=month,
            birth_day=day,
            sex=sex,
            place_of_birth=place,
            external_id=external_id,
            created_at=self.now,
        )
        person.refresh_name_index([])
        record = Record(
            id=str(person.pk),
            given_names=given,
            family_name=family,
            birth_year=year,
            birth_month=month,
            birth_day=day,
            sex="" if sex == "U" else sex,
            nationalities=(nationality,) if nationality else (),
            birth_place=place,
        )
        return person, nationality, record

    def add(self, item: tuple[Person, str, Record]) -> None:
        self.batch.append(item)
        if len(self.batch) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        with transaction.atomic():
            Person.objects.bulk_create([p for p, _n, _r in self.batch], batch_size=self.batch_size)
            Nationality.objects.bulk_create(
                [Nationality(person_id=p.pk, code=n) for p, n, _r in self.batch if n], batch_size=self.batch_size
            )
            self.keys_written += insert_keys(self.agency.pk, [r for _p, _n, r in self.batch], sqlite=self.sqlite)
        self.imported += len(self.batch)
        self.batch = []


def insert_keys(agency_id: int, records: list[Record], *, sqlite: bool) -> int:
    """The engine's keys of new persons, written with executemany (SQLite) or COPY (PostgreSQL):
    a million persons have millions of keys, too many for model instances."""
    table = PersonKey._meta.db_table
    rows: list[tuple] = []
    for record in records:
        pid = uuid.UUID(record.id)
        db_pid = pid.hex if sqlite else pid
        rows.extend((agency_id, db_pid, key) for key in matching_store.keys_of(record))
    with connection.cursor() as cursor:
        if sqlite:
            sql = f'INSERT INTO "{table}" ("agency_id", "person_id", "key") VALUES (%s, %s, %s)'  # noqa: S608
            cursor.executemany(sql, rows)
        else:
            with cursor.cursor.copy(f'COPY "{table}" ("agency_id", "person_id", "key") FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
    return len(rows)


class Command(BaseCommand):
    help = "Import persons from a CSV file (also: kurzweg import-persons)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file", type=Path)
        parser.add_argument("--agency", help="slug of the agency (default: the only one)")
        parser.add_argument("--rejects", type=Path, help="where to write rejected rows (default: FILE.rejects.csv)")
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument("--show-rejects", type=int, default=50, help="rejected rows printed (default 50)")
        parser.add_argument("--no-progress", action="store_true")

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
        with (
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
        out.write(f"time:          {seconds:,.1f} s ({rows / seconds if seconds else 0:,.0f} rows/s)")
        out.write(f"memory used:   {memory_used()} peak")
        assert importer.imported + rejected == rows, "every row is imported or rejected"
