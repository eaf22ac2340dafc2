"""The Django side of the matching engine: records, keys, candidates, and find_persons on top."""

from __future__ import annotations

import pytest

from kurzweg.people import matching_store
from kurzweg.people.matching import engine
from kurzweg.people.matching.records import Record
from kurzweg.people.models import AlternativeName, Person, PersonKey
from kurzweg.people.search import PersonQuery, find_persons, parse_birth

from .conftest import make_person

pytestmark = pytest.mark.django_db


def test_a_person_becomes_a_record_with_every_spelling_and_keys_round_trip(agency):
    person = make_person(
        agency,
        given_names="Oleksandr",
        family_name="Kovalenko",
        given_names_original="Олександр",
        family_name_original="Коваленко",
        birth_year=1988,
        birth_month=4,
        birth_day=12,
        place_of_birth="Charkiw",
    )
    AlternativeName.objects.create(person=person, given_names="Aleksandr", family_name="Kowalenko")
    matching_store.refresh_keys([person])

    person = Person.objects.prefetch_related("nationalities", "alternative_names").get(pk=person.pk)
    record = matching_store.record_of(person)
    assert record.id == str(person.pk)
    assert (record.birth_year, record.birth_month, record.birth_day) == (1988, 4, 12)
    assert record.nationalities == ("AFG",) and record.sex == "M" and record.birth_place == "Charkiw"
    assert record.other_names == (("Aleksandr", "Kowalenko"),)
    assert record.original_names == ("Олександр Коваленко",)
    assert matching_store.records_for_ids([person.pk])[str(person.pk)] == record
    assert list(matching_store.iter_records(agency.pk)) == [record]

    stored = set(PersonKey.objects.filter(person=person).values_list("key", flat=True))
    assert stored == matching_store.keys_of(record) and stored
    assert set(PersonKey.objects.values_list("agency_id", flat=True)) == {agency.pk}
    # The stored keys find the person again, and only in its own agency.
    assert [r.id for r in matching_store.candidates(agency.pk, record)] == [record.id]
    assert matching_store.candidates(agency.pk + 1000, record) == []


def test_refreshing_keys_follows_a_change_of_name(agency):
    person = make_person(agency, given_names="Mehmet", family_name="Yilmaz")
    person.family_name = "Demir"
    person.save()
    matching_store.refresh_keys([person])
    keys = set(PersonKey.objects.filter(person=person).values_list("key", flat=True))
    assert keys == matching_store.keys_of(matching_store.record_of(person))


def test_merged_persons_are_no_candidates(agency):
    survivor = make_person(agency)
    merged = make_person(agency)
    Person.objects.filter(pk=merged.pk).update(merged_into=survivor)
    record = matching_store.record_of(survivor)
    assert [r.id for r in matching_store.candidates(agency.pk, record)] == [str(survivor.pk)]


def test_more_merged_persons_than_the_slack_still_leave_the_listed_one(agency, monkeypatch):
    # The candidate query keeps MERGED_SLACK extra rows for merged persons; with none, the
    # merged persons sorting first fill the limit and the query is asked again without it.
    monkeypatch.setattr(matching_store, "MERGED_SLACK", 0)
    *merged, survivor = sorted((make_person(agency) for _ in range(5)), key=lambda p: str(p.pk))
    Person.objects.filter(pk__in=[p.pk for p in merged]).update(merged_into=survivor)  # they sort first
    record = matching_store.record_of(survivor)
    found = matching_store.candidates(agency.pk, record, limit_candidates=1)
    assert [r.id for r in found] == [str(survivor.pk)]


def test_a_common_word_alone_does_not_fill_up_the_candidates_but_a_rare_one_does(agency, monkeypatch):
    # At a million persons a common word is a block of tens of thousands: left out of the broad
    # step when the query has other keys, kept when it is the only word typed.
    monkeypatch.setattr(matching_store, "BROAD_BLOCK_CAP", 2)
    common = [make_person(agency, given_names=g, family_name="Hasan", birth_year=1970) for g in ("Ali", "Omar", "Zaid")]
    rare = make_person(agency, given_names="Leyla", family_name="Zzyxova", birth_year=1950)
    query = matching_store.query_keys(engine_record(given_names="Hasan", family_name="Zzyxova", birth_year=2001))
    found = {r.id for r in matching_store.candidate_records(agency.pk, query, enough=10)}
    assert found == {str(rare.pk)}
    only_common = matching_store.query_keys(engine_record(given_names="", family_name="Hasan"))
    found = {r.id for r in matching_store.candidate_records(agency.pk, only_common, enough=10)}
    assert found == {str(p.pk) for p in common}


def engine_record(**fields):
    return Record(id="query", **fields)


def names(user, **query):
    return [m.person for m in find_persons(user, PersonQuery(**query))]


def test_names_in_arabic_persian_and_cyrillic_script_are_found(agency, receptionist):
    jafari = make_person(
        agency, given_names="Mohammad", family_name="Jafari", birth_year=1990, birth_month=5, birth_day=3
    )
    olek = make_person(agency, given_names="Oleksandr", family_name="Kovalenko", birth_year=1988)
    make_person(agency, given_names="Fatima", family_name="Haddad", birth_year=2001)
    assert jafari in names(receptionist, name="محمد جعفری")  # Persian
    assert jafari in names(receptionist, name="محمد جعفري")  # Arabic
    assert names(receptionist, name="Олександр Коваленко")[0] == olek
    assert names(receptionist, name="Александр Коваленко")[0] == olek  # Russian spelling


