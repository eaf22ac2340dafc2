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

A fourth basis joins own office, legal basis and consent: a *referral*. While office A's
referral of a person to office B is active (requested or accepted), B's staff who may read
sections may read exactly the parts of A's section the referral passes (its notes, cases,
documents, residence details) — provided the person's consent to share A's section with B is
still in force, or an authorised override stood in for it when the referral was made. A
withdrawal of the consent, a revocation by A, B declining or finishing: the access ends at once.
It is audited like the others, reason "referral:<id>". Tasks are never passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kurzweg.core import audit
from kurzweg.core.audit import CONSENT, LEGAL_BASIS, OWN_OFFICE
from kurzweg.core.models import AuditEntry, LegalBasis, Office, User
from kurzweg.people.access import SectionAccess, log_refusal, section_accesses
from kurzweg.people.models import Consent, Person, SectionEntry

from .models import Case, Document, Referral, ResidenceStatus, Task

REFERRAL = "referral"  # audit reason "referral:<id>" (see kurzweg.core.audit)

# Accesses of one user to the sections of one person's file, by office id.
Accesses = dict[int, SectionAccess]


@dataclass(frozen=True)
class ReferralAccess(SectionAccess):
    """Access to some parts of a section through active referrals (basis_kind REFERRAL)."""

    parts: frozenset[str] = frozenset()


def covers(access: SectionAccess | None, part: str) -> bool:
    """Whether the access opens this part of the section: every part for the own office, a
    legal basis or a consent; only the parts a referral passes for a referral."""
    if access is None or not access.granted:
        return False
    return not isinstance(access, ReferralAccess) or part in access.parts


def accesses_for(user: User, person: Person) -> Accesses:
    accesses = {a.section_office.pk: a for a in section_accesses(user, person)}
    for office_id, access in referral_accesses(user, person).items():
        if office_id in accesses and not accesses[office_id].granted:
            accesses[office_id] = access
    return accesses


def _reading_offices(user: User) -> dict[int, Office]:
    return {m.office_id: m.office for m in user.active_memberships() if m.role.may_read_section}


def referral_accesses(user: User, person: Person) -> dict[int, ReferralAccess]:
    """Access through active referrals of the person to one of the user's offices, by the
    office of the section they pass. Two queries."""
    readers = _reading_offices(user)
    if not readers:
        return {}
    referrals = list(
        Referral.objects.filter(
            agency_id=user.agency_id, person=person, to_office_id__in=readers, status__in=Referral.ACTIVE
        )
        .exclude(parts=[])
        .select_related("from_office")
        .order_by("pk")
    )
    in_force = set(
        Consent.objects.in_force()
        .sharing()
        .filter(pk__in=[r.consent_id for r in referrals if r.consent_id])
        .values_list("pk", flat=True)
    )
    result: dict[int, ReferralAccess] = {}
    for referral in referrals:
        if referral.consent_id not in in_force and not referral.override_reason:
            continue  # the consent was withdrawn or has ended: nothing is passed any more
        known = result.get(referral.from_office_id)
        parts = frozenset(referral.parts) | (known.parts if known else frozenset())
        result[referral.from_office_id] = ReferralAccess(
            referral.from_office,
            True,
            readers[referral.to_office_id],
            REFERRAL,
            str(known.basis_ref if known else referral.pk),
            parts=parts,
        )
    return result


def _denied(office: Office) -> SectionAccess:
    return SectionAccess(office, False)


def _without_consent(access: SectionAccess) -> SectionAccess:
    """For household cases: only the own office or a legal basis opens them."""
    return _denied(access.section_office) if access.basis_kind in (CONSENT, REFERRAL) else access


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
        access = accesses.get(case.office_id, _denied(case.office))
        return access if covers(access, "cases") else _denied(case.office)
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
    accesses = accesses if accesses is not None else accesses_for(user, person)
    # The accesses name every office with a section, so the keeping office is found among them
    # without another query (the first foreigners authority, as residence_office() picks it).
    keepers = sorted(
        (a for a in accesses.values() if a.section_office.kind == Office.Kind.AUSLAENDERBEHOERDE),
        key=lambda a: a.section_office.pk,
    )
    if not keepers:
        return None
    access = keepers[0]
    return access if covers(access, "residence") else None


