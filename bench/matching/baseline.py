"""A trivial matcher with the engine's contract: the same person only when the names (lower case,
without diacritics, in any order) and the birth date are exactly the same. The floor any real
engine must beat, and a stand-in while the engine is being written."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from kurzweg.demo.spelling import romanian_cedilla, without_diacritics
from kurzweg.people.matching.records import Match, Reason, Record

EXACT_THRESHOLD = 0.95
LIKELY_THRESHOLD = 0.8
POSSIBLE_THRESHOLD = 0.5
DEFAULT_DUPLICATE_THRESHOLD = 0.8
NAME = "exact folded names + birth date (bench/matching/baseline.py)"

_NOT_LETTERS = re.compile(r"[^a-z]+")


def fold(text: str) -> str:
    return _NOT_LETTERS.sub(" ", without_diacritics(romanian_cedilla(text)).lower()).strip()


def name_key(record: Record) -> str:
    return " ".join(sorted(fold(f"{record.given_names} {record.family_name}").split()))


def date_key(record: Record) -> tuple[int | None, int | None, int | None]:
    return record.birth_year, record.birth_month, record.birth_day


def index_keys(record: Record) -> set[str]:
    return {name_key(record)} - {""}


def query_keys(record: Record) -> set[str]:
    return index_keys(record)


def compare(query: Record, candidate: Record) -> Match:
    if not name_key(query) or name_key(query) != name_key(candidate):
        return Match(candidate.id, 0.0, "possible")
    reasons = [Reason("same_name")]
    if date_key(query) == date_key(candidate) and query.birth_year is not None:
        reasons.append(Reason("same_birth_date"))
        score = 0.99 if query.birth_day is not None else 0.85
    elif query.birth_year is not None and query.birth_year == candidate.birth_year:
        reasons.append(Reason("same_birth_year"))
        score = 0.6
    else:
        score = 0.5
    level = "exact" if score >= EXACT_THRESHOLD else "likely" if score >= LIKELY_THRESHOLD else "possible"
    return Match(candidate.id, score, level, tuple(reasons))


def search(query: Record, candidates: Iterable[Record], limit: int = 10) -> list[Match]:
    matches = [m for m in (compare(query, c) for c in candidates) if m.score >= POSSIBLE_THRESHOLD]
    return sorted(matches, key=lambda m: (-m.score, m.id))[:limit]


def find_duplicates(
    records: Iterable[Record], *, threshold: float = DEFAULT_DUPLICATE_THRESHOLD, progress: Callable | None = None
) -> Iterator[tuple[str, str, float]]:
    groups: dict[tuple, list[str]] = defaultdict(list)
    for record in records:
        if name_key(record) and record.birth_year is not None:
            groups[(name_key(record), date_key(record))].append(record.id)
    for (_, date), ids in groups.items():
        score = 0.99 if date[2] is not None else 0.85
        if score < threshold:
            continue
        ids.sort()
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                yield a, b, score
