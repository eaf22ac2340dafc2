"""Deleting a whole person, with four eyes: one authorised staff member requests it with a
ground, a different one approves it — the approval deletes at once, in one transaction with its
audit entries. Every app deletes or anonymises its rows (registry.Contribution.erase); the
request stays as the record that a deletion happened, without personal data.

The requester cannot approve their own request: checked here, and by a check constraint in the
database (DeletionRequest.Meta)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.http import Http404
from django.utils import timezone

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, User
from kurzweg.people.models import Person

from . import policy, registry
from .models import DeletionRequest

Status = DeletionRequest.Status


class FourEyesViolation(PermissionDenied):
    """The requester tried to approve their own deletion request."""


class DeletionRefused(ValueError):
    """A request that cannot be made or decided (already decided, already requested, ...)."""


def requests_for(user: User) -> models.QuerySet[DeletionRequest]:
    policy.require(user)
    return DeletionRequest.objects.filter(agency_id=user.agency_id).select_related(
        "person", "requested_by", "decided_by"
    )


def get_request(user: User, request_id: int) -> DeletionRequest:
    try:
        return requests_for(user).get(pk=request_id)
    except DeletionRequest.DoesNotExist as error:
        raise Http404 from error


def open_request_for(user: User, person: Person) -> DeletionRequest | None:
    return requests_for(user).filter(person_ref=person.pk, status=Status.REQUESTED).first()


@transaction.atomic
def request(user: User, person: Person, ground: str, note: str = "") -> DeletionRequest:
    policy.require(user)
    if person.agency_id != user.agency_id or person.merged_into_id is not None:
        raise Http404
    if ground not in DeletionRequest.Ground.values:
        raise DeletionRefused("unknown ground")
    try:
        with transaction.atomic():
            made = DeletionRequest.objects.create(
                agency_id=user.agency_id, person=person, person_ref=person.pk, ground=ground, note=note,
                requested_by=user,
            )  # fmt: skip
    except IntegrityError as error:
        raise DeletionRefused("already requested") from error
    audit.record(user, AuditEntry.Action.CREATE, person_id=person.pk, reason=f"deletion_request:{made.pk}", obj=made)
    return made


def _lock(user: User, request_id: int) -> DeletionRequest:
    try:
        locked = DeletionRequest.objects.select_for_update().get(pk=request_id, agency_id=user.agency_id)
    except DeletionRequest.DoesNotExist as error:
        raise Http404 from error
    if locked.status != Status.REQUESTED:
        raise DeletionRefused("already decided")
    return locked


@transaction.atomic
def approve(user: User, request_id: int) -> DeletionRequest:
    """A second person approves: everything stored about the person is deleted (or anonymised
    where it is kept for statistics) now."""
    policy.require(user)
    locked = _lock(user, request_id)
    if locked.requested_by_id == user.pk:
        raise FourEyesViolation
    person = Person.objects.select_for_update().filter(pk=locked.person_ref, agency_id=user.agency_id).first()
    outcome: list[registry.Erased] = []
    if person is not None:
        subject = _subject(person)
        for contribution in registry.contributions():
            outcome += contribution.erase(subject)
    locked.person = None  # the row is gone; person_ref remains
    locked.status = Status.DONE
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.note = ""  # free text may name the person; the ground and the counts remain
    locked.outcome = [{"what": e.what, "action": e.action, "count": e.count} for e in outcome]
    locked.save()
    audit.record(user, AuditEntry.Action.DELETE, person_id=locked.person_ref, reason=f"deletion_request:{locked.pk}")
    return locked


def _subject(person: Person) -> registry.Subject:
    return policy.subject_of(person)


@transaction.atomic
def reject(user: User, request_id: int) -> DeletionRequest:
    """Another authorised person turns the request down (e.g. a retention duty still applies)."""
    policy.require(user)
    locked = _lock(user, request_id)
    if locked.requested_by_id == user.pk:
        raise FourEyesViolation
    return _close(user, locked, Status.REJECTED)


@transaction.atomic
def cancel(user: User, request_id: int) -> DeletionRequest:
    """The requester withdraws their own request."""
    policy.require(user)
    locked = _lock(user, request_id)
    if locked.requested_by_id != user.pk:
        raise PermissionDenied
    return _close(user, locked, Status.CANCELLED)


def _close(user: User, locked: DeletionRequest, status: str) -> DeletionRequest:
    locked.status = status
    locked.decided_by = user
    locked.decided_at = timezone.now()
    locked.note = ""
    locked.save()
    audit.record(
        user, AuditEntry.Action.UPDATE, person_id=locked.person_ref, reason=f"deletion_request:{locked.pk}",
        obj=locked, fields=["status"],
    )  # fmt: skip
    return locked
