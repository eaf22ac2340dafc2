"""kurzweg enqueue_case_jobs: queue the deadline tasks and the task reminders of every agency (or
one); run it from cron each morning, with `kurzweg db_worker` running. `--now` runs them here
instead, without the queue."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kurzweg.cases import deadlines, reminders
from kurzweg.cases.tasks import make_deadline_tasks, send_task_reminders
from kurzweg.core.models import Agency


class Command(BaseCommand):
    help = "Queue the automatic deadlines and the task reminders (run by `kurzweg db_worker`)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--agency", help="slug of one agency (default: every agency)")
        parser.add_argument("--now", action="store_true", help="run the jobs here instead of queueing them")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        agencies = Agency.objects.all()
        if options["agency"]:
            agencies = agencies.filter(slug=options["agency"])
        for agency in agencies:
            if options["now"]:
                made = deadlines.make_deadline_tasks(agency.pk)
                sent = reminders.send_reminders(agency.pk)
                self.stdout.write(
                    f"{agency.slug}: {made['made'] + made['consent_made']} deadline task(s) made, "
                    f"{sent['sent']} reminder(s) sent"
                )
                continue
            for job in (make_deadline_tasks, send_task_reminders):
                result = job.enqueue(agency.pk)
                self.stdout.write(f"{agency.slug}: queued {job.name} (task {result.id}, {result.status})")
