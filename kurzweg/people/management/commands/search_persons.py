"""kurzweg search-persons --queries QUERIES.csv --out RESULTS.csv [--limit 10]: many searches in
one go. QUERIES.csv has the columns query_id,given_names,family_name,birth_date,sex,nationality,
birth_place (any may be empty); RESULTS.csv gets query_id,rank,external_id,score,level, one row
per match (the person's UUID where there is no external id)."""

from __future__ import annotations

import csv
import re
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from kurzweg.people import matching_store
from kurzweg.people.matching.records import Record
from kurzweg.people.models import Person

from .import_persons import memory_used, resolve_agency

COLUMNS = ["query_id", "given_names", "family_name", "birth_date", "sex", "nationality", "birth_place"]
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def query_birth(text: str) -> tuple[int | None, int | None, int | None]:
    """YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY; anything else counts as unknown (a query is
    searched anyway, never refused)."""
    text = text.strip()
    year: int | None
    month: int | None
    day: int | None
    if match := _GERMAN_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(g) if g else None for g in match.groups())
    else:
        return None, None, None
    if month is not None and not 1 <= month <= 12:
        month = day = None
    if day is not None and not 1 <= day <= 31:
        day = None
    return year, month, day


def query_record(row: dict[str, str]) -> Record:
    year, month, day = query_birth(row.get("birth_date", ""))
    sex = row.get("sex", "").strip().upper()
    nationality = row.get("nationality", "").strip().upper()
    return Record(
        id=row.get("query_id", ""),
        given_names=row.get("given_names", "").strip(),
        family_name=row.get("family_name", "").strip(),
        birth_year=year,
        birth_month=month,
        birth_day=day,
        sex=sex if sex in ("F", "M", "X") else "",
        nationalities=(nationality,) if nationality else (),
        birth_place=row.get("birth_place", "").strip(),
    )


class Command(BaseCommand):
    help = "Run the searches of a CSV file and write the ranked matches (also: kurzweg search-persons)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--queries", type=Path, required=True)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--limit", type=int, default=10, help="matches per query (default 10)")
        parser.add_argument("--agency", help="slug of the agency (default: the only one)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        agency = resolve_agency(options["agency"])
        if not options["queries"].is_file():
            raise CommandError(f"{options['queries']}: no such file")
        with options["queries"].open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or "query_id" not in reader.fieldnames:
                raise CommandError(f"{options['queries']}: the header must name the columns {','.join(COLUMNS)}")
            queries = [{k: v or "" for k, v in row.items() if k} for row in reader]
        found = 0
        with (
            options["out"].open("w", encoding="utf-8", newline="") as out,
            tqdm(queries, unit=" queries", desc="search", file=sys.stderr, disable=options["no_progress"]) as bar,
        ):
            writer = csv.writer(out)
            writer.writerow(["query_id", "rank", "external_id", "score", "level"])
            for row in bar:
                record = query_record(row)
                if not (record.given_names or record.family_name):
                    continue
                matches = matching_store.search(agency.pk, record, limit=options["limit"])
                external = dict(Person.objects.filter(pk__in=[m.id for m in matches]).values_list("pk", "external_id"))
                external = {str(k): v for k, v in external.items()}
                for rank, m in enumerate(matches, start=1):
                    writer.writerow([record.id, rank, external.get(m.id) or m.id, f"{m.score:.4f}", m.level])
                found += bool(matches)
        seconds = time.perf_counter() - started
        self.stdout.write(f"queries:       {len(queries):,} ({found:,} with at least one match)")
        self.stdout.write(f"time:          {seconds:,.1f} s ({seconds * 1000 / max(len(queries), 1):,.1f} ms a query)")
        self.stdout.write(f"memory used:   {memory_used()} peak")
