"""Deadlines that come from data, made into tasks automatically.

- A residence permit (Aufenthaltserlaubnis) or a Fiktionsbescheinigung that is still valid: a task
  for the foreigners authority's queue, due 8 weeks before it ends.

Each automatic task has a source key ("residence:<id of the status>"), unique per agency, so it
is made once however often the job runs, and a task that staff finished or cancelled is not made
again. When a newer status is recorded, the open deadline tasks of the earlier ones are cancelled.

- A consent with an end date (people.Consent.valid_until), in force: a task for the queue of the
  office that asked for it, due 4 weeks before it ends ("consent:<id of the consent>"). When the
  consent is withdrawn, the next run cancels the open task.

Not yet made (the data does not exist yet): courses starting (there are no courses yet).
"""

from __future__ import annotations

import datetime
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, Office
from kurzweg.people.models import Consent

from .models import CONSENT_LEAD_TIME, RESIDENCE_LEAD_TIME, ResidenceStatus, Task

LEAD_TIME = RESIDENCE_LEAD_TIME
RESIDENCE_PREFIX = "residence:"
CONSENT_PREFIX = "consent:"
AUTOMATIC = "automatic"  # audit reason of automatic changes


def residence_source_key(status: ResidenceStatus) -> str:
    return f"{RESIDENCE_PREFIX}{status.pk}"


def needs_expiry_task(status: ResidenceStatus, today: datetime.date) -> bool:
    return (
        status.kind in ResidenceStatus.EXPIRY_DEADLINE_KINDS
        and status.valid_until is not None
        and status.valid_until >= today
    )


def ensure_residence_task(status: ResidenceStatus, *, today: datetime.date | None = None) -> Task | None:
    """The deadline task for this status, made if it does not exist yet (idempotent)."""
    today = today or timezone.localdate()
    if not needs_expiry_task(status, today):
        return None
    assert status.valid_until is not None
    return _automatic_task(
        agency_id=status.agency_id,
        office=status.office,
        person_id=status.person_id,
        kind=Task.Kind.RESIDENCE_EXPIRY,
        due_date=status.valid_until - LEAD_TIME,
        source_key=residence_source_key(status),
    )


