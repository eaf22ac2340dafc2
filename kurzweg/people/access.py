"""The access policy: the one place that decides who may see which part of whose file.

Master data (names, birth date, nationality, contact, household, identifiers) is shared with
every staff member of the agency. Each office's section is readable by
  1. the office itself,
  2. another office that a recorded legal basis covers (LegalBasis), or
  3. another office that the person's consent in force covers (Consent),
and only by staff whose role may read sections. Entries in a special category (health,
asylum reasons, religion) additionally need a role allowed them, and a basis that covers them.
Views never filter personal data by hand: they call the functions below.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from kurzweg.core import audit
from kurzweg.core.audit import CONSENT, LEGAL_BASIS, OWN_OFFICE, reason_display
from kurzweg.core.models import AuditEntry, LegalBasis, Office, User

from .models import Person, SectionEntry


@dataclass(frozen=True)
class SectionAccess:
    section_office: Office
    granted: bool
    acting_office: Office | None = None
    basis_kind: str = ""  # OWN_OFFICE, LEGAL_BASIS or CONSENT
    basis_ref: str = ""  # the legal reference, or the consent's id
    special_categories: bool = False
    may_write: bool = False

    @property
    def audit_reason(self) -> str:
        """Stored in the audit log language-neutral, shown translated (see reason_display)."""
        return f"{self.basis_kind}:{self.basis_ref}" if self.basis_ref else self.basis_kind

    @property
    def basis(self) -> str:
        return reason_display(self.audit_reason)


def persons_for(user: User):  # type: ignore[no-untyped-def]
    """Persons whose master data the user may see: all of their agency, except records merged
    into another (their data lives on in the survivor)."""
    return Person.objects.filter(agency_id=user.agency_id, merged_into__isnull=True)


def get_person(user: User, person_id: UUID | str) -> Person:
    """The person, or 404 for persons of other agencies and unknown ids alike."""
    try:
        return persons_for(user).get(pk=person_id)
    except (Person.DoesNotExist, ValueError) as error:
        raise Http404 from error


def get_office(user: User, code: str) -> Office:
    try:
        return Office.objects.get(agency_id=user.agency_id, code=code, has_section=True)
    except Office.DoesNotExist as error:
        raise Http404 from error


def section_accesses(user: User, person: Person) -> list[SectionAccess]:
    """Access to every office section of the person's file, in three queries at most."""
    offices = list(Office.objects.filter(agency_id=user.agency_id, has_section=True))
    memberships = [m for m in user.active_memberships() if m.role.may_read_section]
    reader_ids = {m.office_id for m in memberships}
    today = timezone.localdate()
    bases = list(
        LegalBasis.objects.filter(agency_id=user.agency_id, reader_office_id__in=reader_ids)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    )
    consents = list(person.consents.in_force().filter(recipient_office_id__in=reader_ids))
    return [_access(office, memberships, bases, consents) for office in offices]


def _access(office, memberships, bases, consents) -> SectionAccess:  # type: ignore[no-untyped-def]
    best: SectionAccess | None = None
    for m in memberships:
        role_special = m.role.may_read_special_categories
        if m.office_id == office.pk:
            candidate = SectionAccess(office, True, m.office, OWN_OFFICE, "", role_special, m.role.may_write_section)
        else:
            candidate = None
            for basis in bases:
                if basis.reader_office_id == m.office_id and basis.section_office_id == office.pk:
                    candidate = SectionAccess(
                        office,
                        True,
                        m.office,
                        LEGAL_BASIS,
                        basis.reference,
                        role_special and basis.covers_special_categories,
                    )
                    break
            if candidate is None:
                for consent in consents:
                    if consent.recipient_office_id == m.office_id and consent.section_office_id == office.pk:
                        candidate = SectionAccess(
                            office,
                            True,
                            m.office,
                            CONSENT,
                            str(consent.pk),
                            role_special and consent.covers_special_categories,
                        )
                        break
        if candidate and (best is None or _rank(candidate) > _rank(best)):
            best = candidate
    return best or SectionAccess(office, False)


