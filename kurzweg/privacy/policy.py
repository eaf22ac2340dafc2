"""Who may act on data protection: roles with `may_handle_data_protection` (the data protection
officer and their deputy). They export everything stored about a person and request and approve
deletions; the four-eyes rule is in deletion.py."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import transaction

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, User
from kurzweg.people import access
from kurzweg.people.models import Person

from .registry import Subject

CAPABILITY = "may_handle_data_protection"


def may_handle(user: User) -> bool:
    return user.can(CAPABILITY)


def require(user: User) -> None:
    if not may_handle(user):
        raise PermissionDenied


def open_person(user: User, person_id: UUID | str) -> Person:
    """The person (404 for other agencies and merged records), for the data protection page;
    opening it is audited like opening the file."""
    require(user)
    person = access.get_person(user, person_id)
    with transaction.atomic():
        audit.record(user, AuditEntry.Action.OPEN_FILE, person_id=person.pk, reason="data_protection")
    return person


def subject_of(person: Person) -> Subject:
    """The person with every record merged into them (following merges of merges)."""
    ids, frontier = [person.pk], [person.pk]
    while frontier := list(Person.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)):
        ids += frontier
    return Subject(agency_id=person.agency_id, person=person, person_ids=ids)
