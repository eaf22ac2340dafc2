"""Background tasks of case management (django-tasks; run by `kurzweg db_worker`), queued each
night by `kurzweg enqueue_case_jobs`."""

from __future__ import annotations

from django_tasks import task

from . import deadlines, reminders


@task()
def make_deadline_tasks(agency_id: int) -> dict[str, int]:
    """Deadline tasks that data calls for (an expiring residence permit, ...), each made once."""
    return deadlines.make_deadline_tasks(agency_id)


@task()
def send_task_reminders(agency_id: int) -> dict[str, int]:
    """E-mails to staff about tasks due soon or overdue; no personal data, only a link."""
    return reminders.send_reminders(agency_id)
