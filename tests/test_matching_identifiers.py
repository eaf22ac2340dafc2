"""Identifiers of persons in the matching engine's records: read from the database on every path
(one person, by ids, streamed, the search's candidate query), stored as keys, used by search and
duplicate detection, and shown as a reason."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from kurzweg.people import matching_store
from kurzweg.people.matching.identifiers import identifier
from kurzweg.people.matching.records import Reason, Record
from kurzweg.people.matching_display import reason_text
from kurzweg.people.models import Identifier, Person, PersonKey

from .conftest import make_person

pytestmark = pytest.mark.django_db

TWIN_LIKE = {"family_name": "Jafari", "birth_year": 1990, "birth_month": 3, "birth_day": 12, "sex": "F"}


def with_identifier(person: Person, kind: str, value: str, country: str = "") -> Person:
    Identifier.objects.create(person=person, kind=kind, value=value, issuing_country=country)
    matching_store.refresh_keys([person])  # as saving the person's form does
    return person


def test_every_path_reads_the_identifiers_and_stores_a_key_for_a_long_number(agency):
    person = make_person(agency, given_names="Amira", **TWIN_LIKE)
    Identifier.objects.create(person=person, kind="passport", value="p 1234-567", issuing_country="AFG")
    with_identifier(person, "azr", "100042917733")
    expected = ("azr::100042917733", "passport:AFG:P1234567")

    record = matching_store.record_of(Person.objects.prefetch_related("identifiers").get(pk=person.pk))
    assert record.identifiers == expected
    assert matching_store.records_for_ids([person.pk])[str(person.pk)] == record
    assert list(matching_store.iter_records(agency.pk)) == [record]
    assert matching_store.candidates(agency.pk, record) == [record]  # the candidate query's own aggregate
    stored = set(PersonKey.objects.filter(person=person, key__startswith="K:").values_list("key", flat=True))
    assert stored == {"K:azr:100042917733", "K:passport:P1234567"}


def test_a_search_with_a_number_finds_the_person_whatever_the_names(agency):
    amira = with_identifier(make_person(agency, given_names="Amira", **TWIN_LIKE), "passport", "P1234567", "AFG")
    query = Record(
        id="query", given_names="Leila", family_name="Rahimi", birth_year=1990, birth_month=3, birth_day=12,
        identifiers=(identifier("passport", "P1234567", "AFG"),),
    )  # fmt: skip
    matches = matching_store.search(agency.pk, query)
    assert [m.id for m in matches] == [str(amira.pk)]
    assert "same_identifier" in {r.code for r in matches[0].reasons}


def test_searching_reads_identifiers_without_more_queries(agency):
    query = Record(id="query", given_names="Amira", family_name="Jafari", birth_year=1990)
    make_person(agency, given_names="Amira", **TWIN_LIKE)
    with CaptureQueriesContext(connection) as without:
        matching_store.search(agency.pk, query)
    for person in Person.objects.all():
        with_identifier(person, "passport", "P1234567", "AFG")
    make_person(agency, given_names="Amira", family_name="Jafari", birth_year=1990)
    with CaptureQueriesContext(connection) as with_numbers:
        found = matching_store.search(agency.pk, query)
    assert len(found) == 2
    assert len(with_numbers.captured_queries) == len(without.captured_queries)


def test_find_duplicates_merges_twin_like_records_with_one_number_and_keeps_real_twins_apart(agency):
    amira = make_person(agency, given_names="Amira", **TWIN_LIKE)
    leila = make_person(agency, given_names="Leila", **TWIN_LIKE)  # her twin sister, or the same woman?
    assert matching_store.detect_duplicates(agency.pk, queue=False)["pairs"] == 0

    with_identifier(amira, "passport", "P1234567", "AFG")
    with_identifier(leila, "passport", "P1234568", "AFG")  # applied together: the next number
    assert matching_store.detect_duplicates(agency.pk, queue=False)["pairs"] == 0

    with_identifier(leila, "azr", "100042917733")
    with_identifier(amira, "azr", "100042917733")  # one register number: one woman
    pairs: list[tuple[str, str]] = []
    matching_store.detect_duplicates(agency.pk, on_pair=lambda a, b, _s: pairs.append((a, b)))
    assert pairs == [tuple(sorted((str(amira.pk), str(leila.pk))))]


def test_identifier_reasons_read_in_plain_language():
    same = Reason("same_identifier", "passport:AFG:P1234567", "passport::P1234567")
    typo = Reason("identifier_typo", "azr::100042917733", "azr::100042971733")
    with translation.override("en"):
        assert reason_text(same) == "same identifier: passport P1234567"
        assert reason_text(typo) == "identifier with a typo: AZR number 100042917733 ~ AZR number 100042971733"
        assert reason_text(Reason("different_identifier", "ssn::1234567", "ssn::7654321")) == (
            "different identifier: ssn 1234567 ~ ssn 7654321"
        )
    with translation.override("de"):
        assert reason_text(same) == "gleiche Kennung: Reisepass P1234567"
