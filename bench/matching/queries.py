"""Searches as reception and caseworkers type them: for persons on file (target known), and for
persons who are not on file (any `likely` or `exact` answer is a false positive)."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from kurzweg.people.matching.records import Record

from . import variants as v
from .truth import People, Truth, base_record

if TYPE_CHECKING:
    from .synthetic import Query, Synthetic

# Searches for persons on file: what the query differs in from the registered spelling.
IN_REGISTRY = {
    "as_registered": 10,
    "name_variant": 30,
    "date_variant": 15,
    "name_and_date_variant": 15,
    "name_and_birth_year": 15,
    "name_only": 5,
    "original_script": 5,
    "unknown_birth_date": 5,
}
# Searches for persons not on file.
NOT_IN_REGISTRY = {"new_person": 55, "relative_of_registered": 35, "same_name_year_only": 10}


def _query(qid: str, truth: Truth, rng: random.Random, kind: str) -> Record:
    base = base_record(truth, qid, rng)
    f = dict(base.__dict__)
    f["other_names"], f["original_names"] = (), ()
    if kind == "name_variant":
        v.apply_some(truth, f, rng, rng.choice((1, 1, 2)), date_share=0)
    elif kind == "date_variant":
        v.apply_some(truth, f, rng, 1, date_share=1)
    elif kind == "name_and_date_variant":
        v.apply_some(truth, f, rng, 2, date_share=0.5)
    elif kind in {"name_and_birth_year", "name_only", "unknown_birth_date"}:
        f["birth_month"] = f["birth_day"] = None
        if kind != "name_and_birth_year":
            f["birth_year"] = None
        if kind == "name_only":
            f["sex"], f["nationalities"], f["birth_place"] = "", (), ""
    elif kind == "original_script":
        f["given_names"] = truth.given.original
        f["family_name"] = truth.family.original if truth.family else ""
    if kind != "as_registered":
        v.office_noise(truth, f, rng)
        f["other_names"], f["original_names"] = (), ()
    return Record(**f)


def make_queries(data: Synthetic, people: People, seed: int, count: int) -> list[Query]:
    from .synthetic import COMMON_NAMES, Query, part

    rng = random.Random(seed + 2)
    out: list[Query] = []
    pool = [x for x in data.truths if x.group != "same_name"]
    for i in range(count):
        truth = rng.choice(pool)
        kind = rng.choices(list(IN_REGISTRY), list(IN_REGISTRY.values()))[0]
        if kind == "original_script" and not truth.given.original:
            kind = "name_variant"
        record = _query(f"q{i + 1:06d}", truth, rng, kind)
        out.append(Query(record, frozenset(data.records_of[truth.pid]), kind))
    strangers = People(seed + 1000).draw(count)
    for i in range(count):
        qid = f"n{i + 1:06d}"
        kind = rng.choices(list(NOT_IN_REGISTRY), list(NOT_IN_REGISTRY.values()))[0]
        if kind == "new_person":
            truth = strangers[i]
            record = _query(qid, truth, rng, rng.choice(("as_registered", "name_variant", "name_and_birth_year")))
        elif kind == "relative_of_registered":
            original = rng.choice([x for x in pool if x.sex == "M"] if rng.random() < 0.3 else pool)
            relation = "father_son" if original.sex == "M" and rng.random() < 0.3 else rng.choice(("twin", "sibling"))
            record = _query(qid, people.relative(original, relation), rng, "as_registered")
            kind = f"relative_{relation}"
        else:
            nat, given, family, given_table, family_table = rng.choice(COMMON_NAMES)
            group = people.same_name_group(
                1, nat, part(given_table, given), part(family_table, family), rng.randint(1990, 2002)
            )
            record = _query(qid, group[0], rng, rng.choice(("as_registered", "name_variant")))
        out.append(Query(record, frozenset(), kind))
    return out
