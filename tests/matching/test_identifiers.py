"""Identifiers (passport, AZR and other numbers) in the matching engine: the same number tells a
person from a twin or namesake, a different one from a twin that looks alike."""

from dataclasses import replace

from kurzweg.people.matching.engine import DUPLICATE_KINDS, compare, find_duplicates, index_keys, keys_by_kind
from kurzweg.people.matching.identifiers import identifier, in_sequence, one_typo, parse, relation
from kurzweg.people.matching.records import Record

AMIRA = Record("a", "Amira", "Jafari", 1990, 3, 12, "F", ("AFG",), "Herat")
LEILA = replace(AMIRA, id="b", given_names="Leila")  # what her twin sister looks like


def passport(value: str, country: str = "AFG") -> tuple[str, ...]:
    return (identifier("passport", value, country),)


def codes(match) -> set[str]:
    return {r.code for r in match.reasons}


def test_identifiers_are_normalised_to_kind_country_and_value():
    assert identifier("Passport", " p12-345 67 ", "afg") == "passport:AFG:P1234567"
    assert identifier("azr", "1234.5678/9012") == "azr::123456789012"
    assert identifier("passport", "ав 123456", "UKR") == identifier("passport", "AB-123456", "ukr")  # Cyrillic АВ
    assert identifier("azr", "۱۲۳۴۵۶۷۸۹۰۱۲") == "azr::123456789012"  # Persian digits
    # Too short or a placeholder: not compared at all.
    assert parse(("passport::123", "passport::000000", "passport::XXXXXXXX", "azr::4711")) == (("azr", "", "4711"),)


def test_a_typo_is_one_character_or_two_neighbours_in_a_long_value_but_not_a_number_in_sequence():
    assert one_typo("P1234567", "P1294567") and one_typo("P1234567", "P1243567")
    assert not one_typo("P1234567", "P1294569")  # two characters
    assert not one_typo("12345", "12945")  # too short to trust a typo
    # Twins apply together and get consecutive numbers: they differ like a typo, but are not one.
    assert in_sequence("C01X00T47", "C01X00T48") and in_sequence("C01X00T49", "C01X00T50")
    assert not one_typo("C01X00T47", "C01X00T48")
    assert not in_sequence("C01X00T47", "C01Y00T47")


def test_the_same_passport_number_with_a_typo_is_the_same_person_despite_twin_like_names():
    assert compare(AMIRA, LEILA).level == "possible"  # without numbers: twins
    same = compare(replace(AMIRA, identifiers=passport("P1234567")), replace(LEILA, identifiers=passport("P1234567")))
    assert same.level == "likely" and "same_identifier" in codes(same)
    typo = compare(replace(AMIRA, identifiers=passport("P1234567")), replace(LEILA, identifiers=passport("p 1294-567")))
    assert typo.level == "likely" and "identifier_typo" in codes(typo)
    reason = next(r for r in typo.reasons if r.code == "identifier_typo")
    assert (reason.query_value, reason.record_value) == ("passport:AFG:P1234567", "passport:AFG:P1294567")


def test_twins_with_different_or_consecutive_passport_numbers_are_never_merged():
    for other in ("K7741902", "P1234568"):  # another number, the next number
        a = replace(AMIRA, identifiers=passport("P1234567"))
        b = replace(LEILA, identifiers=passport(other))
        m = compare(a, b)
        assert m.level == "possible" and "different_identifier" in codes(m)
        assert list(find_duplicates([a, b])) == []


def test_a_different_number_of_the_same_kind_counts_against_and_forbids_exact():
    base = replace(AMIRA, identifiers=passport("P1234567"))
    assert compare(base, replace(base, id="b")).level == "exact"
    renewed = compare(base, replace(base, id="b", identifiers=passport("R7654321")))
    # The same person with a renewed passport is still likely, but no longer certain.
    assert renewed.level == "likely" and renewed.score < compare(base, replace(base, id="b")).score
    # Another kind, or another issuing country: nothing to compare.
    for other in (passport("R7654321", "IRN"), (identifier("azr", "R7654321"),)):
        m = compare(base, replace(base, id="b", identifiers=other))
        assert m.level == "exact" and not codes(m) & {"different_identifier", "same_identifier"}


def test_short_numbers_do_not_fuzzy_match_nor_lift_the_twin_rule():
    short = compare(replace(AMIRA, identifiers=passport("48151")), replace(LEILA, identifiers=passport("48152")))
    assert "different_identifier" in codes(short) and short.level == "possible"
    same_short = compare(replace(AMIRA, identifiers=passport("48151")), replace(LEILA, identifiers=passport("48151")))
    assert "same_identifier" in codes(same_short) and same_short.level == "possible"
    assert not any(k.startswith("K:") for k in index_keys(replace(AMIRA, identifiers=passport("48151"))))


def test_a_number_for_life_lifts_a_different_birth_date_a_document_does_not():
    # One register number per person: a mistyped date. A passport may hold a parent and a child.
    mother = replace(AMIRA, birth_year=1968, birth_month=7, birth_day=30)
    for kind, level in (("azr", "likely"), ("passport", "possible")):
        number = (identifier(kind, "100042917733"),)
        m = compare(replace(AMIRA, identifiers=number), replace(mother, identifiers=number))
        assert m.level == level, kind


def test_records_sharing_a_number_are_compared_even_when_no_name_agrees():
    number = (identifier("azr", "100042917733"),)
    a = replace(AMIRA, identifiers=number)
    b = Record("b", "Nadia", "Rahimi", 1990, 3, 12, "F", ("AFG",), "Herat", identifiers=number)
    assert keys_by_kind(a, DUPLICATE_KINDS) & keys_by_kind(b, DUPLICATE_KINDS) == {"K:azr:100042917733"}
    assert [(x, y) for x, y, _score in find_duplicates([a, b], workers=1)] == [("a", "b")]
    assert list(find_duplicates([replace(a, identifiers=()), replace(b, identifiers=())], workers=1)) == []


def test_the_best_relation_of_several_identifiers_counts():
    a = (identifier("passport", "R7654321", "AFG"), identifier("azr", "100042917733"))
    b = (identifier("passport", "P1234567", "AFG"), identifier("azr", "100042917733"))
    assert relation(parse(a), parse(b))[0] == "same"
    assert relation(parse(a[:1]), parse(b[:1]))[0] == "different"
    assert relation(parse(a[:1]), parse(b[1:]))[0] == ""
