"""Synthetic registry with ground truth: true persons from the demo's generators, duplicate records
of some of them as other offices write them, and hard negatives made on purpose (twins, siblings,
father and son of the same name, many different people of the same name and birth year)."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field, replace

from kurzweg.demo import names as t
from kurzweg.people.matching.identifiers import identifier
from kurzweg.people.matching.records import Record

from . import variants as v
from .truth import People, Truth, base_record

DUPLICATE_SHARE = 0.22  # share of persons registered more than once
EXTRA_RECORDS = {1: 80, 2: 15, 3: 5}  # how many more records such a person has
VARIANT_COUNT = {0: 8, 1: 52, 2: 30, 3: 10}  # how many spelling/date variants one more record has
RELATIVE_SHARE = {"twin": 0.01, "sibling": 0.01, "father_son": 0.01}
SAME_NAME_SHARE = 0.02
# The same common name, many different people: (nationality, given, family, table of given, table of family)
COMMON_NAMES = [
    ("AFG", "Mohammad", "Ahmadi", t.PERSIAN_MALE, t.PERSIAN_FAMILY),
    ("AFG", "Ali", "Hosseini", t.PERSIAN_MALE, t.PERSIAN_FAMILY),
    ("AFG", "Ahmad", "Mohammadi", t.PERSIAN_MALE, t.PERSIAN_FAMILY),
    ("SYR", "Mohammed", "Al-Hassan", t.ARABIC_MALE, t.ARABIC_FAMILY),
    ("SYR", "Ahmad", "Khalil", t.ARABIC_MALE, t.ARABIC_FAMILY),
    ("IRQ", "Ali", "Al-Jubouri", t.ARABIC_MALE, t.IRAQI_FAMILY),
]

# With `passports` (--passports SHARE): that share of the persons has a passport number on file.
# The first record of such a person carries it, each further one with PASSPORT_ON_RECORD; of
# those, PASSPORT_RENEWED show a new passport's number and PASSPORT_TYPO one digit mistyped or two
# swapped. A twin or sibling applied together with the other half of the time and got a number
# 1 to 3 after theirs; father and son, and the many persons of one common name, have their own.
# The issuing country is on file with PASSPORT_COUNTRY. The default figures have no numbers.
PASSPORT_ON_RECORD = 0.7
PASSPORT_RENEWED = 0.15
PASSPORT_TYPO = 0.05
PASSPORT_TOGETHER = 0.5
PASSPORT_COUNTRY = 0.7

Pair = tuple[str, str]


@dataclass(frozen=True)
class Query:
    record: Record
    targets: frozenset[str]  # ids of the person's records; empty: the person is not in the registry
    kind: str


@dataclass
class Synthetic:
    records: list[Record]
    true_pairs: set[Pair]
    pair_variants: dict[Pair, tuple[str, ...]]  # the variants that separate the two records of a true pair
    hard_negatives: dict[Pair, str]  # pairs of different persons made to look alike, and how
    truths: list[Truth]
    records_of: dict[int, list[str]]  # true person → record ids
    queries: list[Query] = field(default_factory=list)
    people: People | None = None

    def summary(self) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for kind in self.hard_negatives.values():
            kinds[kind] = kinds.get(kind, 0) + 1
        return {
            "persons": len(self.truths),
            "records": len(self.records),
            "true_pairs": len(self.true_pairs),
            **{f"hard_negative_pairs_{k}": n for k, n in sorted(kinds.items())},
        }


def pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def part(table: list[t.Part], latin: str) -> t.Part:
    return next(p for p in table if p.latin == latin)


def draw_truths(people: People, persons: int) -> tuple[list[Truth], list[tuple[Truth, Truth, str]]]:
    rng = people.rng
    extra = sum(RELATIVE_SHARE.values()) + SAME_NAME_SHARE
    truths = people.draw(round(persons * (1 - extra)))
    related: list[tuple[Truth, Truth, str]] = []
    for kind, share in RELATIVE_SHARE.items():
        pool = [x for x in truths if not x.group and (kind != "father_son" or x.sex == "M")]
        for original in rng.sample(pool, min(len(pool), round(persons * share))):
            relative = people.relative(original, kind)
            related.append((original, relative, kind))
    truths += [r for _, r, _ in related]
    left = round(persons * SAME_NAME_SHARE)
    while left > 0:
        nat, given, family, given_table, family_table = rng.choice(COMMON_NAMES)
        size = min(left, rng.randint(5, 20))
        group = people.same_name_group(
            size, nat, part(given_table, given), part(family_table, family), rng.randint(1990, 2002)
        )
        truths += group
        left -= size
    return truths, related


def make(persons: int = 20000, seed: int = 42, queries: int | None = None, passports: float = 0.0) -> Synthetic:
    from .queries import make_queries

    people = People(seed)
    truths, related = draw_truths(people, persons)
    rng = random.Random(seed + 1)
    drafts: list[tuple[Truth, Record, tuple[str, ...]]] = []
    for truth in truths:
        base = base_record(truth, "", rng)
        drafts.append((truth, base, ()))
        if truth.group == "same_name" or rng.random() >= DUPLICATE_SHARE:
            continue  # a duplicate of one "Mohammad Ahmadi, 1995" would be no one's in particular
        for _ in range(_weighted(rng, EXTRA_RECORDS)):
            fields = dict(base.__dict__)
            fields["birth_place"] = truth.place[0] if truth.place else ""
            applied = v.apply_some(truth, fields, rng, _weighted(rng, VARIANT_COUNT))
            v.office_noise(truth, fields, rng)
            drafts.append((truth, Record(**fields), tuple(applied)))
    rng.shuffle(drafts)
    records: list[Record] = []
    records_of: dict[int, list[str]] = {}
    labels: dict[str, tuple[str, ...]] = {}
    for i, (truth, record, applied) in enumerate(drafts):
        rid = f"r{i + 1:07d}"
        records.append(Record(**{**record.__dict__, "id": rid}))
        records_of.setdefault(truth.pid, []).append(rid)
        labels[rid] = applied
    if passports:
        records = add_passports(records, records_of, truths, related, passports, seed)
    true_pairs: set[Pair] = set()
    pair_variants: dict[Pair, tuple[str, ...]] = {}
    for ids in records_of.values():
        for a, b in itertools.combinations(ids, 2):
            p = pair(a, b)
            true_pairs.add(p)
            pair_variants[p] = tuple(sorted(set(labels[a]) | set(labels[b]))) or ("no_variant",)
    hard: dict[Pair, str] = {}
    for original, relative, kind in related:
        for a in records_of[original.pid]:
            for b in records_of[relative.pid]:
                hard[pair(a, b)] = kind
    groups: dict[tuple[str, str, int | None], list[str]] = {}
    for truth in truths:
        if truth.group == "same_name":
            key = (truth.given.latin, truth.family.latin if truth.family else "", truth.year)
            groups.setdefault(key, []).extend(records_of[truth.pid])
    for ids in groups.values():
        for a, b in itertools.combinations(ids, 2):
            hard[pair(a, b)] = "same_name_year_only"
    data = Synthetic(records, true_pairs, pair_variants, hard, truths, records_of, people=people)
    data.queries = make_queries(data, people, seed, queries or min(2000, max(200, persons // 10)))
    return data


def add_passports(
    records: list[Record],
    records_of: dict[int, list[str]],
    truths: list[Truth],
    related: list[tuple[Truth, Truth, str]],
    share: float,
    seed: int,
) -> list[Record]:
    """The records with passport numbers (see PASSPORT_ON_RECORD), drawn from their own random
    stream so that everything else stays as without them."""
    rng = random.Random(seed + 2)
    together = {relative.pid: original.pid for original, relative, kind in related if kind in ("twin", "sibling")}
    numbers: dict[int, int] = {}
    for truth in truths:  # the originals come before their relatives
        if rng.random() >= share:
            continue
        origin = together.get(truth.pid)
        if origin in numbers and rng.random() < PASSPORT_TOGETHER:
            numbers[truth.pid] = numbers[origin] + rng.randint(1, 3)
        else:
            numbers[truth.pid] = rng.randint(10_000_000, 99_999_999)
    nationality = {truth.pid: truth.nationality for truth in truths}
    at = {r.id: i for i, r in enumerate(records)}
    out = list(records)
    for pid, number in numbers.items():
        for k, rid in enumerate(records_of[pid]):
            if k and rng.random() >= PASSPORT_ON_RECORD:
                continue
            value, x = f"P{number}", rng.random()
            if k and x < PASSPORT_RENEWED:
                value = f"P{rng.randint(10_000_000, 99_999_999)}"
            elif k and x < PASSPORT_RENEWED + PASSPORT_TYPO:
                value = _mistyped(value, rng)
            country = nationality[pid] if rng.random() < PASSPORT_COUNTRY else ""
            out[at[rid]] = replace(out[at[rid]], identifiers=(identifier("passport", value, country),))
    return out


def _mistyped(value: str, rng: random.Random) -> str:
    """One digit of the number (after the letter) another, or two neighbouring digits swapped."""
    i = rng.randrange(1, len(value) - 1)
    if rng.random() < 0.3 and value[i] != value[i + 1]:
        return value[:i] + value[i + 1] + value[i] + value[i + 2 :]
    return value[:i] + rng.choice([d for d in "0123456789" if d != value[i]]) + value[i + 1 :]


def _weighted(rng: random.Random, table: dict[int, int]) -> int:
    return rng.choices(list(table), list(table.values()))[0]
