"""The persons whose timelines are rendered: one with 500 entries the reader may see, spread over
8 offices and every kind of entry, and one with 50, for the query count. Each also has entries of
the Jugendamt, which the reader may not read. Made through the ORM (a few hundred rows), without
audit entries: setting up a benchmark is not a change by a member of staff."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .common import CONSENTS, HIDDEN_OFFICE, READER, VISIBLE_OFFICES

# Every kind of entry of cases and the service point, in the order each office's entries cycle
# through them (a case first: the case history needs one).
KINDS = ["case", "case_history", "task", "referral", "document", "decision", "note", "visit", "appointment"]
HIDDEN_ENTRIES = 40


@dataclass
class House:
    """What the rows refer to: the agency's offices, staff, service point and services."""

    agency: object
    offices: dict
    reader: object
    service_point: object
    services: dict  # office code -> Service
    authors: dict  # office code -> User (writes there), or the reader

    @classmethod
    def load(cls) -> House:
        from bench.open_file.common import AGENCY_SLUG
        from kurzweg.core.models import Membership, Office, User
        from kurzweg.servicepoint.models import Service, ServicePoint
        from kurzweg.servicepoint.setup import create_service_point, create_standard_services

        reader = User.objects.get(username=READER, agency__slug=AGENCY_SLUG)
        agency = reader.agency
        offices = {o.code: o for o in Office.objects.filter(agency=agency)}
        service_point = ServicePoint.objects.filter(agency=agency).first()
        if service_point is None:
            service_point = create_service_point(agency, "Kreishaus Benchheim", ticket_prefix="B")
            create_standard_services(agency)
        services: dict = {}
        for service in Service.objects.filter(agency=agency).select_related("office").order_by("pk"):
            services.setdefault(service.office.code, service)
        authors = {
            m.office.code: m.user
            for m in Membership.objects.filter(user__agency=agency).select_related("office", "user")
        }
        return cls(agency, offices, reader, service_point, services, authors)

    def author(self, code: str):  # type: ignore[no-untyped-def]
        return self.authors.get(code, self.reader)


