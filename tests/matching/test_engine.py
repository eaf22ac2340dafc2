"""The matching engine: levels, reasons, hard negatives, blocking, duplicates; property tests."""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kurzweg.people.matching.compare import NameFrequencies
from kurzweg.people.matching.engine import (
    DEFAULT_DUPLICATE_THRESHOLD,
    DUPLICATE_KINDS,
    EXACT_THRESHOLD,
    LIKELY_THRESHOLD,
    POSSIBLE_THRESHOLD,
    compare,
    find_duplicates,
    index_keys,
    keys_by_kind,
    query_keys,
    search,
)
from kurzweg.people.matching.records import Record

BASE = Record("a", "Mohammed", "Jafari", 1990, 3, 12, "M", ("AFG",), "Herat")


def person(**fields) -> Record:
    return replace(BASE, id=fields.pop("id", "b"), **fields)


def codes(match) -> set[str]:
    return {r.code for r in match.reasons}


def test_thresholds_are_ordered():
    assert 0 < POSSIBLE_THRESHOLD < LIKELY_THRESHOLD <= DEFAULT_DUPLICATE_THRESHOLD < EXACT_THRESHOLD < 1


def test_same_record_is_exact():
    m = compare(BASE, BASE)
    assert m.level == "exact"
    assert {"same_name", "same_birth_date", "same_sex", "same_nationality", "same_birth_place"} <= codes(m)


# --- true matches: each variant rule reaches `likely` (or better) with its reason ------------------

VARIANTS = [
    (dict(given_names="Muhammad", family_name="Dschafari"), {"known_spelling", "family_name_sounds_alike"}),
    (dict(given_names="MOHAMED", family_name="DJAFARI"), {"known_spelling", "family_name_sounds_alike"}),
    (dict(family_name="Ja'fari"), {"same_name"}),
    (dict(given_names="Mehmet"), {"known_spelling"}),
    (dict(given_names="Jafari", family_name="Mohammed"), {"names_swapped"}),
    (dict(given_names="Mohammed Ali"), {"same_name"}),  # father's name among the given names
    (dict(birth_month=12, birth_day=3), {"birth_date_day_month_swapped"}),
    (dict(birth_year=1991), {"birth_year_off_by_one"}),
    (dict(given_names="محمد", family_name="جعفری"), {"name_in_original_script"}),
    (dict(family_name="Jafary"), {"family_name_sounds_alike"}),
    (dict(family_name="Jafarti"), {"name_typo"}),
    (dict(given_names="Mohammed Jafari", family_name=""), {"same_name"}),  # all in one field
]


@pytest.mark.parametrize(("change", "reasons"), VARIANTS)
def test_variants_are_likely(change, reasons):
    m = compare(BASE, person(**change))
    assert m.level in ("likely", "exact"), m
    assert reasons <= codes(m), m


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            Record("a", "Oleksandr", "Shevchenko", 1980, 5, 6, "M", ("UKR",)),
            Record("b", "Alexander", "Schewtschenko", 1980, 5, 6, "M", ("UKR",)),
        ),
        (
            Record("a", "Олександр", "Шевченко", 1980, 5, 6, "M", ("UKR",)),
            Record("b", "Oleksandr", "Ševčenko", 1980, 5, 6, "M", ("UKR",)),
        ),
        (
            Record("a", "Ștefan", "Popescu", 1985, 7, 8, "M", ("ROU",)),
            Record("b", "STEFAN", "POPESCU", 1985, 7, 8, "M", ("ROU",)),
        ),
        (
            Record("a", "Péter", "Szabó", 1975, 2, 3, "M", ("HUN",)),
            Record("b", "Szabó", "Péter", 1975, 2, 3, "M", ("HUN",)),
        ),  # family name first
        (
            Record("a", "Yonas Tesfay", "", 1990, 4, 5, "M", ("ERI",)),
            Record("b", "Yonas", "Tesfay", 1990, 4, 5, "M", ("ERI",)),
        ),  # no family name
        (
            Record("a", "Abdulrahman", "Al-Hassan", 1992, 9, 9, "M", ("SYR",)),
            Record("b", "Abdul Rahman", "Alhassan", 1992, 9, 9, "M", ("SYR",)),
        ),
        (
            Record("a", "Hüseyin", "Yılmaz", 1970, 10, 11, "M", ("TUR",)),
            Record("b", "Huseyin", "Yilmaz", 1970, 10, 11, "M", ("TUR",)),
        ),
    ],
)
def test_transliterations_and_orders_are_likely(a, b):
    assert compare(a, b).level in ("likely", "exact")
    assert compare(b, a).level in ("likely", "exact")