def test_spelling_variants_are_found_and_ranked_with_reasons(agency, receptionist):
    jafari = make_person(
        agency, given_names="Mohammad", family_name="Jafari", birth_year=1990, birth_month=5, birth_day=3
    )
    make_person(agency, given_names="Fatima", family_name="Haddad", birth_year=2001)
    matches = find_persons(receptionist, PersonQuery(name="Dschafari Muhammad", birth=parse_birth("03.05.1990")))
    assert [m.person for m in matches] == [jafari]
    match = matches[0]
    assert match.level in ("likely", "exact") and 0 < match.score <= 1
    assert match.reasons and all(isinstance(r, str) for r in match.reasons)
    assert any("Dschafari" in r and "Jafari" in r for r in match.reasons), match.reasons
    # Name only: still found, at level possible.
    only_name = find_persons(receptionist, PersonQuery(name="Jafari Mohamad"))
    assert [m.person for m in only_name] == [jafari] and only_name[0].level == "possible"
    # Filters: a year range that does not fit, another nationality.
    assert names(receptionist, name="Jafari Mohammad", birth=parse_birth("1970-1980")) == []
    assert names(receptionist, name="Jafari Mohammad", nationality="SYR") == []
    assert names(receptionist, name="Jafari Mohammad", nationality="AFG") == [jafari]


def test_levels_and_thresholds_come_from_the_engine(agency, receptionist):
    make_person(agency, given_names="Mohammad", family_name="Jafari", birth_year=1990, birth_month=5, birth_day=3)
    match = find_persons(receptionist, PersonQuery(name="Mohammad Jafari", birth=parse_birth("03.05.1990")))[0]
    assert match.score >= engine.LIKELY_THRESHOLD


def test_search_is_scoped_to_the_agency(agency, other_agency, receptionist, outsider):
    make_person(agency, given_names="Mohammad", family_name="Jafari", birth_year=1990)
    theirs = make_person(other_agency, given_names="Mohammad", family_name="Jafari", birth_year=1990)
    assert theirs not in names(receptionist, name="Mohammad Jafari", birth=parse_birth("1990"))
    assert names(outsider, name="Mohammad Jafari", birth=parse_birth("1990")) == [theirs]


def test_any_unicode_typed_never_crashes(agency, receptionist):
    make_person(agency)
    for text in ["", "   ", "☃☃", "'", "%", "a" * 200, "Ahmadi, Mohammad", "ﷺ", "\u200f", "x,y,z"]:
        find_persons(receptionist, PersonQuery(name=text))


def test_typed_fragments_find_a_person_through_the_word_start_keys_of_its_agency_only(
    agency, other_agency, receptionist, outsider
):
    olek = make_person(agency, given_names="Oleksandr", family_name="Kovalenko", family_name_original="Коваленко")
    AlternativeName.objects.create(person=olek, given_names="", family_name="Kowalenko")
    olek.refresh_name_index()  # as saving through the form does
    olek.save(update_fields=["name_index"])
    matching_store.refresh_keys([olek])
    twin = make_person(other_agency, given_names="Oleksandr", family_name="Kovalenko")
    stored = set(PersonKey.objects.filter(person=olek, key__startswith="B:").values_list("key", flat=True))
    assert stored == {"B:oleksandr", "B:kovalenko", "B:kowalenko"}  # Коваленко folds to kovalenko

    def found(user, name):
        return [m.person for m in find_persons(user, PersonQuery(name=name))]

    assert matching_store.word_start_ids(agency.pk, ["kowal", "ol"]) == [olek.pk]
    assert matching_store.word_start_ids(agency.pk, ["kowal", "sandr"]) == []  # not a word start
    assert found(receptionist, "Ol Kowal") == [olek]
    assert found(outsider, "Ol Kowal") == []  # the twin has no such spelling
    assert found(outsider, "Ol Koval") == [twin]
    assert olek not in found(outsider, "Oleks Koval")
    # Through the key table: without its word-start keys the fragments find nobody.
    PersonKey.objects.filter(person=olek, key__startswith="B:").delete()
    assert found(receptionist, "Ol Kowal") == []


def test_word_start_ranges_hold_exactly_the_words_with_the_beginning():
    assert matching_store.word_start_range("stef") == ("B:stef", "B:steg")
    assert matching_store.word_start_range("stez") == ("B:stez", "B:stf")
    assert matching_store.word_start_range("ab9") == ("B:ab9", "B:aba")
    assert matching_store.word_start_range("zz") == ("B:zz", "C:")
    long = "a" * 80
    assert matching_store.word_start_range(long) == ("B:" + "a" * 62, "B:" + "a" * 61 + "b")
    # The engine's keys never fall into the word-start range.
    record = matching_store.record_of(make_record_person())
    assert not any(k.startswith(matching_store.WORD_START) for k in engine.index_keys(record))


def make_record_person() -> Person:
    return Person(given_names="Ștefan Ion", family_name="Popescu-Zaharia", birth_year=1990, birth_month=3, birth_day=7)
