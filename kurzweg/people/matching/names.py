"""Name comparison: the words of a name field, their phonetic keys and known equivalents, the
comparison level of two fields (exact, phonetic, known spelling, Jaro-Winkler 0.92 / 0.85,
conflict, disagree, missing), its weight in bits, and the best arrangement of two names
(straight, swapped, or all words pooled). Used by `compare` (the Fellegi–Sunter score).

Name weights depend on how common a name is: pass a `NameFrequencies` table built from the
registry; agreeing on "Mohammad" says less than agreeing on "Zabiullah".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler

from .normalize import has_foreign_script, name_tokens, without_article
from .phonetic import given_group, skeleton, spelling_key
from .records import Record

# --- name levels -------------------------------------------------------------------------------

EXACT, PHONETIC, KNOWN, JW92, JW85, CONFLICT, DISAGREE, MISSING = 7, 6, 5, 4, 3, 2, 1, 0
AGREEING = JW85  # levels >= this count as agreement
LEVEL_NAMES = {
    EXACT: "exact",
    PHONETIC: "phonetic",
    KNOWN: "known",
    JW92: "jw92",
    JW85: "jw85",
    CONFLICT: "conflict",
    DISAGREE: "disagree",
    MISSING: "missing",
}
# Per token: m, and u as a multiple of the token's frequency plus a floor for chance similarity.
NAME_M = {EXACT: 0.80, PHONETIC: 0.10, KNOWN: 0.08, JW92: 0.04, JW85: 0.02}
NAME_U_FACTOR = {EXACT: 1.0, PHONETIC: 1.3, KNOWN: 1.5, JW92: 3.0, JW85: 6.0}
NAME_U_FLOOR = {EXACT: 0.0, PHONETIC: 0.0, KNOWN: 0.0, JW92: 0.001, JW85: 0.005}
# Without a frequency table: how common a given-name or family-name word is assumed to be.
DEFAULT_GIVEN_FREQUENCY = 0.01
DEFAULT_FAMILY_FREQUENCY = 0.003
PSEUDO_PERSONS = 1000
# Field-level disagreement, bits: both given names present and no word in common; first word in
# common but another word differing (Mohammad Ali / Mohammad Reza); family names (they change at
# marriage, so less).
GIVEN_DISAGREE_BITS = math.log2(0.03 / 0.97)  # -5.0
GIVEN_CONFLICT_BITS = math.log2(0.05 / 0.05)  # 0
FAMILY_DISAGREE_BITS = math.log2(0.06 / 0.97)  # -4.0
PARTIAL_BITS = -2.0  # the shorter name is a part of the longer one (father's name, second name)
SWAPPED_BITS = -1.0  # given and family name swapped
JW92_SIMILARITY = 0.92
JW85_SIMILARITY = 0.85


# --- name frequencies ----------------------------------------------------------------------------


class NameFrequencies:
    """How often each name word (by phonetic skeleton) occurs among the persons searched or
    deduplicated, as given name and as family name. Build it with `from_records` (or from counts
    kept in the database) and pass it to compare/search/find_duplicates."""

    def __init__(
        self,
        given: Counter[str],
        family: Counter[str],
        total: int,
        combinations: Counter[str] | None = None,
        *,
        spellings: Counter[str] | None = None,
        years: dict[str, tuple[int, int]] | None = None,
    ) -> None:
        self.given, self.family, self.total = given, family, max(total, 1)
        self.combinations = combinations if combinations is not None else Counter()
        # Given-name words by `spelling_key` (finer than the skeleton): Rania and Rana apart.
        self.spellings = spellings if spellings is not None else Counter()
        # Per first given-name and family-name word (combination_key without a year): the
        # earliest and latest birth year seen.
        self.years = years if years is not None else {}
        self._floor = 0.5 / self.total
        # Smoothing: the table counts as if PSEUDO_PERSONS more persons with default frequencies
        # had been seen, so that a handful of records does not make a name "common".
        self._n = self.total + PSEUDO_PERSONS

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> NameFrequencies:
        given: Counter[str] = Counter()
        family: Counter[str] = Counter()
        combinations: Counter[str] = Counter()
        spellings: Counter[str] = Counter()
        years: dict[str, tuple[int, int]] = {}
        total = 0
        for record in records:
            total += 1
            g, f = _skeletons(record.given_names), _skeletons(record.family_name)
            given.update(set(g))
            family.update(set(f))
            spellings.update({spelling_key(t) for t in name_tokens(record.given_names)})
            if g and f:
                name = combination_key(g[0], f[0])
                combinations[name] += 1
                if record.birth_year is not None:
                    low, high = years.get(name, (record.birth_year, record.birth_year))
                    years[name] = (min(low, record.birth_year), max(high, record.birth_year))
                    combinations[combination_key(g[0], f[0], record.birth_year)] += 1
                    if record.birth_month is None or (record.birth_month, record.birth_day) == (1, 1):
                        # Year only: such records cannot be told apart by their dates.
                        combinations[combination_key(g[0], f[0], f"{record.birth_year}?")] += 1
        return cls(given, family, total, combinations, spellings=spellings, years=years)

    def spelling_count(self, token: str) -> int:
        """How many persons have this folded word (by `spelling_key`) among their given names."""
        return self.spellings.get(spelling_key(token), 0)

    def year_spread(self, given_key: str, family_key: str) -> int:
        """Years between the earliest and the latest birth year of the persons with this first
        given-name word and family-name word (0 if at most one year is known)."""
        low, high = self.years.get(combination_key(given_key, family_key), (0, 0))
        return high - low

    def combination_count(self, given_key: str, family_key: str, year: int | str | None = None) -> int:
        """How many persons have this first given-name word and family-name word (by phonetic key),
        born in `year` if given."""
        return self.combinations.get(combination_key(given_key, family_key, year), 0)

    def given_frequency(self, key: str) -> float:
        return (self.given.get(key, 0) + PSEUDO_PERSONS * DEFAULT_GIVEN_FREQUENCY) / self._n

    def family_frequency(self, key: str) -> float:
        return (self.family.get(key, 0) + PSEUDO_PERSONS * DEFAULT_FAMILY_FREQUENCY) / self._n

    def any_frequency(self, key: str) -> float:
        count = self.given.get(key, 0) + self.family.get(key, 0)
        return (count + PSEUDO_PERSONS * DEFAULT_FAMILY_FREQUENCY) / self._n


def combination_key(given_key: str, family_key: str, year: int | str | None = None) -> str:
    return f"{given_key}|{family_key}|{year or ''}"


def _skeletons(text: str) -> list[str]:
    return [skeleton(t) for t in name_tokens(text, phonetic=True)]


class Field:
    """One name field, folded: words, their phonetic keys and equivalence groups."""

    __slots__ = ("groups", "jkey", "joined", "keys", "original", "text", "tokens")

    def __init__(self, text: str) -> None:
        self.text = text
        self.original = has_foreign_script(text)
        self.tokens = name_tokens(text)
        phonetic = name_tokens(text, phonetic=True)
        if len(phonetic) != len(self.tokens):
            phonetic = self.tokens
        self.keys = tuple(skeleton(t) for t in phonetic)
        self.groups = tuple(given_group(t) for t in self.tokens)
        self.joined = "".join(self.tokens)
        self.jkey = skeleton("".join(phonetic))

    def __bool__(self) -> bool:
        return bool(self.tokens)

    @staticmethod
    def join(a: Field, b: Field) -> Field:
        return Field(f"{a.text} {b.text}".strip())


@dataclass(slots=True)
class Names:
    given: Field
    family: Field
    everything: Field
    original: bool


# Kept per spelling: a search prepares each of its candidates, and find-duplicates every record;
# the same names ("Mohammad", "Ahmadi") come again and again. Fields and Names are never changed
# once made, so sharing them is safe.
@lru_cache(maxsize=100_000)
def _names(given: str, family: str) -> Names:
    g, f = _field(given), _field(family)
    return Names(g, f, Field.join(g, f), g.original or f.original)


@lru_cache(maxsize=100_000)
def _field(text: str) -> Field:
    return Field(text)


# --- names -------------------------------------------------------------------------------------------


def token_level(a: str, ka: str, ga: str | None, b: str, kb: str, gb: str | None) -> int:
    if a == b:
        return EXACT
    if ga is not None and gb is not None:
        # Both known names: the table decides (Hassan and Hussein sound alike but are brothers).
        return KNOWN if ga == gb else DISAGREE
    if ka == kb and ka and (len(ka) > 1 or a[:1] == b[:1]):
        return PHONETIC
    a2, b2 = without_article(a), without_article(b)
    if (a2 != a or b2 != b) and (a2 == b2 or skeleton(a2) == skeleton(b2)):
        return PHONETIC  # Alhassan / Al-Hassan / Hassan
    similarity = JaroWinkler.normalized_similarity(a, b)
    if similarity >= JW92_SIMILARITY:
        return JW92
    if similarity >= JW85_SIMILARITY:
        return JW85
    if len(a) >= 3 and len(b) > len(a) and b.startswith(a):
        return JW85  # typed so far: "Moh" for Mohammed
    return DISAGREE


@dataclass(slots=True)
class FieldResult:
    level: int
    partial: bool
    pairs: list[tuple[int, int, int]]  # (index in a, index in b, level) of aligned words


_MISSING = FieldResult(MISSING, False, [])


def compare_fields(a: Field, b: Field) -> FieldResult:
    if not a.tokens or not b.tokens:
        return _MISSING
    if a.joined == b.joined:
        if len(a.tokens) == len(b.tokens):
            return FieldResult(EXACT, False, [(i, i, EXACT) for i in range(len(a.tokens))])
        return FieldResult(EXACT, False, [(0, 0, EXACT)])
    swapped = len(a.tokens) > len(b.tokens)
    short, long = (b, a) if swapped else (a, b)
    used: set[int] = set()
    pairs: list[tuple[int, int, int]] = []
    for i, (t, k, g) in enumerate(zip(short.tokens, short.keys, short.groups, strict=True)):
        best, best_j = DISAGREE, -1
        for j, (u, kk, gg) in enumerate(zip(long.tokens, long.keys, long.groups, strict=True)):
            if j in used:
                continue
            level = token_level(t, k, g, u, kk, gg)
            if level > best:
                best, best_j = level, j
                if level == EXACT:
                    break
        if best_j >= 0:
            used.add(best_j)
            pairs.append((best_j, i, best) if swapped else (i, best_j, best))
    matched = [p[2] for p in pairs]
    if len(matched) == len(short.tokens):
        level = min(matched)
        partial = len(short.tokens) < len(long.tokens)
        result = FieldResult(level, partial, pairs)
    elif matched:
        result = FieldResult(CONFLICT, False, pairs)
    else:
        result = FieldResult(DISAGREE, False, [])
    if result.level < EXACT and (result.level < JW92 or result.partial) and (len(a.tokens) > 1 or len(b.tokens) > 1):
        # Written together or apart differently (Abdul Rahman / Abdulrahman), or a typo across words.
        if result.level == CONFLICT:
            return result  # one word the same, another clearly different: Amal Kurdi / Salma Kurdi
        if a.jkey == b.jkey and len(a.jkey) > 2:
            return FieldResult(PHONETIC, False, [(0, 0, PHONETIC)])
        similarity = JaroWinkler.normalized_similarity(a.joined, b.joined)
        if similarity >= JW92_SIMILARITY and (result.level < JW92 or result.partial):
            return FieldResult(JW92, False, [(0, 0, JW92)])
    return result


def _token_bits(level: int, frequency: float) -> float:
    u = min(0.9, frequency * NAME_U_FACTOR[level] + NAME_U_FLOOR[level])
    return math.log2(NAME_M[level] / u)


def _field_bits(result: FieldResult, a: Field, b: Field, role: str, freq: NameFrequencies | None) -> float:
    if result.level == MISSING:
        return 0.0
    if result.level == DISAGREE:
        return GIVEN_DISAGREE_BITS if role == "given" else FAMILY_DISAGREE_BITS
    bits = 0.0
    for i, _j, level in result.pairs:
        if level < AGREEING:
            continue
        key = a.keys[i] if i < len(a.keys) else a.jkey
        if len(result.pairs) == 1 and (len(a.tokens) > 1 or len(b.tokens) > 1) and not result.partial:
            key = a.jkey  # compared as one word
        if freq is None:
            f = DEFAULT_GIVEN_FREQUENCY if role == "given" else DEFAULT_FAMILY_FREQUENCY
        elif role == "given":
            f = freq.given_frequency(key)
        elif role == "family":
            f = freq.family_frequency(key)
        else:
            f = freq.any_frequency(key)
        bits += _token_bits(level, f)
    if result.level == CONFLICT:
        bits = min(bits, 0.0) + GIVEN_CONFLICT_BITS
    if result.partial:
        bits += PARTIAL_BITS
    return bits


@dataclass(slots=True)
class NameComparison:
    bits: float
    given: FieldResult
    family: FieldResult
    arrangement: str  # "straight", "swapped", "pooled"
    query: Names
    candidate: Names
    rare: float  # log2 of the frequency product of the agreeing words (for the namesake rule)


def _frequency_log(result: FieldResult, a: Field, role: str, freq: NameFrequencies | None) -> float:
    if freq is None:
        return 0.0
    total = 0.0
    for i, _j, level in result.pairs:
        if level >= AGREEING:
            key = a.keys[i] if i < len(a.keys) else a.jkey
            f = freq.given_frequency(key) if role == "given" else freq.family_frequency(key)
            if role == "pooled":
                f = freq.any_frequency(key)
            # u of the level: a typo or sound-alike also meets the names close to this one.
            total += math.log2(min(0.9, f * NAME_U_FACTOR[level] + NAME_U_FLOOR[level]))
    return total


def compare_names(q: Names, c: Names, freq: NameFrequencies | None) -> NameComparison:
    best: NameComparison | None = None
    g = compare_fields(q.given, c.given)
    f = compare_fields(q.family, c.family)
    bits = _field_bits(g, q.given, c.given, "given", freq) + _field_bits(f, q.family, c.family, "family", freq)
    rare = _frequency_log(g, q.given, "given", freq) + _frequency_log(f, q.family, "family", freq)
    best = NameComparison(bits, g, f, "straight", q, c, rare)
    if (g.level < PHONETIC or f.level < PHONETIC) and (q.family or c.family):
        g2 = compare_fields(q.given, c.family)
        f2 = compare_fields(q.family, c.given)
        if g2.level >= AGREEING and f2.level >= AGREEING:
            bits2 = (
                _field_bits(g2, q.given, c.family, "given", freq)
                + _field_bits(f2, q.family, c.given, "family", freq)
                + SWAPPED_BITS
            )
            if bits2 > best.bits:
                rare2 = _frequency_log(g2, q.given, "given", freq) + _frequency_log(f2, q.family, "family", freq)
                best = NameComparison(bits2, g2, f2, "swapped", q, c, rare2)
    # One side has both fields, the other a whole name of several words in the given-name field
    # (a name in original script, Hungarian order in one field): the straight comparison would
    # match a part of it and ignore the rest (Hristov Dimitar / Тодор Христов), so all words are
    # compared at once instead, even if that scores lower.
    whole = (not c.family and len(c.given.tokens) > 1 and bool(q.family)) or (
        not q.family and len(q.given.tokens) > 1 and bool(c.family)
    )
    if whole:
        best.bits = -math.inf
    if (
        whole
        or not (q.given and q.family and c.given and c.family)
        or (best.given.level < AGREEING or best.family.level < AGREEING)
    ):
        # A field missing on one side, a whole name in one field (Hungarian order, Eritrean
        # names), or the words spread differently over the fields: compare all words at once.
        p = compare_fields(q.everything, c.everything)
        if p.level >= AGREEING:
            bits3 = _field_bits(p, q.everything, c.everything, "pooled", freq)
            if not (q.given and q.family and c.given and c.family):
                pass
            else:
                bits3 += SWAPPED_BITS
            if bits3 > best.bits:
                rare3 = _frequency_log(p, q.everything, "pooled", freq)
                best = NameComparison(bits3, p, _MISSING, "pooled", q, c, rare3)
        elif whole:
            bits3 = _field_bits(p, q.everything, c.everything, "pooled", freq)
            best = NameComparison(min(bits3, GIVEN_DISAGREE_BITS), p, _MISSING, "pooled", q, c, 0.0)
    return best
