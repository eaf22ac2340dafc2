"""find_duplicates over a registry: the same pairs as comparing every pair that shares a block,
in one process or several (kurzweg/people/matching/duplicates.py)."""

from collections import defaultdict
from dataclasses import replace
from itertools import combinations

import pytest

from kurzweg.people.matching import duplicates
from kurzweg.people.matching.compare import NameFrequencies, Prepared, score_pair
from kurzweg.people.matching.engine import DUPLICATE_KINDS, UNDATED_KINDS, block_caps, find_duplicates, keys_by_kind
from kurzweg.people.matching.records import Record
from tests.matching.synthetic import Generator


def every_pair_sharing_a_block(records: list[Record], threshold: float) -> list[tuple[str, str, float]]:
    """The definition, the slow way: every pair sharing a block within its cap (a block of
    UNDATED_KINDS only with a record without a birth year), scored."""
    by_key = defaultdict(list)
    for i, record in enumerate(records):
        for key in keys_by_kind(record, DUPLICATE_KINDS):
            by_key[key].append(i)
    caps = block_caps(len(records))
    candidates = set()
    for key, members in by_key.items():
        if len(members) > caps[key[0]]:
            continue
        for i, j in combinations(members, 2):
            if key[0] in UNDATED_KINDS and records[i].birth_year is not None and records[j].birth_year is not None:
                continue
            candidates.add((i, j))
    freq = NameFrequencies.from_records(records)
    prepared = [Prepared(r) for r in records]
    found = []
    for i, j in candidates:
        score = score_pair(prepared[i], prepared[j], freq)[0]
        if score >= threshold:
            a, b = sorted((records[i].id, records[j].id))
            found.append((a, b, round(score, 6)))
    return sorted(found)


@pytest.fixture(scope="module")
def registry() -> list[Record]:
    records = Generator(5).generate(1500)
    # Records with identifiers: a number for life lifts the rules for a different date or sex, so
    # such pairs must be scored even though their dates differ.
    twin = replace(records[0], id="z1", identifiers=("azr::123456789",))
    other = replace(
        records[0],
        id="z2",
        birth_year=(records[0].birth_year or 1980) + 7,
        sex="F" if records[0].sex == "M" else "M",
        identifiers=("azr::123456789",),
    )
    return [*records, twin, other]


@pytest.mark.parametrize("threshold", [0.8, 0.5])
def test_the_same_pairs_as_scoring_every_pair_that_shares_a_block(registry, threshold):
    expected = every_pair_sharing_a_block(registry, threshold)
    assert expected
    assert sorted(find_duplicates(registry, threshold=threshold, workers=1)) == expected


def test_worker_processes_give_exactly_the_pairs_of_one_process(registry):
    stats_one: dict = {}
    stats_two: dict = {}
    one = sorted(find_duplicates(registry, workers=1, stats=stats_one))
    two = sorted(find_duplicates(registry, workers=2, stats=stats_two))
    assert one == two
    assert ("z1", "z2") in {(a, b) for a, b, _ in one}
    assert stats_one["candidates"] == stats_two["candidates"] > 0
    assert stats_one["blocks"] == stats_two["blocks"]


def test_a_pair_that_shares_several_blocks_comes_once():
    a = Record("a", "Oleksandr", "Shevchenko", 1980, 5, 6, "M", ("UKR",))
    b = Record("b", "Oleksandr", "Shevchenko", 1980, 5, 6, "M", ("UKR",))
    assert len(keys_by_kind(a, DUPLICATE_KINDS)) > 5
    assert [(x, y) for x, y, _ in find_duplicates([a, b], workers=2)] == [("a", "b")]


@pytest.mark.parametrize(
    "date",
    [(1980, 5, 6), (1980, 1, 1), (1980, None, None), (1980, 5, None), (None, None, None), (1980, None, 3)],
)
def test_the_date_filter_reads_a_date_as_the_comparison_does(date):
    prepared = Prepared(Record("a", "Ali", "Haddad", *date))
    if prepared.year is None:
        return
    mine = duplicates._Date(*date)
    for field in ("year", "month", "day", "full", "placeholder"):
        assert getattr(mine, field) == getattr(prepared, field), field


def test_the_date_shortcut_answers_as_compare_dates():
    from kurzweg.people.matching.compare import compare_dates

    raw = [(1980, 5, 6), (1980, 6, 5), (1981, 5, 6), (1908, 5, 6), (1980, 5, 16), (1980, 1, 1), (1980, None, None)]
    raw += [(1991, 1, 5), (1990, 11, 5), (1990, 1, 15), (1919, 1, 5), (1990, 10, 15), (1980, 5, None), (1979, 12, 31)]
    raw += [(y, m, d) for y in (1989, 1990, 1998, 2000) for m in (1, 2, 10, 11, 12) for d in (1, 2, 10, 12, 21)]
    dates = [duplicates._Date(*r) for r in raw]
    for a in dates:
        for b in dates:
            if a is not b:
                expected = compare_dates(a, b) == "different_birth_date"  # type: ignore[arg-type]
                assert duplicates._dates_differ(a, b) == expected, (a.year, a.month, a.day, b.year, b.month, b.day)
    duplicates._DATES_APART.clear()


def test_each_chunk_is_taken_once_own_run_first_then_the_others_from_their_end():
    import multiprocessing

    lanes = multiprocessing.get_context("fork").Array("l", [0, 3, 3, 7])  # runs 0-2 and 3-6
    assert duplicates._take(1, lanes) == 3
    taken = [duplicates._take(0, lanes) for _ in range(6)]
    assert taken == [0, 1, 2, 6, 5, 4]
    assert duplicates._take(0, lanes) is None
    assert duplicates._take(1, lanes) is None
