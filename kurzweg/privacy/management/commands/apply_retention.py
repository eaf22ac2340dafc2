"""kurzweg apply_retention [--dry-run] [--agency SLUG]: delete or anonymise what has passed its
retention period, for every agency (or one), and print what was done. Run it daily from cron.
The report is stored (RetentionRun) and shown to the data protection officer."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from kurzweg.core.models import Agency
from kurzweg.privacy import registry, retention


class Command(BaseCommand):
    help = "Delete or anonymise records that have passed their retention period, and report what was done."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--dry-run", action="store_true", help="only count what would be done")
        parser.add_argument("--agency", help="slug of one agency (default: every agency)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        agencies = Agency.objects.order_by("slug")
        if options["agency"]:
            agencies = agencies.filter(slug=options["agency"])
            if not agencies:
                raise CommandError(f"no agency {options['agency']!r}")
        failed = False
        for agency in agencies:
            run = retention.run(agency, dry_run=options["dry_run"])
            for line in run.lines:
                verb = {registry.DELETED: "delete", registry.ANONYMISED: "anonymise"}[line["action"]]
                done = f"would {verb}" if run.dry_run else f"{verb}d"
                if "error" in line:
                    failed = True
                    self.stderr.write(f"{agency.slug}: {line['kind']}: failed ({line['error']}), nothing changed")
                    continue
                self.stdout.write(
                    f"{agency.slug}: {line['kind']}: {done} {line['count']} (older than {line['days']} days)"
                )
        if failed:
            raise CommandError("some retention rules failed; see above")
