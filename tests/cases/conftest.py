"""The cast of case management: the fixed cast of tests/conftest.py, plus cases, a residence
status and tasks on the conftest `person`."""

from __future__ import annotations

import datetime

import pytest

from kurzweg.cases import services
from kurzweg.cases.models import Case, ResidenceStatus
from kurzweg.people.models import Household, Person
from tests.conftest import make_person, office

TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def household(person) -> Household:
    household = Household.objects.create(agency=person.agency)
    person.household = household
    person.save(update_fields=["household"])
    return household


@pytest.fixture
def spouse(agency, household) -> Person:
    spouse = make_person(agency, given_names="Fatima", family_name="Ahmadi", birth_year=1997, sex="F")
    spouse.household = household
    spouse.save(update_fields=["household"])
    return spouse


@pytest.fixture
def abh_case(person, abh_caseworker) -> Case:
    return services.open_case(
        abh_caseworker, office(person.agency, "abh"), title="Verlängerung Aufenthalt", person=person
    )


@pytest.fixture
def jugendamt_case(person, jugendamt_caseworker) -> Case:
    return services.open_case(
        jugendamt_caseworker, office(person.agency, "jugendamt"), title="Hilfe zur Erziehung", person=person
    )


@pytest.fixture
def permit(person, abh_caseworker) -> ResidenceStatus:
    return services.record_residence_status(
        abh_caseworker,
        person,
        kind=ResidenceStatus.Kind.ERLAUBNIS,
        legal_paragraph="§ 25 Abs. 2 AufenthG",
        valid_from=datetime.date(2025, 6, 1),
        valid_until=datetime.date(2026, 9, 30),
        today=TODAY,
    )


# --- referrals, consents and documents -------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
# The standard anti-virus test file: harmless, reported by every scanner.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.fixture
def vhs_caseworker(agency):  # type: ignore[no-untyped-def]
    from tests.conftest import make_staff

    return make_staff(agency, "vhs", ("vhs", "caseworker"), first_name="Vera", last_name="Huber")


@pytest.fixture
def documents_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.KURZWEG_DOCUMENTS_DIR = str(tmp_path / "documents")
    settings.CLAMD_HOST = ""
    settings.CLAMD_SOCKET = ""
    return tmp_path / "documents"


def upload(name: str, content: bytes, content_type: str = "application/pdf"):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)