def test_placeholder_birth_date_is_the_year():
    m = compare(BASE, person(birth_month=1, birth_day=1))
    assert "birth_date_placeholder" in codes(m)
    assert m.level == "possible"  # names and year only: could be a namesake


# --- hard negatives: never `likely`, never duplicates ---------------------------------------------

HARD_NEGATIVES = [
    ("sibling", person(given_names="Ali", birth_year=1993, birth_month=7, birth_day=1)),
    ("twin", person(given_names="Ali")),
    ("twin, similar names", person(given_names="Mahmoud")),
    ("father and son", person(birth_year=1962, birth_month=4, birth_day=20)),
    ("father, year only", person(birth_year=1962, birth_month=None, birth_day=None)),
    ("namesake, year only", person(birth_month=None, birth_day=None)),
    ("namesake, no date", person(birth_year=None, birth_month=None, birth_day=None)),
    ("sister", person(given_names="Fatima", sex="F")),
    ("other person, same date", person(given_names="Karim", family_name="Ahmadi")),
]


@pytest.mark.parametrize(("label", "other"), HARD_NEGATIVES, ids=[h[0] for h in HARD_NEGATIVES])
def test_hard_negatives_are_not_likely(label, other):
    assert compare(BASE, other).score < LIKELY_THRESHOLD
    assert compare(other, BASE).score < LIKELY_THRESHOLD


def test_twins_hassan_and_hussein_are_not_likely():
    a = Record("a", "Hassan", "Ahmadi", 2001, 2, 3, "M", ("AFG",))
    b = Record("b", "Hussein", "Ahmadi", 2001, 2, 3, "M", ("AFG",))
    assert compare(a, b).score < LIKELY_THRESHOLD


def test_many_namesakes_with_year_only_are_not_duplicates():
    namesakes = [Record(f"m{i}", "Mohammad", "Ahmadi", 1995, None, None, "M", ("AFG",)) for i in range(6)]
    freq = NameFrequencies.from_records(namesakes)
    assert compare(namesakes[0], namesakes[1], freq).score < LIKELY_THRESHOLD
    assert list(find_duplicates(namesakes, workers=1)) == []


def test_common_names_weigh_less_than_rare_ones():
    common = [Record(f"c{i}", "Mohammad", "Ahmadi", 1960 + i % 40, 1 + i % 12, 1 + i % 28, "M") for i in range(200)]
    rare = Record("r1", "Zabiullah", "Stanikzai", 1990, 5, 6, "M")
    freq = NameFrequencies.from_records([*common, rare])
    a = Record("q1", "Mohammad", "Ahmadi", 1990, 5, None, "M")
    b = Record("q2", "Zabiullah", "Stanikzai", 1990, 5, None, "M")
    assert compare(a, replace(a, id="x"), freq).score < compare(b, rare, freq).score


# --- search, keys, duplicates ------------------------------------------------------------------------


def test_search_ranks_best_first_and_drops_weak_matches():
    candidates = [
        person(id="1", given_names="Ali"),
        person(id="2", family_name="Dschafari"),
        person(id="3", given_names="Karim", family_name="Noorzai", birth_year=1950),
        BASE,
    ]
    results = search(BASE, candidates, limit=10)
    assert [m.id for m in results][:2] == ["a", "2"]
    assert "3" not in [m.id for m in results]
    assert all(m.score >= POSSIBLE_THRESHOLD for m in results)
    assert len(search(BASE, candidates, limit=1)) == 1


def test_arabic_script_query_finds_the_latin_passport_spelling():
    query = Record("q", "محمد", "جعفری")
    results = search(query, [BASE, person(id="x", given_names="Ali", family_name="Karimi")])
    assert [m.id for m in results] == ["a"]
    assert "name_in_original_script" in codes(results[0])
    assert query_keys(query) & index_keys(BASE)


@pytest.mark.parametrize(("change", "_reasons"), VARIANTS)
def test_variants_share_a_blocking_key(change, _reasons):
    assert index_keys(BASE) & query_keys(person(**change))


def test_keys_are_few_and_short():
    keys = index_keys(BASE)
    assert 3 <= len(keys) <= 20
    assert all(len(k) <= 64 for k in keys)


