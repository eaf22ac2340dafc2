"""Reminders about tasks due soon or overdue, by e-mail to staff.

An e-mail leaves the house: it carries no personal data — not the person, not the task's
title (staff write names into titles) — only the due date and a link to the task, which opens
behind the sign-in and the access policy. Each task is reminded at most twice: once when it is
due soon and once when it is overdue; a compare-and-swap on `Task.reminder_sent` keeps two
runs at once from sending the same reminder twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from kurzweg.core.models import User

from .models import Task

DUE_SOON = datetime.timedelta(days=3)


def base_url() -> str:
    return str(settings.KURZWEG_BASE_URL).rstrip("/")


def recipients(task: Task) -> list[str]:
    """The assignee; for a task in the office queue, the office's staff who may work on it."""
    assignee = task.assignee
    if assignee is not None:
        return [assignee.email] if assignee.is_active and assignee.email else []
    users = list(
        User.objects.filter(
            memberships__office_id=task.office_id,
            memberships__role__may_write_section=True,
            is_active=True,
        )
        .exclude(email="")
        .distinct()
    )
    return sorted({u.email for u in users})


def _message(task: Task, stage: str, url: str) -> tuple[str, str]:
    due = formats.date_format(task.due_date, "SHORT_DATE_FORMAT")
    if stage == Task.Reminder.OVERDUE:
        subject = _("Kurzweg: a task is overdue")
        first = _("A task in Kurzweg was due on %(due)s and is still open.") % {"due": due}
    else:
        subject = _("Kurzweg: a task is due soon")
        first = _("A task in Kurzweg is due on %(due)s.") % {"due": due}
    body = "\n\n".join(
        [
            first,
            _("Open the task (sign-in required): %(url)s") % {"url": url},
            _("This message contains no personal data on purpose."),
        ]
    )
    return subject, body


def send_reminders(agency_id: int, *, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    tasks = (
        Task.objects.filter(agency_id=agency_id, status=Task.Status.OPEN, due_date__lte=today + DUE_SOON)
        .filter(
            Q(due_date__lt=today, reminder_sent__in=["", Task.Reminder.DUE_SOON])
            | Q(due_date__gte=today, reminder_sent="")
        )
        .select_related("assignee")
        .order_by("due_date", "id")
    )
    sent = skipped = 0
    connection = get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for task in tasks.iterator(chunk_size=200):
            stage = Task.Reminder.OVERDUE if task.due_date < today else Task.Reminder.DUE_SOON
            to = recipients(task)
            # Claim the reminder first: a parallel run that claimed it already sends it.
            claimed = Task.objects.filter(pk=task.pk, reminder_sent=task.reminder_sent).update(reminder_sent=stage)
            if not claimed or not to:
                skipped += 1
                continue
            url = base_url() + reverse("cases:task", args=[task.pk])
            subject, body = _message(task, stage, url)
            EmailMessage(subject, body, to=to, connection=connection).send()
            sent += 1
    return {"sent": sent, "skipped": skipped}