def residence_of(user: User, person: Person, accesses: Accesses | None = None) -> ResidenceView:
    """The residence status as the user may see it. A read of the details is audited in the
    same transaction; "valid until" alone is not a read of the section."""
    details = residence_details_access(user, person, accesses)
    statuses = list(ResidenceStatus.objects.filter(person=person, agency_id=user.agency_id).select_related("office"))
    current = statuses[0] if statuses else None
    if details is None:
        return ResidenceView(current=current, details=False, history=[])
    # No savepoint inside a caller's transaction (the timeline view): a failed audit write
    # rolls the whole read back anyway.
    with transaction.atomic(savepoint=False):
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
        if isinstance(access, ReferralAccess):  # tasks are never passed by a referral
            access = _denied(task.office)
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


# Referrals ---------------------------------------------------------------------------------------


def may_override_consent(user: User, office: Office) -> bool:
    """Whether the user may pass data by a referral from `office` without the person's consent
    (with a reason, audited). Read from the role flag Role.may_override_consent, which core does
    not have yet: until it does, nobody may."""
    return any(
        m.office_id == office.pk and m.role.may_override_consent for m in user.memberships_with("may_write_section")
    )


def referral_sender_offices(user: User) -> list[Office]:
    """Offices from which the user may refer: those they write in."""
    return offices_writable(user)


def referral_target_offices(user: User) -> list[Office]:
    return list(Office.objects.filter(agency_id=user.agency_id, has_section=True).order_by("name"))


def get_referral(user: User, referral_id: int) -> Referral:
    try:
        return Referral.objects.select_related("from_office", "to_office", "person", "created_by", "consent").get(
            pk=referral_id, agency_id=user.agency_id
        )
    except Referral.DoesNotExist as error:
        raise Http404 from error


@dataclass(frozen=True)
class ReferralRole:
    """How the user stands to a referral: staff of the sending or the receiving office."""

    sender: bool
    receiver: bool
    sender_writes: bool
    receiver_writes: bool

    @property
    def involved(self) -> bool:
        return self.sender or self.receiver


def referral_role(user: User, referral: Referral) -> ReferralRole:
    readers = _reading_offices(user)
    writers = {o.pk for o in offices_writable(user)}
    return ReferralRole(
        referral.from_office_id in readers,
        referral.to_office_id in readers,
        referral.from_office_id in writers,
        referral.to_office_id in writers,
    )


def read_referral(user: User, referral: Referral) -> ReferralRole:
    """A referral is seen by staff of its two offices (in a role that may read sections); any
    other attempt is refused and logged."""
    role = referral_role(user, referral)
    if not role.involved:
        log_refusal(user, referral.person, referral.from_office, "no_basis")
        raise PermissionDenied
    return role


def may_move_referral(user: User, referral: Referral, to: str) -> bool:
    """The receiving office accepts, declines and finishes; the referring office revokes; each
    by staff who may write in their office's section."""
    role = referral_role(user, referral)
    return role.receiver_writes if to in Referral.BY_RECEIVER else role.sender_writes


def require_referral_move(user: User, referral: Referral, to: str) -> None:
    if not may_move_referral(user, referral, to):
        log_refusal(user, referral.person, referral.from_office, "write_section")
        raise PermissionDenied


@dataclass
class SharedData:
    """What a referral passes, as the receiving office sees it."""

    access: SectionAccess
    entries: list[SectionEntry]
    cases: list[Case]
    documents: list[Document]
    residence: ResidenceView | None


