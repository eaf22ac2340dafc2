"""The fixed cast of the tests: two agencies; in the first, staff in every role; persons with
entries in several office sections."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from kurzweg.core.models import Agency, Desk, LegalBasis, Membership, Office, Role, Room, User
from kurzweg.core.setup import create_agency
from kurzweg.people import matching_store
from kurzweg.people.models import Nationality, Person, SectionEntry, SpecialCategory
from kurzweg.servicepoint import queue
from kurzweg.servicepoint.models import Service, ServicePoint
from kurzweg.servicepoint.setup import create_service_point, create_standard_services

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _empty_cache():
    # The service point keeps a few things a minute per process (expected minutes, the order of
    # services); each test builds its own agency, possibly with the same ids.
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 is deliberately slow; tests that sign in through the form use it anyway
    # (see test_auth.py). Elsewhere the cheapest hasher keeps the suite fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_staff(agency: Agency, username: str, *memberships: tuple[str, str], **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, agency=agency, **extra)
    for office_code, role_code in memberships:
        Membership.objects.create(
            user=user,
            office=Office.objects.get(agency=agency, code=office_code),
            role=Role.objects.get(agency=agency, code=role_code),
        )
    return user


def office(agency: Agency, code: str) -> Office:
    return Office.objects.get(agency=agency, code=code)


@pytest.fixture
def agency(db) -> Agency:
    agency = create_agency("nord", "Migrationsagentur Nord")
    # The Jobcenter may read the foreigners authority's section by law; nobody else may.
    LegalBasis.objects.create(
        agency=agency,
        reader_office=office(agency, "jobcenter"),
        section_office=office(agency, "abh"),
        reference="§ 87 Abs. 1 AufenthG",
    )
    return agency


@pytest.fixture
def other_agency(db) -> Agency:
    return create_agency("sued", "Migrationsagentur Süd")


@pytest.fixture
def abh_caseworker(agency) -> User:
    return make_staff(agency, "abh", ("abh", "caseworker"), first_name="Anna", last_name="Berger")


@pytest.fixture
def abh_specialist(agency) -> User:
    return make_staff(agency, "abh-fach", ("abh", "specialist"))


@pytest.fixture
def abh_lead(agency) -> User:
    return make_staff(agency, "abh-leitung", ("abh", "lead"))


@pytest.fixture
def jobcenter_caseworker(agency) -> User:
    return make_staff(agency, "jobcenter", ("jobcenter", "caseworker"))


@pytest.fixture
def jugendamt_caseworker(agency) -> User:
    return make_staff(agency, "jugendamt", ("jugendamt", "caseworker"))


@pytest.fixture
def receptionist(agency) -> User:
    return make_staff(agency, "empfang", ("empfang", "reception"))


@pytest.fixture
def dpo(agency) -> User:
    return make_staff(agency, "datenschutz", ("leitung", "dpo"))


@pytest.fixture
def administrator(agency) -> User:
    return make_staff(agency, "admin", ("leitung", "admin"), is_staff=True)


@pytest.fixture
def outsider(other_agency) -> User:
    """A caseworker of the foreigners authority of another agency."""
    return make_staff(other_agency, "abh-sued", ("abh", "lead"))


def make_person(agency: Agency, author: User | None = None, **fields) -> Person:
    defaults = {"given_names": "Mohammad", "family_name": "Ahmadi", "birth_year": 1995, "sex": "M"}
    person = Person(agency=agency, **(defaults | fields))
    person.refresh_name_index([])
    person.save()
    Nationality.objects.create(person=person, code="AFG")
    matching_store.refresh_keys([person])  # what services.save_person does: keys for the search
    return person


@pytest.fixture
def person(agency, abh_caseworker) -> Person:
    """A person with entries in the sections of the foreigners authority (one of them about
    asylum reasons, a special category) and of the youth welfare office."""
    person = make_person(agency, given_names="Mohammad", family_name="Ahmadi", birth_year=1995, birth_month=3)
    SectionEntry.objects.create(
        agency=agency,
        person=person,
        office=office(agency, "abh"),
        title="Fiktionsbescheinigung ausgestellt",
        text="gültig bis 31.03.",
        created_by=abh_caseworker,
    )
    SectionEntry.objects.create(
        agency=agency,
        person=person,
        office=office(agency, "abh"),
        title="Fluchtgründe",
        text="Verfolgung wegen politischer Betätigung",
        special_category=SpecialCategory.ASYLUM_REASONS,
        created_by=abh_caseworker,
    )
    SectionEntry.objects.create(
        agency=agency,
        person=person,
        office=office(agency, "jugendamt"),
        title="Hilfeplangespräch",
        text="Gespräch zur Hilfe zur Erziehung",
        created_by=abh_caseworker,
    )
    return person


@pytest.fixture
def other_person(other_agency) -> Person:
    return make_person(other_agency, given_names="Oleksandr", family_name="Kovalenko", birth_year=1988)


def grant(capability: str, *users: User) -> None:
    """Gives the roles of these staff members a capability no standard role has."""
    for user in users:
        Role.objects.filter(memberships__user=user).update(**{capability: True})
        user.__dict__.pop("_memberships_cache", None)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- The service point's cast ------------------------------------------------------------------


@pytest.fixture
def house(agency) -> ServicePoint:
    """Rooms E.01 (ABH, desks 1–2), E.02 (Jobcenter, desks 3–4), E.03 (Integration, desk 5),
    E.04 (reception); the standard services; one service point with ticket prefix B."""
    layout = [("E.01", "abh", ["Platz 1", "Platz 2"]), ("E.02", "jobcenter", ["Platz 3", "Platz 4"]),
              ("E.03", "integration", ["Platz 5"]), ("E.04", "empfang", ["Empfang 1"])]  # fmt: skip
    for number, code, names in layout:
        room = Room.objects.create(agency=agency, office=office(agency, code), floor=0, number=number)
        for name in names:
            Desk.objects.create(agency=agency, room=room, office=office(agency, code), name=name)
    service_point = create_service_point(agency, "Haus der kurzen Wege", ticket_prefix="B")
    create_standard_services(agency)
    return service_point


def service(agency, code: str) -> Service:
    return Service.objects.get(agency=agency, code=code)


def soon_today(minutes: int) -> datetime.datetime:
    """A time a few minutes from now, but still today in the agency's time zone: an appointment
    for "today" made just before midnight must not fall on tomorrow."""
    now = timezone.now()
    last_minute = timezone.localtime(now).replace(hour=23, minute=59, second=0, microsecond=0)
    return min(now + datetime.timedelta(minutes=minutes), last_minute)


def desk(agency, name: str) -> Desk:
    return Desk.objects.get(agency=agency, name=name)


@pytest.fixture
def receptionist_at_house(house, agency):
    return make_staff(agency, "empfang-sp", ("empfang", "reception"))


@pytest.fixture
def abh_desk_1(house, agency, abh_caseworker):
    return queue.open_desk(abh_caseworker, desk(agency, "Platz 1"))


@pytest.fixture
def jobcenter_desk_3(house, agency, jobcenter_caseworker):
    return queue.open_desk(jobcenter_caseworker, desk(agency, "Platz 3"))
