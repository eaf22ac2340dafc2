"""`__any_of`: the same rows as `__in`, on SQLite and on PostgreSQL (where it is `= ANY(array)`)."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection

from kurzweg.people.models import Person, PersonKey

from .conftest import make_person

pytestmark = pytest.mark.django_db


def test_any_of_finds_what_in_finds(agency):
    people = [make_person(agency, given_names=f"Anna{i}", family_name="Kowalska") for i in range(5)]
    wanted = [p.pk for p in people[:3]] + [uuid.uuid4()]  # one id nobody has
    assert set(Person.objects.filter(pk__any_of=wanted)) == set(Person.objects.filter(pk__in=wanted))
    assert set(Person.objects.filter(pk__any_of=wanted)) == set(people[:3])
    # Through a foreign key, without a join.
    keys = PersonKey.objects.filter(person__pk__any_of=wanted)
    assert set(keys.values_list("person_id", flat=True)) == {p.pk for p in people[:3]}
    assert "JOIN" not in str(keys.query)
    if connection.vendor == "postgresql":
        assert "= ANY(" in str(keys.query)


def test_any_of_an_empty_list_finds_nothing(agency):
    make_person(agency, given_names="Anna", family_name="Kowalska")
    assert list(Person.objects.filter(pk__any_of=[])) == []
    assert Person.objects.exclude(pk__any_of=[]).count() == 1
