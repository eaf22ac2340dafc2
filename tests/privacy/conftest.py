"""The cast of data protection: the fixed cast of tests/conftest.py, a second data protection
officer (four eyes), and a person with something stored in every app."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.utils import timezone

from kurzweg.cases import storage
from kurzweg.cases.models import Case, CaseEvent, Document, Referral, ReferralEvent, ResidenceStatus, Task
from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, User
from kurzweg.people.models import (
    AlternativeName,
    Consent,
    DuplicateSuspicion,
    Household,
    Identifier,
    Merge,
    Person,
    SpokenLanguage,
)
from kurzweg.servicepoint.models import Appointment, Concern, Visit
from tests.conftest import make_person, make_staff, office, service

# A fixed "now" for everything time-dependent: the retention job is given it explicitly.
NOW = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
PDF = b"%PDF-1.4\n% a passport copy\n"


@pytest.fixture
def second_dpo(agency) -> User:
    return make_staff(agency, "datenschutz-vertretung", ("leitung", "dpo"), first_name="Dora", last_name="Vogt")


@pytest.fixture
def documents_dir(settings, tmp_path):
    settings.KURZWEG_DOCUMENTS_DIR = str(tmp_path / "documents")
    return tmp_path / "documents"


@dataclass
class Stored:
    """What the full file holds, by kind."""

    person: Person
    spouse: Person
    merged: Person
    case: Case
    household_case: Case
    document: Document
    referral: Referral
    task: Task
    residence: ResidenceStatus
    consent: Consent
    visit: Visit
    concern: Concern
    appointment: Appointment
    walk_in: Visit


@pytest.fixture
def full_file(agency, person, abh_caseworker, jugendamt_caseworker, house, documents_dir) -> Stored:
    """The conftest `person` (entries in the abh and Jugendamt sections) with household, a merged
    earlier record, a consent, cases, residence status, a task, a referral, a document with its
    file, a visit with a hand-over note, an appointment, and reads in the access log."""
    abh, jugendamt = office(agency, "abh"), office(agency, "jugendamt")
    household = Household.objects.create(agency=agency)
    person.household, person.household_relation = household, Person.HouseholdRelation.HEAD
    person.phone, person.email = "+49 170 5550101", "m.ahmadi@example.org"
    person.save()
    spouse = make_person(agency, given_names="Fatima", family_name="Rahimi", birth_year=1997, sex="F")
    spouse.household, spouse.household_relation = household, Person.HouseholdRelation.SPOUSE
    spouse.save()
    AlternativeName.objects.create(person=person, given_names="Mohammed", family_name="Achmadi", note="Pass alt")
    SpokenLanguage.objects.create(person=person, code="prs", level="native")
    Identifier.objects.create(person=person, kind=Identifier.Kind.AZR, value="AZR-0042-7731")

    merged = make_person(agency, given_names="Muhammad", family_name="Ahmady", birth_year=1995)
    merged.merged_into = person
    merged.save()
    Merge.objects.create(agency=agency, survivor=person, merged=merged, merged_by=abh_caseworker)
    other = make_person(agency, given_names="Mahmoud", family_name="Ahmed", birth_year=1995)
    a, b = sorted([person, other], key=lambda p: str(p.pk))
    DuplicateSuspicion.objects.create(agency=agency, person_a=a, person_b=b, score=0.71, status="different")

    consent = Consent.objects.create(
        agency=agency, person=person, section_office=abh, recipient_office=jugendamt, recorded_by=abh_caseworker
    )
    case = Case.objects.create(
        agency=agency, office=abh, legal_area="aufenthg", person=person, title="Verlängerung Aufenthalt",
        opened_by=abh_caseworker, owner=abh_caseworker,
    )  # fmt: skip
    CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.OPENED, actor=abh_caseworker, to_status="open")
    household_case = Case.objects.create(
        agency=agency, office=jugendamt, legal_area="sgb8", household=household, title="Familienhilfe",
        opened_by=jugendamt_caseworker,
    )  # fmt: skip
    residence = ResidenceStatus.objects.create(
        agency=agency, person=person, office=abh, kind=ResidenceStatus.Kind.ERLAUBNIS,
        legal_paragraph="§ 25 Abs. 2 AufenthG", valid_until=datetime.date(2027, 9, 30), recorded_by=abh_caseworker,
    )  # fmt: skip
    task = Task.objects.create(
        agency=agency, office=abh, person=person, case=case, title="Passkopie anfordern",
        due_date=datetime.date(2026, 12, 1), created_by=abh_caseworker,
    )  # fmt: skip
    referral = Referral.objects.create(
        agency=agency, person=person, from_office=abh, to_office=jugendamt, reason="Beratung zur Familienhilfe",
        consent=consent, created_by=abh_caseworker,
    )  # fmt: skip
    ReferralEvent.objects.create(referral=referral, status="requested", actor=abh_caseworker)
    storage_name, digest = storage.store(iter([PDF]))
    document = Document.objects.create(
        agency=agency, person=person, office=abh, kind=Document.Kind.PASSPORT, content_type=storage.PDF,
        size=len(PDF), sha256=digest, storage_name=storage_name, original_name="reisepass.pdf",
        uploaded_by=abh_caseworker, valid_until=datetime.date(2030, 1, 31),
    )  # fmt: skip

    now = timezone.now()
    visit = Visit.objects.create(
        agency=agency, service_point=house, day=now.date(), number=7, prefix="B", person=person,
        priority_at=now, issued_at=now, status=Visit.Status.DONE,
    )  # fmt: skip
    concern = Concern.objects.create(
        visit=visit, service=service(agency, "abh-aufenthalt"), queued_at=now, status="done",
        handover_note="Bitte Passkopie prüfen",
    )  # fmt: skip
    appointment = Appointment.objects.create(
        agency=agency, service_point=house, service=service(agency, "abh-aufenthalt"), starts_at=now,
        minutes=15, name="Mohammad Ahmadi", email="m.ahmadi@example.org", person=person,
    )  # fmt: skip
    walk_in = Visit.objects.create(
        agency=agency, service_point=house, day=now.date(), number=8, prefix="B", first_name="Olena",
        priority_at=now, issued_at=now, status=Visit.Status.DONE,
    )  # fmt: skip

    with transaction.atomic():
        audit.record(abh_caseworker, AuditEntry.Action.READ_SECTION, person_id=person.pk, section_office=abh,
                     acting_office=abh, reason="own_office")  # fmt: skip
    return Stored(person, spouse, merged, case, household_case, document, referral, task, residence, consent,
                  visit, concern, appointment, walk_in)  # fmt: skip