def test_find_duplicates_finds_variants_and_not_relatives():
    records = [
        BASE,
        person(id="b", given_names="Muhammad", family_name="Dschafari", birth_month=12, birth_day=3),
        person(id="c", given_names="Ali"),  # twin
        person(id="d", birth_year=1962, birth_month=4, birth_day=20),  # father
        Record("e", "Oleksandr", "Shevchenko", 1980, 5, 6, "M", ("UKR",)),
        Record("f", "Alexander", "Schewtschenko", 1980, 5, 6, "M", ("UKR",)),
    ]
    pairs = {(a, b) for a, b, score in find_duplicates(records, workers=1)}
    assert pairs == {("a", "b"), ("e", "f")}
    assert all(a < b for a, b in pairs)


def test_find_duplicates_in_two_processes_gives_the_same_pairs():
    from tests.matching.synthetic import Generator

    records = Generator(3).generate(400)
    one = sorted(find_duplicates(records, workers=1))
    two = sorted(find_duplicates(records, workers=2))
    assert one == two


def test_synthetic_precision_and_recall():
    from tests.matching.synthetic import evaluate

    result = evaluate(1000, seed=2)
    assert result["precision"] >= 0.98, result
    assert result["recall"] >= 0.75, result


# --- properties -----------------------------------------------------------------------------------

names = st.text(max_size=30)
records = st.builds(
    Record,
    id=st.just("x"),
    given_names=names,
    family_name=names,
    birth_year=st.none() | st.integers(1900, 2030),
    birth_month=st.none() | st.integers(1, 12),
    birth_day=st.none() | st.integers(1, 31),
    sex=st.sampled_from(["", "F", "M", "X", "U"]),
    nationalities=st.lists(st.sampled_from(["AFG", "SYR", "UKR", "XXX", "XXA"]), max_size=2).map(tuple),
    birth_place=names,
)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(records, records)
def test_compare_never_crashes_and_scores_are_probabilities(a, b):
    m = compare(a, b)
    assert 0.0 <= m.score <= 1.0
    assert m.level in ("exact", "likely", "possible")
    assert abs(m.score - compare(b, a).score) < 0.25  # symmetric-ish


@FAST
@given(records)
def test_search_never_crashes_and_a_record_finds_itself_first(record):
    other = Record("y", "Zzyzx", "Qwerty", 1901, 1, 2, "F")
    results = search(record, [other, record])
    index_keys(record), query_keys(record)
    if record.given_names.strip() or record.family_name.strip():
        if any(c.isalnum() for c in record.given_names + record.family_name) and results:
            assert results[0].id == "x"


@FAST
@given(
    st.from_regex(r"[A-Z][a-z]{2,10}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{2,10}", fullmatch=True),
    st.integers(1930, 2020),
    st.integers(2, 12),
    st.integers(2, 28),
)
def test_a_record_with_names_and_a_full_date_finds_itself_at_level_exact(given_name, family, year, month, day):
    record = Record("x", given_name, family, year, month, day, "M", ("SYR",))
    results = search(record, [record])
    assert results and results[0].level == "exact" and results[0].score >= EXACT_THRESHOLD
    assert index_keys(record) & query_keys(record)


# --- missing fields, date typos, blocking for typos on both names (issue 4 follow-up) ----------


def test_missing_given_name_with_full_date_and_place_is_likely_but_a_different_one_is_not():
    assert compare(BASE, person(given_names="")).level == "likely"
    assert compare(BASE, person(given_names="Zahra", sex="")).level == "possible"  # a twin


def test_one_mistyped_digit_of_the_birth_date_is_likely():
    m = compare(BASE, person(birth_month=8))  # 1990-03-12 / 1990-08-12
    assert m.level == "likely"
    assert "birth_date_typo" in codes(m)
    assert compare(BASE, person(birth_year=1960, birth_month=7)).level == "possible"


def test_twins_with_similar_established_names_stay_apart():
    twins = [
        Record(f"t{i}", given, "Ionescu", 1990, 11, 20, "F", ("ROU",), "Craiova")
        for i, given in enumerate(["Paulina", "Paulica"])
    ]
    others = [
        Record(f"o{i}", given, f"X{i}", 1980 + i % 20, 1, 2) for i, given in enumerate(["Paulina", "Paulica"] * 3)
    ]
    freq = NameFrequencies.from_records([*twins, *others])
    assert compare(twins[0], twins[1], freq).level == "possible"


