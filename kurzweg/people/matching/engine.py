"""The matching engine: blocking keys, search and duplicate detection (contract: docs/matching.md).

Blocking keys (short strings "<kind>:<value>"), built from phonetic word keys (`blocking_key`:
the skeleton, or for a given name with known equivalents the skeleton of its group, so that
Mehmet and Mohammed, Oleksandr and Aleksandr share keys):

    N:a|b        two name words, sorted (a given-name word with a family-name word; without a family
                 name, any two words): swapped fields, Hungarian order, father's name among the
                 given names all give the same key. No date: finds year typos and unknown dates.
    Y:a|b|1995   the same with the birth year (placeholder 01.01. counts as the year).
    D:f|3-12     a family-name word with day and month (sorted, so a day/month swap meets):
                 finds year errors and changed or mistyped given names.
    G:g|1995-3-12  the first given-name word with the full date (day/month sorted): finds
                 mistyped, changed or missing family names.
    T:w|1995     every name word with the birth year: searches with one name and a year.
    W:w          every name word: searches with one name only (large blocks; search only).
    K:kind:value a document or register number of at least identifiers.FUZZY_LENGTH characters
                 (passport:C01X00T47): the same person whatever the names (most records have none).

Only for `find_duplicates` (not stored, not looked up by search):

    E:w|1995-3-12  every name word with the full date: a typo in one name and the names swapped,
                 or the family name in the given-name field (Ljosbtad Jackson / Jackson Ljostad).
    F:a|b|1995-3-12  the first letters of the first given-name and first family-name word
                 (sorted) with the full date: typos in both names (Keahsley Baake / Keahley Blake).
    H:g|3-12     the first given-name word with day and month (sorted): a year error together with
                 a mistyped or missing family name (Venera Stacu 2003 / Venera Stancu 2002).
    I:f|a        a family-name word with the first letter of the first given-name word: typos in
                 the given name when the date is missing or wrong (Harrz Pardey / Harry Pardey).
                 Built by `keys_by_kind(record, "I")` but not used by default (see DUPLICATE_KINDS).
    P:w|i|1995   a name word with the first letter of the word it is paired with (as in N) and the
                 year: a typo in the other word with a year-only date (Stoica Aristde / Aristide
                 Stoica), where the T block of a common word is over its cap.
    Q:w|i|3-12   the same with day and month: a year error with swapped or mistyped names
                 (Nagy Maria 1988-01-17 / Mária Nagy 1989-01-17).
    U:w|i        the same without a date, only for pairs with a record without a birth year: a
                 typo in one name when one side has no date (Thomas Huntinbg / Thomas Hunting).

A true duplicate shares at least one key unless both names change their skeleton *and* the date
is not a full date, or the names and the date all change. `find_duplicates` uses N, Y, D, G, E,
F, H, T, P, Q, U and K and skips blocks above a cap (a giant block like N:MHMT|aHMTa is still covered by its
Y, D and G blocks, which are small). At 1,000,000 persons a full date has about 55 persons, so E
and F blocks stay small; the caps of the blocks without a full date (N, T, D, H, P, U) shrink in proportion
to the registry size (`block_caps`), so only the blocks of rarer names pass them.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from itertools import combinations

from .compare import (
    DEFAULT_DUPLICATE_THRESHOLD,
    EXACT_THRESHOLD,
    LIKELY_THRESHOLD,
    POSSIBLE_THRESHOLD,
    NameFrequencies,
    Prepared,
    compare,
    prepare,
    score_pair,
)
from .identifiers import blocking_values
from .normalize import name_tokens
from .phonetic import blocking_key
from .records import Match, Record

__all__ = [
    "DEFAULT_DUPLICATE_THRESHOLD",
    "EXACT_THRESHOLD",
    "LIKELY_THRESHOLD",
    "POSSIBLE_THRESHOLD",
    "NameFrequencies",
    "compare",
    "find_duplicates",
    "index_keys",
    "query_keys",
    "search",
]

# Blocks larger than this are skipped by find_duplicates (per key kind), for a registry of up to
# CAP_REFERENCE records. The blocks without a full date (N, T, and D without the year) grow
# with the registry; their caps shrink in proportion to its size (down to CAP_FLOOR), so that
# the candidate pairs per record stay about constant instead of growing with it. At 100,000
# persons this costs 0.5 points of synthetic recall against the caps tuned at 20,000 persons (25,000 records).
BLOCK_CAP = {"N": 60, "Y": 400, "D": 400, "G": 400, "E": 100, "F": 100, "H": 100, "I": 40, "T": 60}
BLOCK_CAP.update(P=100, Q=100, U=60, K=20)
CAP_REFERENCE = 30_000
CAP_FLOOR = {"P": 20, "U": 12, "N": 12, "D": 40, "H": 40, "I": 8, "T": 12}
# I (family-name word and initial) is not used: at 20,000 persons it made 58 % of the candidate
# pairs and found 3 more of FEBRL4's 5,000 true pairs and none of the synthetic ones.
DUPLICATE_KINDS = ("G", "D", "Y", "N", "E", "F", "H", "T", "P", "Q", "U", "K")
# Blocks of these kinds only pair a record without a birth year with the others.
UNDATED_KINDS = frozenset("U")
MAX_WORDS = 4  # words per name field used for keys


def block_caps(records: int) -> dict[str, int]:
    """The block caps of `find_duplicates` for a registry of this many records."""
    scale = min(1.0, CAP_REFERENCE / max(records, 1))
    return {
        kind: max(CAP_FLOOR[kind], round(cap * scale)) if kind in CAP_FLOOR else cap for kind, cap in BLOCK_CAP.items()
    }


def _words(text: str) -> list[str]:
    return [k for k in (blocking_key(t) for t in name_tokens(text, phonetic=True)[:MAX_WORDS]) if k]


def _name_variants(record: Record) -> list[tuple[list[str], list[str]]]:
    variants = [(_words(record.given_names), _words(record.family_name))]
    for given, family in record.other_names:
        variants.append((_words(given), _words(family)))
    for text in record.original_names:
        variants.append((_words(text), []))
    return variants


def _date_parts(record: Record) -> tuple[int | None, str | None]:
    year, month, day = record.birth_year, record.birth_month, record.birth_day
    if year is None:
        return None, None
    if month is None or day is None or (month == 1 and day == 1):
        return year, None
    low, high = sorted((month, day))
    return year, f"{low}-{high}"


def _initial(word: str) -> str:
    return word[:1].lower()


def keys_by_kind(record: Record, kinds: Iterable[str] = "NYDGTWK") -> set[str]:
    kinds = set(kinds)
    year, daymonth = _date_parts(record)
    keys: set[str] = set()
    if record.identifiers and "K" in kinds:
        keys.update(f"K:{value}" for value in blocking_values(record.identifiers))
    for given, family in _name_variants(record):
        if daymonth is not None:
            date = f"{year}-{daymonth}"
            if "E" in kinds:
                keys.update(f"E:{w}|{date}" for w in set(given) | set(family))
            if "F" in kinds and given:
                a, b = sorted((_initial(given[0]), _initial(family[0] if family else given[-1])))
                keys.add(f"F:{a}|{b}|{date}")
        if "I" in kinds and given:
            for f in family or given[1:]:
                keys.add(f"I:{f}|{_initial(given[0])}")
        if family:
            pairs = {tuple(sorted((g, f))) for g in given for f in family}
        else:
            pairs = {tuple(sorted(p)) for p in combinations(given, 2)}
        if not pairs and len(given) + len(family) == 1:
            pass
        for a, b in pairs:
            if "P" in kinds and year is not None:
                keys.add(f"P:{a}|{_initial(b)}|{year}")
                keys.add(f"P:{b}|{_initial(a)}|{year}")
            if "U" in kinds:
                keys.add(f"U:{a}|{_initial(b)}")
                keys.add(f"U:{b}|{_initial(a)}")
            if "Q" in kinds and daymonth is not None:
                keys.add(f"Q:{a}|{_initial(b)}|{daymonth}")
                keys.add(f"Q:{b}|{_initial(a)}|{daymonth}")
            if "N" in kinds:
                keys.add(f"N:{a}|{b}")
            if "Y" in kinds and year is not None:
                keys.add(f"Y:{a}|{b}|{year}")
        if daymonth is not None:
            if "D" in kinds:
                for f in family or given[1:]:
                    keys.add(f"D:{f}|{daymonth}")
            if "H" in kinds and given:
                keys.add(f"H:{given[0]}|{daymonth}")
            if "G" in kinds and given:
                keys.add(f"G:{given[0]}|{year}-{daymonth}")
                if not family and len(given) > 1:
                    keys.add(f"G:{given[1]}|{year}-{daymonth}")
        for w in set(given) | set(family):
            if "T" in kinds and year is not None:
                keys.add(f"T:{w}|{year}")
            if "W" in kinds:
                keys.add(f"W:{w}")
    return keys


def index_keys(record: Record) -> set[str]:
    """Blocking keys to store for a person."""
    return keys_by_kind(record)


def query_keys(record: Record) -> set[str]:
    """Keys to look up for a search: the same kinds; a query with fewer fields gives fewer keys
    (name only: N and W; one word and a year: T and W)."""
    return keys_by_kind(record)


def search(
    query: Record,
    candidates: Iterable[Record | Prepared],
    limit: int = 10,
    frequencies: NameFrequencies | None = None,
) -> list[Match]:
    """Ranked matches at level `possible` or better, best first; equal scores by id, so that the
    order does not depend on the order of the candidates."""
    q = prepare(query)
    scored: list[tuple[float, str, Prepared]] = []
    for candidate in candidates:
        c = prepare(candidate)
        score = score_pair(q, c, frequencies)[0]
        if score >= POSSIBLE_THRESHOLD:
            scored.append((-round(score, 6), c.record.id, c))
    best = heapq.nsmallest(limit, scored, key=lambda item: (item[0], item[1]))
    return [compare(q, c, frequencies) for _score, _id, c in best]


# --- duplicates --------------------------------------------------------------------------------


def find_duplicates(
    records: Iterable[Record],
    *,
    threshold: float = DEFAULT_DUPLICATE_THRESHOLD,
    progress: Callable[[int, int], object] | None = None,
    frequencies: NameFrequencies | None = None,
    workers: int | None = None,
    stats: dict | None = None,
) -> Iterator[tuple[str, str, float]]:
    """Pairs (id_a, id_b, score), id_a < id_b, that the engine judges the same person, each once:
    every pair that shares a block (within its cap) and scores at least `threshold`, in no
    particular order. `progress(done, total)` is called now and then with the chunks of candidate
    pairs scored. Without `frequencies`, a frequency table is built from the records themselves.
    The work is spread over `workers` processes (default: one per core, up to 8, from 20,000
    records on) where the platform can fork; the pairs are the same with one. How: `duplicates`."""
    from .duplicates import find_duplicates as run

    return run(records, threshold=threshold, progress=progress, frequencies=frequencies, workers=workers, stats=stats)