def _automatic_task(
    *, agency_id: int, office: Office, person_id: UUID, kind: str, due_date: datetime.date, source_key: str
) -> Task:
    """A task made from data, once: the unique source key keeps parallel runs to one task."""
    existing = Task.objects.filter(agency_id=agency_id, source_key=source_key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            task = Task.objects.create(
                agency_id=agency_id,
                office=office,
                person_id=person_id,
                kind=kind,
                due_date=due_date,
                origin=Task.Origin.AUTOMATIC,
                source_key=source_key,
            )
            audit.record(
                None,
                AuditEntry.Action.CREATE,
                agency_id=agency_id,
                person_id=person_id,
                section_office=office,
                obj=task,
                reason=AUTOMATIC,
                fields=["kind", "due_date", "office"],
            )
    except IntegrityError:
        # Made at the same moment by another run.
        return Task.objects.get(agency_id=agency_id, source_key=source_key)
    return task


@transaction.atomic
def residence_changed(status: ResidenceStatus, *, today: datetime.date | None = None) -> Task | None:
    """A new status was recorded: the deadlines of the earlier ones are over."""
    superseded = Task.objects.filter(
        agency_id=status.agency_id,
        person_id=status.person_id,
        origin=Task.Origin.AUTOMATIC,
        source_key__startswith=RESIDENCE_PREFIX,
        status=Task.Status.OPEN,
    ).exclude(source_key=residence_source_key(status))
    for task in superseded.select_for_update():
        task.status = Task.Status.CANCELLED
        task.finished_at = timezone.now()
        task.save(update_fields=["status", "finished_at"])
        audit.record(
            None,
            AuditEntry.Action.UPDATE,
            agency_id=status.agency_id,
            person_id=status.person_id,
            section_office=status.office,
            obj=task,
            reason=AUTOMATIC,
            fields=["status"],
        )
    return ensure_residence_task(status, today=today)


def consent_source_key(consent: Consent) -> str:
    return f"{CONSENT_PREFIX}{consent.pk}"


def ensure_consent_task(consent: Consent, *, today: datetime.date | None = None) -> Task | None:
    """The "consent to renew" task of a consent with an end date that is in force, made if it
    does not exist yet (idempotent)."""
    today = today or timezone.localdate()
    if consent.valid_until is None or consent.valid_until < today or consent.withdrawn_at is not None:
        return None
    return _automatic_task(
        agency_id=consent.agency_id,
        office=consent.section_office,
        person_id=consent.person_id,
        kind=Task.Kind.CONSENT_RENEWAL,
        due_date=consent.valid_until - CONSENT_LEAD_TIME,
        source_key=consent_source_key(consent),
    )


def _cancel_tasks_of_withdrawn_consents(agency_id: int) -> int:
    withdrawn = {
        consent_source_key(c)
        for c in Consent.objects.filter(agency_id=agency_id, withdrawn_at__isnull=False, valid_until__isnull=False)
    }
    tasks = Task.objects.filter(
        agency_id=agency_id, source_key__in=withdrawn, status=Task.Status.OPEN, origin=Task.Origin.AUTOMATIC
    )
    cancelled = 0
    for task in tasks.select_for_update().select_related("office"):
        task.status = Task.Status.CANCELLED
        task.finished_at = timezone.now()
        task.save(update_fields=["status", "finished_at"])
        audit.record(
            None,
            AuditEntry.Action.UPDATE,
            agency_id=agency_id,
            person_id=task.person_id,
            section_office=task.office,
            obj=task,
            reason=AUTOMATIC,
            fields=["status"],
        )
        cancelled += 1
    return cancelled


def make_consent_tasks(agency_id: int, *, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    keys = set(
        Task.objects.filter(agency_id=agency_id, source_key__startswith=CONSENT_PREFIX).values_list(
            "source_key", flat=True
        )
    )
    made = existing = 0
    consents = Consent.objects.filter(
        agency_id=agency_id, withdrawn_at__isnull=True, valid_until__isnull=False, valid_until__gte=today
    )
    for consent in consents.iterator(chunk_size=500):
        if consent_source_key(consent) in keys:
            existing += 1
            continue
        ensure_consent_task(consent, today=today)
        made += 1
    with transaction.atomic():
        cancelled = _cancel_tasks_of_withdrawn_consents(agency_id)
    return {"consent_made": made, "consent_existing": existing, "consent_cancelled": cancelled}


def make_deadline_tasks(agency_id: int, *, today: datetime.date | None = None) -> dict[str, int]:
    """Every deadline task of the agency that data calls for and that does not exist yet: for
    the current (newest) residence status of each person, if it expires and is still valid;
    for each consent in force with an end date."""
    today = today or timezone.localdate()
    newest = ResidenceStatus.objects.filter(person_id=OuterRef("person_id")).order_by("-recorded_at", "-id")
    current = (
        ResidenceStatus.objects.filter(
            agency_id=agency_id,
            kind__in=ResidenceStatus.EXPIRY_DEADLINE_KINDS,
            valid_until__gte=today,
        )
        .annotate(newest_id=Subquery(newest.values("pk")[:1]))
        .filter(pk=F("newest_id"))
        .select_related("office")
    )
    made = existing = 0
    keys = set(
        Task.objects.filter(agency_id=agency_id, source_key__startswith=RESIDENCE_PREFIX).values_list(
            "source_key", flat=True
        )
    )
    for status in current.iterator(chunk_size=500):
        if residence_source_key(status) in keys:
            existing += 1
            continue
        with transaction.atomic():
            ensure_residence_task(status, today=today)
        made += 1
    return {"made": made, "existing": existing} | make_consent_tasks(agency_id, today=today)
