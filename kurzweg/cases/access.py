"""Who may see and change cases, residence status and tasks. Built on the access policy of the
person file (kurzweg.people.access): a case, a task or a residence status belongs to an office
and is part of that office's section of the person's file, so it is readable exactly like that
section (own office, legal basis, consent) and writable by the office's own staff whose role may
write.

Two refinements:
- A case for a whole household concerns several persons; one person's consent does not open it.
  It is readable through the own office or a legal basis only.
- Residence status: the details (kind, legal paragraph, validity) are read like the foreigners
  authority's section; whether a status exists and until when it is valid is shown to every
  staff member of the agency (many offices need the date, not the details).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from kurzweg.core import audit
from kurzweg.core.audit import CONSENT, LEGAL_BASIS, OWN_OFFICE
from kurzweg.core.models import AuditEntry, LegalBasis, Office, User
from kurzweg.people.access import SectionAccess, log_refusal, section_accesses
from kurzweg.people.models import Person

from .models import Case, ResidenceStatus, Task

# Accesses of one user to the sections of one person's file, by office id.
Accesses = dict[int, SectionAccess]


def accesses_for(user: User, person: Person) -> Accesses:
    return {a.section_office.pk: a for a in section_accesses(user, person)}


def _denied(office: Office) -> SectionAccess:
    return SectionAccess(office, False)


def _without_consent(access: SectionAccess) -> SectionAccess:
    return _denied(access.section_office) if access.basis_kind == CONSENT else access


def _office_access(user: User, office: Office) -> SectionAccess:
    """Access to an office's section that does not depend on a person: the own office or a legal
    basis, never a consent. Used for household cases and for tasks without a person."""
    memberships = [m for m in user.active_memberships() if m.role.may_read_section]
    own = [m for m in memberships if m.office_id == office.pk]
    if own:
        best = max(own, key=lambda m: (m.role.may_write_section, m.role.may_read_special_categories))
        return SectionAccess(
            office,
            True,
            best.office,
            OWN_OFFICE,
            "",
            best.role.may_read_special_categories,
            best.role.may_write_section,
        )
    today = timezone.localdate()
    for m in memberships:
        basis = (
            LegalBasis.objects.filter(agency_id=user.agency_id, reader_office_id=m.office_id, section_office=office)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .first()
        )
        if basis is not None:
            special = m.role.may_read_special_categories and basis.covers_special_categories
            return SectionAccess(office, True, m.office, LEGAL_BASIS, basis.reference, special)
    return _denied(office)


# Offices -----------------------------------------------------------------------------------------


def offices_writable(user: User) -> list[Office]:
    """Offices in which the user may open cases and create tasks: their own offices that keep a
    section, in a role that may write there."""
    return [m.office for m in user.memberships_with("may_write_section") if m.office.has_section]


def offices_readable(user: User) -> list[Office]:
    """Offices whose queue of tasks the user sees: their own, in a role that may read sections."""
    return [m.office for m in user.memberships_with("may_read_section") if m.office.has_section]


def may_keep_residence_status(user: User) -> list[Office]:
    """Foreigners authorities in which the user may record a residence status."""
    return [o for o in offices_writable(user) if o.kind == Office.Kind.AUSLAENDERBEHOERDE]


def residence_office(user: User) -> Office | None:
    """The foreigners authority of the user's agency (the first, if an agency has several)."""
    return (
        Office.objects.filter(agency_id=user.agency_id, kind=Office.Kind.AUSLAENDERBEHOERDE, has_section=True)
        .order_by("pk")
        .first()
    )


# Cases -------------------------------------------------------------------------------------------


def get_case(user: User, case_id: int) -> Case:
    """The case, or 404 for cases of other agencies and unknown ids alike."""
    try:
        return Case.objects.select_related("office", "owner", "person", "household").get(
            pk=case_id, agency_id=user.agency_id
        )
    except Case.DoesNotExist as error:
        raise Http404 from error


def case_access(user: User, case: Case, accesses: Accesses | None = None) -> SectionAccess:
    if case.person_id is not None:
        accesses = accesses if accesses is not None else accesses_for(user, case.person)  # type: ignore[arg-type]
        return accesses.get(case.office_id, _denied(case.office))
    if accesses is not None:
        return _without_consent(accesses.get(case.office_id, _denied(case.office)))
    return _office_access(user, case.office)


def case_persons(case: Case) -> list[Person]:
    """The persons a case is about: its person, or the members of its household."""
    if case.person is not None:
        return [case.person]
    return list(Person.objects.filter(household=case.household, merged_into__isnull=True))


def read_case(user: User, case: Case) -> tuple[SectionAccess, list[Person]]:
    """Open a case: refused (and the attempt logged) without access to its office's section;
    otherwise the read is audited for every person the case is about."""
    access = case_access(user, case)
    persons = case_persons(case)
    if not access.granted:
        _log_refusal(user, persons[0] if persons else None, case.office)
        raise PermissionDenied
    with transaction.atomic():
        for person in persons:
            audit.record(
                user,
                AuditEntry.Action.READ_SECTION,
                person_id=person.pk,
                section_office=case.office,
                acting_office=access.acting_office,
                reason=access.audit_reason,
                obj=case,
            )
    return access, persons


