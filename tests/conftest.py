"""The fixed cast of the tests: two agencies; in the first, staff in every role; persons with
entries in several office sections."""

from __future__ import annotations

import pytest
from django.test import Client

from kurzweg.core.models import Agency, LegalBasis, Membership, Office, Role, User
from kurzweg.core.setup import create_agency
from kurzweg.people import matching_store
from kurzweg.people.models import Nationality, Person, SectionEntry, SpecialCategory

PASSWORD = "correct horse battery staple"


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


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