def plan(entries: int) -> list[tuple[str, str]]:
    """(office, kind) of each visible entry: a case in each office first (its history needs
    one), then the offices in turn, the kinds shifting by one each round, so that a few dozen
    entries already hold every kind; residence statuses are the foreigners authority's."""
    kinds = [*KINDS, "residence"]
    slots = [(code, "case") for code in VISIBLE_OFFICES]
    i = 0
    while len(slots) < entries:
        kind = kinds[(i + i // len(VISIBLE_OFFICES)) % len(kinds)]
        slots.append(("abh" if kind == "residence" else VISIBLE_OFFICES[i % len(VISIBLE_OFFICES)], kind))
        i += 1
    return slots[:entries]


def make_busy_person(house: House, person_id: str, entries: int, rng: random.Random) -> None:
    """Give the person `entries` entries the reader may see, the consents that open four of the
    eight offices to the reader, and HIDDEN_ENTRIES entries of the Jugendamt."""
    from django.db import transaction

    from kurzweg.people.models import Consent, Person, SectionEntry

    person = Person.objects.get(pk=person_id)
    now = datetime.now(UTC)
    with transaction.atomic():
        # What the bulk load gave this person goes: the entries are exactly the ones made here.
        SectionEntry.objects.filter(person=person).delete()
        Consent.objects.filter(person=person).delete()
        Consent.objects.bulk_create(
            Consent(
                agency=house.agency,
                person=person,
                section_office=house.offices[section],
                recipient_office=house.offices[recipient],
                recorded_by=house.author(section),
                given_at=now - timedelta(days=1000),
            )
            for section, recipient in CONSENTS
        )
        rows = Rows(house, person, rng, now)
        for code, kind in plan(entries):
            rows.add(code, kind)
        for i in range(HIDDEN_ENTRIES):
            rows.add(HIDDEN_OFFICE, ["note", "case", "visit", "task"][i % 4])
        rows.save()


class Rows:
    """Collects the rows of the entries and saves them with a few bulk inserts."""

    def __init__(self, house: House, person, rng: random.Random, now: datetime) -> None:  # type: ignore[no-untyped-def]
        self.house, self.person, self.rng, self.now = house, person, rng, now
        self.rows: dict[str, list] = {}
        self.first_case: dict[str, object] = {}
        self.number = 9000  # ticket numbers above those of the background visits

    def when(self) -> datetime:
        """A moment in the past three years (appointments: up to a month ahead)."""
        return self.now - timedelta(seconds=self.rng.uniform(3600, 3 * 365 * 86400))

    def put(self, table: str, row: object) -> object:
        self.rows.setdefault(table, []).append(row)
        return row

    def add(self, code: str, kind: str) -> None:
        from kurzweg.cases import models as cases
        from kurzweg.people.models import SectionEntry
        from kurzweg.servicepoint.models import Appointment, Concern, Visit

        h, office, author, at = self.house, self.house.offices[code], self.house.author(code), self.when()
        common = {"agency": h.agency, "person": self.person}
        if kind == "case" or (kind == "case_history" and code not in self.first_case):
            case = cases.Case(
                **common,
                office=office,
                legal_area=cases.legal_area_of(office),
                title=f"Vorgang {office.name}",
                opened_at=at,
                opened_by=author,
                owner=author,
            )
            self.first_case.setdefault(code, case)
            self.put("case", case)
            if kind == "case":
                return
            at = self.when()
        if kind == "case_history":
            self.put(
                "event",
                cases.CaseEvent(
                    case=self.first_case[code],
                    kind="status",
                    at=at,
                    actor=author,
                    from_status="open",
                    to_status="in_progress",
                ),
            )
        elif kind == "task":
            self.put(
                "task",
                cases.Task(
                    **common,
                    office=office,
                    title="Unterlagen prüfen",
                    assignee=author,
                    due_date=(at + timedelta(days=14)).date(),
                    created_at=at,
                    created_by=author,
                ),
            )
        elif kind == "referral":
            to = VISIBLE_OFFICES[(VISIBLE_OFFICES.index(code) + 1) % len(VISIBLE_OFFICES)]
            self.put(
                "referral",
                cases.Referral(
                    **common,
                    from_office=office,
                    to_office=h.offices[to],
                    reason="Beratung",
                    status="done",
                    created_at=at,
                    created_by=author,
                ),
            )
        elif kind in ("document", "decision"):
            self.put(
                "document",
                cases.Document(
                    **common,
                    office=office,
                    kind="decision" if kind == "decision" else "certificate",
                    title="Bescheid" if kind == "decision" else "Zeugnis",
                    content_type="application/pdf",
                    size=120_000,
                    sha256="0" * 64,
                    storage_name=uuid.uuid4().hex,
                    uploaded_at=at,
                    uploaded_by=author,
                ),
            )
        elif kind == "note":
            self.put(
                "note",
                SectionEntry(
                    **common,
                    office=office,
                    title="Gespräch",
                    text="Beratung zu den nächsten Schritten.",
                    created_at=at,
                    created_by=author,
                ),
            )
        elif kind == "residence":
            self.put(
                "residence",
                cases.ResidenceStatus(
                    **common,
                    office=office,
                    kind="erlaubnis",
                    legal_paragraph="§ 25 Abs. 2 AufenthG",
                    valid_from=at.date(),
                    valid_until=at.date() + timedelta(days=365),
                    recorded_at=at,
                    recorded_by=author,
                ),
            )
        elif kind == "visit":
            self.number += 1
            visit = Visit(
                agency=h.agency,
                service_point=h.service_point,
                day=at.date(),
                number=self.number,
                prefix="B",
                person=self.person,
                status="done",
                priority_at=at,
                issued_at=at,
                first_called_at=at,
                finished_at=at,
            )
            self.put("visit", visit)
            self.put(
                "concern",
                Concern(
                    visit=visit,
                    service=h.services[code],
                    status="done",
                    queued_at=at,
                    called_at=at,
                    arrived_at=at,
                    finished_at=at,
                    served_by=author,
                ),
            )
        elif kind == "appointment":
            starts = self.now + timedelta(days=self.rng.randint(1, 30)) if self.rng.random() < 0.1 else at
            self.put(
                "appointment",
                Appointment(
                    agency=h.agency,
                    service_point=h.service_point,
                    service=h.services[code],
                    starts_at=starts,
                    minutes=30,
                    name=self.person.given_names,
                    person=self.person,
                    status="booked" if starts > self.now else "checked_in",
                ),
            )
        else:
            raise ValueError(kind)

    def save(self) -> None:
        from kurzweg.cases import models as cases
        from kurzweg.people.models import SectionEntry
        from kurzweg.servicepoint.models import Appointment, Concern, Visit

        order = [
            ("case", cases.Case),
            ("event", cases.CaseEvent),
            ("task", cases.Task),
            ("referral", cases.Referral),
            ("document", cases.Document),
            ("note", SectionEntry),
            ("residence", cases.ResidenceStatus),
            ("visit", Visit),
            ("concern", Concern),
            ("appointment", Appointment),
        ]
        for table, model in order:
            objects = self.rows.get(table, [])
            if table == "event":
                for e in objects:
                    e.case_id = e.case.pk  # saved just before
            if table == "concern":
                for c in objects:
                    c.visit_id = c.visit.pk
            model.objects.bulk_create(objects, batch_size=500)
