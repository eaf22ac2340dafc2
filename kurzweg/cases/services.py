"""Changes to cases, residence status and tasks: plain functions, each one transaction with its
audit entries (changed field names only, never values), each taking the acting staff member."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, Office, User
from kurzweg.people.access import SectionAccess, section_access
from kurzweg.people.models import Household, Person

from . import access as policy
from .deadlines import residence_changed
from .models import Case, CaseEvent, ResidenceStatus, Task, legal_area_of


class CaseChangeRefused(ValueError):
    pass


def _audit(
    user: User,
    action: str,
    persons: Iterable[Person],
    office: Office,
    grant: SectionAccess | None,
    obj: object,
    fields: Iterable[str],
) -> None:
    fields = list(fields)
    for person in persons:
        audit.record(
            user,
            action,
            person_id=person.pk,
            section_office=office,
            acting_office=grant.acting_office if grant else None,
            obj=obj,
            fields=fields,
        )


# Cases -------------------------------------------------------------------------------------------


@transaction.atomic
def open_case(
    user: User,
    office: Office,
    *,
    title: str,
    person: Person | None = None,
    household: Household | None = None,
    owner: User | None = None,
) -> Case:
    """Open a case of `office` for a person or a whole household. Only staff of the office whose
    role may write there; the owner (default: the one who opens it) must be such staff too."""
    if (person is None) == (household is None):
        raise ValueError("A case is for a person or for a household.")
    if office.pk not in {o.pk for o in policy.offices_writable(user)}:
        raise PermissionDenied
    owner = owner or user
    if owner.pk not in {u.pk for u in policy.possible_owners(office)}:
        raise CaseChangeRefused(_("The owner must work in the office of the case."))
    case = Case.objects.create(
        agency_id=user.agency_id,
        office=office,
        legal_area=legal_area_of(office),
        person=person,
        household=household,
        title=title,
        owner=owner,
        opened_by=user,
    )
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.OPENED, actor=user, to_status=case.status, owner=owner)
    grant = policy.case_access(user, case)
    _audit(
        user,
        AuditEntry.Action.CREATE,
        policy.case_persons(case),
        office,
        grant,
        case,
        ["office", "legal_area", "title", "owner", "status"],
    )
    return case


@transaction.atomic
def change_case_status(user: User, case: Case, to: str, *, close_reason: str = "") -> Case:
    """Move a case to its next status; closing needs a reason, reopening clears it."""
    grant = policy.require_case_write(user, case)
    case = Case.objects.select_for_update().select_related("office").get(pk=case.pk, agency_id=user.agency_id)
    if to not in case.next_statuses():
        raise CaseChangeRefused(_("A case cannot go from this status to that one."))
    if to == Case.Status.CLOSED and close_reason not in Case.CloseReason.values:
        raise CaseChangeRefused(_("Give a reason for closing the case."))
    before = case.status
    now = timezone.now()
    if to == Case.Status.CLOSED:
        case.close_reason, case.closed_at, kind = close_reason, now, CaseEvent.Kind.CLOSED
    elif before == Case.Status.CLOSED:
        case.close_reason, case.closed_at, kind = "", None, CaseEvent.Kind.REOPENED
    else:
        kind = CaseEvent.Kind.STATUS
    case.status = to
    case.save(update_fields=["status", "close_reason", "closed_at"])
    CaseEvent.objects.create(
        case=case,
        kind=kind,
        at=now,
        actor=user,
        from_status=before,
        to_status=to,
        close_reason=case.close_reason,
    )
    _audit(
        user,
        AuditEntry.Action.UPDATE,
        policy.case_persons(case),
        case.office,
        grant,
        case,
        ["status", "close_reason", "closed_at"] if kind != CaseEvent.Kind.STATUS else ["status"],
    )
    return case


@transaction.atomic
def change_case_owner(user: User, case: Case, owner: User) -> Case:
    grant = policy.require_case_write(user, case)
    case = Case.objects.select_for_update().select_related("office").get(pk=case.pk, agency_id=user.agency_id)
    if owner.pk not in {u.pk for u in policy.possible_owners(case.office)}:
        raise CaseChangeRefused(_("The owner must work in the office of the case."))
    if case.owner_id == owner.pk:
        return case
    case.owner = owner
    case.save(update_fields=["owner"])
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.OWNER, actor=user, owner=owner)
    _audit(user, AuditEntry.Action.UPDATE, policy.case_persons(case), case.office, grant, case, ["owner"])
    return case


# Residence status --------------------------------------------------------------------------------


@transaction.atomic
def record_residence_status(
    user: User,
    person: Person,
    *,
    kind: str,
    legal_paragraph: str = "",
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    today: datetime.date | None = None,
) -> ResidenceStatus:
    """Record the person's new residence status (a new row; the old ones stay as history), and
    with it the deadline task for the foreigners authority when the new status expires."""
    office = policy.residence_office(user)
    if office is None or office not in policy.may_keep_residence_status(user):
        raise PermissionDenied
    grant = section_access(user, person, office)
    if not grant.may_write:
        raise PermissionDenied
    status = ResidenceStatus.objects.create(
        agency_id=user.agency_id,
        person=person,
        office=office,
        kind=kind,
        legal_paragraph=legal_paragraph,
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=user,
    )
    fields = ["kind", "legal_paragraph", "valid_from", "valid_until"]
    audit.record(
        user,
        AuditEntry.Action.CREATE,
        person_id=person.pk,
        section_office=office,
        acting_office=grant.acting_office,
        obj=status,
        fields=[f for f in fields if getattr(status, f)] or ["kind"],
    )
    residence_changed(status, today=today)
    return status


# Tasks -------------------------------------------------------------------------------------------


@transaction.atomic
def create_task(
    user: User,
    office: Office,
    *,
    title: str,
    due_date: datetime.date,
    person: Person | None = None,
    assignee: User | None = None,
    case: Case | None = None,
) -> Task:
    """A manual task of one of the user's offices, for the office queue or a staff member of it."""
    if office.pk not in {o.pk for o in policy.offices_writable(user)}:
        raise PermissionDenied
    if assignee is not None and assignee.pk not in {u.pk for u in policy.possible_assignees([office])}:
        raise CaseChangeRefused(_("Assign the task to someone who works in its office."))
    if case is not None and case.office_id != office.pk:
        raise CaseChangeRefused(_("The task and its case belong to different offices."))
    task = Task.objects.create(
        agency_id=user.agency_id,
        office=office,
        person=person,
        case=case,
        title=title,
        due_date=due_date,
        assignee=assignee,
        created_by=user,
    )
    if person is not None:
        audit.record(
            user,
            AuditEntry.Action.CREATE,
            person_id=person.pk,
            section_office=office,
            acting_office=office,
            obj=task,
            fields=["title", "due_date", "assignee", "office"],
        )
    return task