def _rank(access: SectionAccess) -> tuple[bool, bool]:
    return (access.may_write, access.special_categories)


def section_access(user: User, person: Person, office: Office) -> SectionAccess:
    for access in section_accesses(user, person):
        if access.section_office.pk == office.pk:
            return access
    return SectionAccess(office, False)


def open_file(user: User, person: Person) -> list[SectionAccess]:
    """Record that the user opened the file; return which sections they may read."""
    accesses = section_accesses(user, person)
    with transaction.atomic():
        audit.record(user, AuditEntry.Action.OPEN_FILE, person_id=person.pk, reason="master_data")
    return accesses


def log_refusal(user: User, person: Person, office: Office | None, reason: str) -> None:
    """Record a refused attempt. Its own transaction: the refusal that follows must not roll
    the record back."""
    with transaction.atomic():
        audit.record(user, AuditEntry.Action.DENIED, person_id=person.pk, section_office=office, reason=reason)


def read_section(user: User, person: Person, office: Office) -> tuple[SectionAccess, list[SectionEntry]]:
    """The entries of one office's section the user may read, with the read audited in the same
    transaction. Raises PermissionDenied, after logging the attempt, if the policy says no."""
    access = section_access(user, person, office)
    if not access.granted:
        log_refusal(user, person, office, "no_basis")
        raise PermissionDenied
    with transaction.atomic():
        audit.record(
            user,
            AuditEntry.Action.READ_SECTION,
            person_id=person.pk,
            section_office=office,
            acting_office=access.acting_office,
            reason=access.audit_reason,
        )
        entries = SectionEntry.objects.filter(person=person, office=office).select_related("created_by")
        if not access.special_categories:
            entries = entries.filter(special_category="")
        return access, list(entries)


def household_of(user: User, person: Person) -> list[Person]:
    if person.household_id is None:
        return []
    return list(persons_for(user).filter(household_id=person.household_id).exclude(pk=person.pk))


def consents_for(user: User, person: Person):  # type: ignore[no-untyped-def]
    """The person's consents the user may see: those involving one of the user's offices (as
    holder or recipient of a section); all of them for data protection oversight. A consent
    naming the youth welfare office would otherwise tell everyone that it is involved."""
    consents = person.consents.select_related("section_office", "recipient_office", "recorded_by")
    if user.can("may_oversee_all"):
        return consents
    office_ids = [
        m.office_id for m in user.active_memberships() if m.role.may_read_section or m.role.may_record_consent
    ]
    return consents.filter(Q(section_office_id__in=office_ids) | Q(recipient_office_id__in=office_ids))


def may_view_access_log(user: User) -> bool:
    return user.can("may_view_access_log")


def access_log(user: User, person: Person) -> list[AuditEntry]:
    """Who looked at this file: for office leads and the data protection officer. Reading the
    log is itself logged."""
    if not may_view_access_log(user):
        log_refusal(user, person, None, "access_log")
        raise PermissionDenied
    # The survivor of a merge shows the trail of the records merged into it, too.
    person_ids, merged = [person.pk], [person.pk]
    while merged := list(Person.objects.filter(merged_into_id__in=merged).values_list("pk", flat=True)):
        person_ids += merged
    entries = AuditEntry.objects.filter(agency_id=user.agency_id, person_id__in=person_ids)
    if not user.can("may_oversee_all"):
        # An office lead sees the file openings, master-data changes and what concerns their own
        # offices' sections — not that, say, the youth welfare office read its own section.
        office_ids = [m.office_id for m in user.memberships_with("may_view_access_log")]
        entries = entries.filter(Q(section_office__isnull=True) | Q(section_office_id__in=office_ids))
    with transaction.atomic():
        audit.record(user, AuditEntry.Action.READ_ACCESS_LOG, person_id=person.pk)
        return list(entries.select_related("actor", "section_office", "acting_office")[:500])