def _log_refusal(user: User, person: Person | None, office: Office, reason: str = "no_basis") -> None:
    if person is not None:
        log_refusal(user, person, office, reason)
    else:
        with transaction.atomic():
            audit.record(user, AuditEntry.Action.DENIED, section_office=office, reason=reason)


def require_case_write(user: User, case: Case) -> SectionAccess:
    access = case_access(user, case)
    if not access.may_write:
        _log_refusal(user, case.person if case.person_id else None, case.office, "write_section")
        raise PermissionDenied
    return access


def case_history(case: Case):  # type: ignore[no-untyped-def]
    return case.events.select_related("actor", "owner")


def possible_owners(case_office: Office) -> list[User]:
    """Staff who may own a case of the office: its members whose role may write there."""
    return list(
        User.objects.filter(
            memberships__office=case_office, memberships__role__may_write_section=True, is_active=True
        ).order_by("last_name", "first_name", "username")
    )


# Residence status --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResidenceView:
    """What a user sees of a person's residence status."""

    current: ResidenceStatus | None
    details: bool  # kind, legal paragraph, valid from, history
    history: list[ResidenceStatus]
    access: SectionAccess | None = None

    @property
    def exists(self) -> bool:
        return self.current is not None

    @property
    def valid_until(self):  # type: ignore[no-untyped-def]
        return self.current.valid_until if self.current else None


def residence_details_access(user: User, person: Person, accesses: Accesses | None = None) -> SectionAccess | None:
    """Access to the details: like the section of the office that keeps the status."""
    office = residence_office(user)
    if office is None:
        return None
    accesses = accesses if accesses is not None else accesses_for(user, person)
    access = accesses.get(office.pk)
    return access if access is not None and access.granted else None


def residence_of(user: User, person: Person, accesses: Accesses | None = None) -> ResidenceView:
    """The residence status as the user may see it. A read of the details is audited in the
    same transaction; "valid until" alone is not a read of the section."""
    details = residence_details_access(user, person, accesses)
    statuses = list(ResidenceStatus.objects.filter(person=person, agency_id=user.agency_id).select_related("office"))
    current = statuses[0] if statuses else None
    if details is None:
        return ResidenceView(current=current, details=False, history=[])
    with transaction.atomic():
        if statuses:
            audit.record(
                user,
                AuditEntry.Action.READ_SECTION,
                person_id=person.pk,
                section_office=details.section_office,
                acting_office=details.acting_office,
                reason=details.audit_reason,
                obj=current,
            )
    return ResidenceView(current=current, details=True, history=statuses, access=details)


# Tasks -------------------------------------------------------------------------------------------


def get_task(user: User, task_id: int) -> Task:
    try:
        return Task.objects.select_related("office", "person", "assignee", "created_by", "case").get(
            pk=task_id, agency_id=user.agency_id
        )
    except Task.DoesNotExist as error:
        raise Http404 from error


def task_access(user: User, task: Task) -> SectionAccess:
    """A task is part of its office's section of the person's file (or, without a person, of the
    office's own work). Its assignee may always see and finish it."""
    if task.person_id is not None:
        access = accesses_for(user, task.person).get(task.office_id, _denied(task.office))  # type: ignore[arg-type]
    else:
        access = _office_access(user, task.office)
    if task.assignee_id == user.pk and not access.may_write:
        return SectionAccess(task.office, True, task.office, OWN_OFFICE, "", access.special_categories, True)
    return access


def read_task(user: User, task: Task) -> SectionAccess:
    access = task_access(user, task)
    if not access.granted:
        _log_refusal(user, task.person, task.office)
        raise PermissionDenied
    if task.person_id is not None:
        with transaction.atomic():
            audit.record(
                user,
                AuditEntry.Action.READ_SECTION,
                person_id=task.person_id,
                section_office=task.office,
                acting_office=access.acting_office,
                reason=access.audit_reason,
                obj=task,
            )
    return access


def require_task_write(user: User, task: Task) -> SectionAccess:
    access = task_access(user, task)
    if not access.may_write:
        _log_refusal(user, task.person, task.office, "write_section")
        raise PermissionDenied
    return access


def _worklist(tasks):  # type: ignore[no-untyped-def]
    return tasks.open().by_urgency().select_related("office", "person", "assignee")


def my_tasks(user: User):  # type: ignore[no-untyped-def]
    """The personal worklist: open tasks assigned to the user, most urgent first."""
    return _worklist(Task.objects.filter(agency_id=user.agency_id, assignee=user))


def office_tasks(user: User, office: Office):  # type: ignore[no-untyped-def]
    """The office's worklist: every open task of the office (assigned or in the queue), for the
    office's own staff whose role may read its section."""
    if office.pk not in {o.pk for o in offices_readable(user)}:
        raise PermissionDenied
    return _worklist(Task.objects.filter(agency_id=user.agency_id, office=office))


def get_own_office(user: User, code: str) -> Office:
    """One of the user's offices by code; 404 for an unknown code, 403 for another office."""
    try:
        office = Office.objects.get(agency_id=user.agency_id, code=code, has_section=True)
    except Office.DoesNotExist as error:
        raise Http404 from error
    if office.pk not in {o.pk for o in offices_readable(user)}:
        raise PermissionDenied
    return office


def possible_assignees(offices: Iterable[Office]) -> list[User]:
    return list(
        User.objects.filter(
            memberships__office__in=list(offices), memberships__role__may_write_section=True, is_active=True
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