def test_find_duplicates_blocks_typos_in_both_names_and_swapped_names():
    a = Record("a", "ljosbtad", "jackson", 1950, 4, 7, birth_place="sydney")
    b = Record("b", "jackson", "ljostad", 1950, 4, 7, birth_place="sydney")
    c = Record("c", "Keahsley", "Baake", 1969, 10, 15, birth_place="melbourne")
    d = Record("d", "Keahley", "Blake", 1969, 10, 15, birth_place="melbourne")
    found = {(x, y) for x, y, _ in find_duplicates([a, b, c, d], workers=1)}
    assert found == {("a", "b"), ("c", "d")}


def _registry(*names: str, copies: int = 4) -> list[Record]:
    return [
        Record(f"r{n}-{i}", given, f"Other{i}", 1970 + i, 3, 4) for n, given in enumerate(names) for i in range(copies)
    ]


def test_twins_with_same_skeleton_but_established_spellings_stay_apart():
    # Rania and Rana, Okseniia and Oksana share a phonetic skeleton but are different names.
    a = Record("a", "Rania", "Hamdan", 1989, 8, 24, "F", ("SYR",), "Raqqa", original_names=("رانيا حمدان",))
    b = Record("b", "Rana", "Hamdan", 1989, 8, 24, "F", ("SYR",), "Raqqa", original_names=("رنا حمدان",))
    c = Record("c", "Okseniia", "Kovalchuk", 1948, 7, 10, "F", ("UKR",), "Mykolaiv")
    d = Record("d", "Oksana", "Kovalchuk", 1948, 7, 10, "F", ("UKR",), "Mykolaiv")
    freq = NameFrequencies.from_records([a, b, c, d, *_registry("Rania", "Rana", "Okseniia", "Oksana")])
    assert compare(a, b, freq).level == "possible"
    assert compare(c, d, freq).level == "possible"
    # A rare spelling one letter off a common name is a typo: still likely.
    e = Record("e", "Oksanna", "Kovalchuk", 1948, 7, 10, "F", ("UKR",), "Mykolaiv")
    freq = NameFrequencies.from_records([d, e, *_registry("Oksana", copies=40)])
    assert compare(d, e, freq).level == "likely"


def test_whole_name_in_one_field_is_compared_word_by_word():
    # Twins: one record with the names swapped, the other with the name in Cyrillic only in one field.
    a = Record("a", "Hristov", "Dimitar", 1998, 5, 24, "M", ("BGR",), "Burgas")
    b = Record("b", "Todor", "Hristov", 1998, 5, 24, "M", ("BGR",), "Burgas", original_names=("Тодор Христов",))
    freq = NameFrequencies.from_records([a, b, *_registry("Todor", "Dimitar")])
    assert compare(a, b, freq).level == "possible"


def test_family_name_changed_with_rare_given_name_is_likely():
    a = Record("a", "makenzi", "chandler", 1971, 12, 13, birth_place="hoppers crossing")
    b = Record("b", "makenzi", "quan", 1971, 12, 13, birth_place="hoppers crossing")
    others = [Record(f"o{i}", "simone", f"x{i}", 1950 + i % 40, 1 + i % 12, 1 + i % 28) for i in range(2000)]
    freq = NameFrequencies.from_records([a, b, *others])
    assert compare(a, b, freq).level == "likely"
    # ... but not with a common given name, nor without the same birth place.
    c, d = replace(a, id="c", given_names="simone"), replace(b, id="d", given_names="simone")
    assert compare(c, d, freq).level == "possible"
    assert compare(a, replace(b, birth_place="perth"), freq).level == "possible"


def test_undated_record_of_a_name_borne_by_father_and_son_is_not_likely():
    father = Record("f", "Adam", "Burza", 1960, 8, 21, "M", ("POL",), "Szczecin")
    son = Record("s", "Adam", "Burza", 1987, 8, 21, "M", ("POL",), "Szczecin")
    undated = Record("u", "Adam", "Burza", None, None, None, "M", ("POL",), "Szczecin")
    freq = NameFrequencies.from_records([father, son, undated])
    assert compare(son, undated, freq).level == "possible"
    alone = NameFrequencies.from_records([son, undated])
    assert compare(son, undated, alone).level == "likely"


def test_search_orders_equal_scores_by_id():
    twins = [replace(BASE, id=i) for i in ("c", "a", "b")]
    for candidates in (twins, twins[::-1]):
        assert [m.id for m in search(BASE, candidates)] == ["a", "b", "c"]


def test_german_and_local_name_of_a_birth_place_are_the_same_place():
    a = Record("a", "Sandra", "Stój", 1993, sex="F", nationalities=("POL",), birth_place="Poznań")
    b = Record("b", "Sandra", "Stój", 1993, 5, 28, "F", ("POL",), "Posen")
    assert "same_birth_place" in codes(compare(a, b))
    assert "same_birth_place" in codes(compare(replace(a, birth_place="Halab"), replace(b, birth_place="Aleppo")))


