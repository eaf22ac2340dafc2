"""kurzweg find-duplicates --out PAIRS.csv: every pair of the agency's persons that the matching
engine judges to be one person, as external_id_a,external_id_b,score (the person's UUID where
there is no external id), and the new pairs into the data stewards' review queue."""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand
from tqdm import tqdm

from kurzweg.people import matching_store
from kurzweg.people.matching import engine
from kurzweg.people.models import Person

from .import_persons import memory_used, resolve_agency


class Command(BaseCommand):
    help = "Write suspected duplicate pairs to a CSV file and the review queue (also: kurzweg find-duplicates)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--out", type=Path, required=True, help="CSV file for the pairs")
        parser.add_argument("--agency", help="slug of the agency (default: the only one)")
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help=f"lowest score of a pair, 0..1 (default: the engine's {engine.DEFAULT_DUPLICATE_THRESHOLD})",
        )
        parser.add_argument("--no-queue", action="store_true", help="only write the file, leave the review queue")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        agency = resolve_agency(options["agency"])
        total = Person.objects.filter(agency=agency, merged_into__isnull=True).count()
        external_ids: dict[str, str] = {}
        with (
            options["out"].open("w", encoding="utf-8", newline="") as out,
            tqdm(total=total, unit=" persons", desc="read", file=sys.stderr, disable=options["no_progress"]) as bar,
        ):
            writer = csv.writer(out)
            writer.writerow(["external_id_a", "external_id_b", "score"])

            def records():  # type: ignore[no-untyped-def]
                for record in matching_store.iter_records(agency.pk, external_ids=external_ids):
                    bar.update(1)
                    yield record

            def on_pair(a: str, b: str, score: float) -> None:
                writer.writerow([external_ids.get(a, a), external_ids.get(b, b), f"{score:.4f}"])

            compared: list[tqdm] = []

            def progress(done: int, chunks: int) -> None:
                # After reading, finding the blocks and candidate pairs takes a while (no bar);
                # then the candidate pairs are scored in chunks.
                if not compared:
                    bar.close()
                    compared.append(
                        tqdm(
                            total=chunks,
                            unit=" chunks",
                            desc="compare",
                            file=sys.stderr,
                            disable=options["no_progress"],
                        )
                    )
                compared[0].update(done - compared[0].n)

            try:
                counts = matching_store.detect_duplicates(
                    agency.pk,
                    threshold=options["threshold"],
                    queue=not options["no_queue"],
                    on_pair=on_pair,
                    progress=progress,
                    records=records(),
                )
            finally:
                for other in compared:
                    other.close()
        seconds = time.perf_counter() - started
        self.stdout.write(f"persons:       {total:,}")
        self.stdout.write(f"pairs:         {counts['pairs']:,} (written to {options['out']})")
        if not options["no_queue"]:
            self.stdout.write(
                f"review queue:  {counts['queued']:,} new, {counts['already_known']:,} already there or decided"
            )
        self.stdout.write(f"time:          {seconds:,.1f} s")
        self.stdout.write(f"memory used:   {memory_used()} peak")