def shared_data(user: User, referral: Referral) -> SharedData | None:
    """The parts of the sending office's section the referral passes, for the receiving office's
    staff, while the referral opens them (active, consent in force or override). The read is
    audited with the basis that opened it. None when nothing is (or is any longer) passed."""
    if not referral.parts:
        return None
    access = accesses_for(user, referral.person).get(referral.from_office_id)
    if access is None or not access.granted or access.acting_office is None:
        return None
    if isinstance(access, ReferralAccess) and access.acting_office.pk != referral.to_office_id:
        return None
    parts = set(referral.parts)
    person = referral.person
    entries: list[SectionEntry] = []
    cases: list[Case] = []
    documents: list[Document] = []
    with transaction.atomic():
        audit.record(
            user,
            AuditEntry.Action.READ_SECTION,
            person_id=person.pk,
            section_office=referral.from_office,
            acting_office=access.acting_office,
            reason=access.audit_reason,
            obj=referral,
        )
        if "entries" in parts and covers(access, "entries"):
            entries = list(
                SectionEntry.objects.filter(person=person, office=referral.from_office, special_category="")
                .select_related("created_by")
                .order_by("-created_at")
            )
        if "cases" in parts and covers(access, "cases"):
            cases = list(Case.objects.filter(person=person, office=referral.from_office).select_related("owner"))
        if "documents" in parts and covers(access, "documents"):
            documents = list(Document.objects.filter(person=person, office=referral.from_office))
    residence = None
    if "residence" in parts and referral.from_office.kind == Office.Kind.AUSLAENDERBEHOERDE:
        residence = residence_of(user, person)
    return SharedData(access, entries, cases, documents, residence)


def incoming_referrals(user: User) -> QuerySet[Referral]:
    offices = [o.pk for o in offices_readable(user)]
    return (
        Referral.objects.filter(agency_id=user.agency_id, to_office_id__in=offices)
        .select_related("from_office", "to_office", "person")
        .order_by("-created_at", "-id")
    )


def outgoing_referrals(user: User) -> QuerySet[Referral]:
    offices = [o.pk for o in offices_readable(user)]
    return (
        Referral.objects.filter(agency_id=user.agency_id, from_office_id__in=offices)
        .select_related("from_office", "to_office", "person")
        .order_by("-created_at", "-id")
    )


# Documents ---------------------------------------------------------------------------------------


def get_document(user: User, document_id: int) -> Document:
    try:
        return Document.objects.select_related("office", "person", "uploaded_by").get(
            pk=document_id, agency_id=user.agency_id, person__merged_into__isnull=True
        )
    except Document.DoesNotExist as error:
        raise Http404 from error


def document_access(user: User, document: Document, accesses: Accesses | None = None) -> SectionAccess:
    """A document is part of its owning office's section."""
    accesses = accesses if accesses is not None else accesses_for(user, document.person)
    access = accesses.get(document.office_id, _denied(document.office))
    return access if covers(access, "documents") else _denied(document.office)


def read_document(user: User, document: Document) -> SectionAccess:
    """Refused (and logged) without access; otherwise the read is audited."""
    access = document_access(user, document)
    if not access.granted:
        log_refusal(user, document.person, document.office, "no_basis")
        raise PermissionDenied
    with transaction.atomic():
        audit.record(
            user,
            AuditEntry.Action.READ_SECTION,
            person_id=document.person_id,
            section_office=document.office,
            acting_office=access.acting_office,
            reason=access.audit_reason,
            obj=document,
        )
    return access


def documents_of(user: User, person: Person, accesses: Accesses) -> list[Document]:
    """The person's documents the user may see (no audit: the caller audits what it shows)."""
    offices = [pk for pk, a in accesses.items() if covers(a, "documents")]
    return list(Document.objects.filter(person=person, office_id__in=offices).select_related("office", "uploaded_by"))


def document_offices(user: User) -> list[Office]:
    """Offices for which the user may upload documents: those they write in."""
    return offices_writable(user)