def test_rare_names_with_a_typo_and_the_year_are_likely():
    records = [Record(str(i), "Ali", f"Name{i}", 1990) for i in range(200)]
    freq = NameFrequencies.from_records(records)
    a = Record("a", "Zahra", "Wardak", 2021, sex="F", nationalities=("AFG",), birth_place="Baghlan")
    b = Record("b", "Zahra", "Wardag", 2021, 1, 1, "F", ("AFG",), "Baghlan")
    assert compare(a, b, freq).level == "likely"


def test_find_duplicates_blocks_a_year_error_with_a_mistyped_family_name():
    a = Record("a", "Venera", "Stacu", 2003, 5, 18, "F", ("ROU",), "Botoșani")
    b = Record("b", "Venera", "Stancu", 2002, 5, 18, "F", ("ROU",), "Botoșani")
    assert [(x, y) for x, y, _ in find_duplicates([a, b], workers=1)] == [("a", "b")]


def test_a_date_error_with_a_different_birth_place_is_not_likely():
    assert compare(BASE, person(birth_month=8)).level == "likely"
    assert compare(BASE, person(birth_month=8, birth_place="Kabul")).level == "possible"
    assert compare(BASE, person(birth_year=1991, birth_place="Kabul")).level == "possible"


def test_a_date_typo_with_a_name_many_records_bear_is_not_likely():
    a = Record("a", "Olena", "Boiko", 2006, 3, 15, "F", ("UKR",), "Lviv")
    b = replace(a, id="b", birth_day=17)
    assert compare(a, b, NameFrequencies.from_records([a, b])).level == "likely"
    namesakes = [replace(a, id=f"n{i}", birth_year=1970 + i, birth_month=1 + i % 12) for i in range(12)]
    assert compare(a, b, NameFrequencies.from_records([a, b, *namesakes])).level == "possible"


def test_twins_with_swapped_fields_and_similar_established_names_stay_apart():
    a = Record("a", "Mansour", "Rasha", 2016, 7, 3, "F", ("SYR",), "Afrin")
    b = Record("b", "Aisha", "Mansour", 2016, 7, 3, "F", ("SYR",), "Afrin")
    freq = NameFrequencies.from_records([a, b, *_registry("Rasha", "Aisha")])
    assert compare(a, b, freq).level == "possible"


def test_original_script_does_not_join_two_established_given_names():
    # حسين (Hussein) and Hassan: without the short vowels the script cannot tell them apart.
    a = Record("a", "Hussein", "Haddad", 1980, 2, 4, "M", ("SYR",), "Homs", original_names=("حسين حداد",))
    b = Record("b", "Hassan", "Haddad", 1980, 2, 4, "M", ("SYR",), "Homs")
    freq = NameFrequencies.from_records([a, b, *_registry("Hussein", "Hassan")])
    assert compare(a, b, freq).level == "possible"


def test_find_duplicates_blocks_an_undated_record_with_a_mistyped_name():
    a = Record("a", "thomas", "huntinbg", None, None, None, birth_place="port macquarie")
    b = Record("b", "thomas", "hunting", 1927, 5, 13, birth_place="port macquarie")
    assert [(x, y) for x, y, _ in find_duplicates([a, b], workers=1)] == [("a", "b")]
    # The same block does not pair two dated records.
    c, d = replace(a, id="c", birth_year=1950), replace(b, id="d", birth_year=1990)
    shared = keys_by_kind(c, DUPLICATE_KINDS) & keys_by_kind(d, DUPLICATE_KINDS)
    assert shared and all(key.startswith("U:") for key in shared)
    assert list(find_duplicates([c, d], workers=1, threshold=0.0)) == []


def test_word_and_initial_keys_block_typos_with_year_errors_or_year_only_dates():
    a = Record("a", "Stoica", "Aristde", 1987, 1, 1, "M", ("ROU",), "Craiova")
    b = Record("b", "Aristide", "Stoica", 1987, 9, 26, "M", ("ROU",), "Craiova")
    assert keys_by_kind(a, "P") & keys_by_kind(b, "P")
    c = Record("c", "Mária", "Nagy", 1988, 1, 17, "F", ("HUN",), "Győr")
    d = Record("d", "NAGY", "MARIA", 1989, 1, 17, "F", ("HUN",), "Győr")
    assert keys_by_kind(c, "Q") & keys_by_kind(d, "Q")