def _finish(user: User, task: Task, status: str) -> Task:
    policy.require_task_write(user, task)
    task = Task.objects.select_for_update().get(pk=task.pk, agency_id=user.agency_id)
    if task.status != Task.Status.OPEN:
        raise CaseChangeRefused(_("This task is no longer open."))
    task.status = status
    task.finished_at = timezone.now()
    task.finished_by = user
    task.save(update_fields=["status", "finished_at", "finished_by"])
    if task.person_id is not None:
        audit.record(
            user,
            AuditEntry.Action.UPDATE,
            person_id=task.person_id,
            section_office=task.office,
            obj=task,
            fields=["status"],
        )
    return task


@transaction.atomic
def complete_task(user: User, task: Task) -> Task:
    return _finish(user, task, Task.Status.DONE)


@transaction.atomic
def cancel_task(user: User, task: Task) -> Task:
    return _finish(user, task, Task.Status.CANCELLED)


@transaction.atomic
def assign_task(user: User, task: Task, assignee: User | None) -> Task:
    """Give the task to a staff member of its office, or back to the office queue (None)."""
    policy.require_task_write(user, task)
    task = Task.objects.select_for_update().select_related("office").get(pk=task.pk, agency_id=user.agency_id)
    if task.status != Task.Status.OPEN:
        raise CaseChangeRefused(_("This task is no longer open."))
    if assignee is not None and assignee.pk not in {u.pk for u in policy.possible_assignees([task.office])}:
        raise CaseChangeRefused(_("Assign the task to someone who works in its office."))
    task.assignee = assignee
    task.reminder_sent = ""
    task.save(update_fields=["assignee", "reminder_sent"])
    if task.person_id is not None:
        audit.record(
            user,
            AuditEntry.Action.UPDATE,
            person_id=task.person_id,
            section_office=task.office,
            obj=task,
            fields=["assignee"],
        )
    return task
