"""kurzweg enqueue_nightly_duplicates: put the duplicate detection of every agency (or one) into the
background task queue; run it from cron each night, with `kurzweg db_worker` running."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kurzweg.core.models import Agency
from kurzweg.people.tasks import detect_duplicates


class Command(BaseCommand):
    help = "Queue the nightly duplicate detection (run by `kurzweg db_worker`)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--agency", help="slug of one agency (default: every agency)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        agencies = Agency.objects.all()
        if options["agency"]:
            agencies = agencies.filter(slug=options["agency"])
        for agency in agencies:
            result = detect_duplicates.enqueue(agency.pk)
            self.stdout.write(f"{agency.slug}: queued duplicate detection (task {result.id}, {result.status})")
