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
