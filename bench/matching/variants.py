"""The spellings and dates other offices write down for a person already on file. Each variant
changes a mutable dict of record fields and returns False when it does not apply to the person."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from kurzweg.demo import spelling as s

from .truth import Truth

Fields = dict[str, Any]
Variant = Callable[[Truth, Fields, random.Random], bool]

PATRONYMIC_NATIONS = {"SYR", "IRQ", "AFG", "XXA", "XXX", "IRN", "ERI", "SOM"}


def _known_spelling(truth: Truth, f: Fields, rng: random.Random) -> bool:
    options = [("given", v) for v, _ in truth.given.variants]
    options += [("family", v) for v, _ in (truth.family.variants if truth.family else ())]
    if not options:
        return False
    # Sometimes both names come in another system (a whole document transliterated differently).
    for _ in range(1 if rng.random() < 0.6 else 2):
        which, spelling = rng.choice(options)
        if which == "given":
            f["given_names"] = f["given_names"].replace(truth.given.latin, spelling, 1)
        else:
            f["family_name"] = f["family_name"].replace(truth.family.latin, spelling, 1)  # type: ignore[union-attr]
    return True


def romanisation(truth: Truth, f: Fields, rng: random.Random) -> bool:
    """Mohammed / Muhammad, Jafari / Dschafari (Arabic, Persian, Tigrinya, Somali names)."""
    return truth.script == "table" and _known_spelling(truth, f, rng)


def transliteration(truth: Truth, f: Fields, rng: random.Random) -> bool:
    """Oleksandr / Olexandr / Aleksandr: another system for Cyrillic (passport, Duden, scholarly, Russian form)."""
    return truth.script == "cyrillic" and _known_spelling(truth, f, rng)


def diacritics(truth: Truth, f: Fields, rng: random.Random) -> bool:
    """Ș / Ş (re-encoded), ő / ö (Latin-1), ü / ue, or no diacritics at all."""
    text = f["given_names"] + f["family_name"]
    funcs = [s.without_diacritics]
    if truth.nationality in {"ROU", "MDA"}:
        funcs += [s.romanian_cedilla] * 2
    if truth.nationality == "HUN":
        funcs += [s.hungarian_latin1, lambda t: s.without_diacritics(s.german_umlauts(t))]
    if truth.nationality == "TUR":
        funcs += [lambda t: s.without_diacritics(s.german_umlauts(t))]
    funcs = [fn for fn in funcs if fn(text) != text]
    if not funcs:
        return False
    fn = rng.choice(funcs)
    f["given_names"], f["family_name"] = fn(f["given_names"]), fn(f["family_name"])
    return True


def swapped(truth: Truth, f: Fields, rng: random.Random) -> bool:
    if not f["family_name"]:
        return False
    f["given_names"], f["family_name"] = f["family_name"], f["given_names"]
    return True


def hungarian_order(truth: Truth, f: Fields, rng: random.Random) -> bool:
    """Family name first, as Hungarians write it: into the wrong fields, or all into one."""
    if truth.nationality != "HUN" or not f["family_name"]:
        return False
    if rng.random() < 0.5:
        f["given_names"], f["family_name"] = f["family_name"], f["given_names"]
    else:
        f["given_names"], f["family_name"] = f"{f['family_name']} {f['given_names']}", ""
    return True


def father_in_given(truth: Truth, f: Fields, rng: random.Random) -> bool:
    """'Ahmad Khaled' for Ahmad, son of Khaled (Arabic and Persian documents, Eritrean naming)."""
    if truth.nationality not in PATRONYMIC_NATIONS or truth.father.latin == truth.given.latin:
        return False
    f["given_names"] = f"{f['given_names']} {truth.father.latin}"
    return True


def no_family_name(truth: Truth, f: Fields, rng: random.Random) -> bool:
    if not f["family_name"]:
        return False
    if truth.nationality in {"ERI", "SOM"} or rng.random() < 0.3:
        f["given_names"] = f"{f['given_names']} {f['family_name']}"  # all names in one field
    f["family_name"] = ""
    return True


def typo(truth: Truth, f: Fields, rng: random.Random) -> bool:
    key = "family_name" if f["family_name"] and rng.random() < 0.6 else "given_names"
    new = s.typo(f[key], rng)
    if new == f[key]:
        return False
    f[key] = new
    return True


def passport_capitals(truth: Truth, f: Fields, rng: random.Random) -> bool:
    """Copied from the passport: capitals, sometimes as in the machine-readable zone (Ü → UE)."""
    for key in ("given_names", "family_name"):
        value = f[key]
        if rng.random() < 0.3:
            value = s.without_diacritics(s.german_umlauts(value))
        f[key] = value.upper()
    return True


def placeholder_date(truth: Truth, f: Fields, rng: random.Random) -> bool:
    """01.01.YYYY typed in because the day is unknown to this office."""
    if f["birth_year"] is None or (f["birth_month"], f["birth_day"]) == (1, 1):
        return False
    f["birth_month"], f["birth_day"] = 1, 1
    return True


def day_month_swapped(truth: Truth, f: Fields, rng: random.Random) -> bool:
    day, month = f["birth_day"], f["birth_month"]
    if day is None or month is None or day > 12 or day == month:
        return False
    f["birth_month"], f["birth_day"] = day, month
    return True


def year_off_by_one(truth: Truth, f: Fields, rng: random.Random) -> bool:
    if f["birth_year"] is None:
        return False
    f["birth_year"] += rng.choice((-1, 1))
    if (f["birth_month"], f["birth_day"]) == (2, 29):
        f["birth_day"] = 28
    return True


def year_only(truth: Truth, f: Fields, rng: random.Random) -> bool:
    if f["birth_year"] is None or f["birth_month"] is None:
        return False
    f["birth_month"] = f["birth_day"] = None
    return True


def date_unknown(truth: Truth, f: Fields, rng: random.Random) -> bool:
    if f["birth_year"] is None:
        return False
    f["birth_year"] = f["birth_month"] = f["birth_day"] = None
    return True


# (variant, weight): the mix of what a second office gets wrong.
NAME_VARIANTS: list[tuple[Variant, float]] = [
    (romanisation, 6),
    (transliteration, 6),
    (diacritics, 5),
    (swapped, 2),
    (hungarian_order, 3),
    (father_in_given, 2),
    (no_family_name, 1),
    (typo, 4),
    (passport_capitals, 2),
]
DATE_VARIANTS: list[tuple[Variant, float]] = [
    (placeholder_date, 3),
    (day_month_swapped, 2),
    (year_off_by_one, 2),
    (year_only, 2),
    (date_unknown, 0.5),
]


def apply_some(truth: Truth, f: Fields, rng: random.Random, count: int, date_share: float = 0.35) -> list[str]:
    """Apply up to `count` applicable variants (at most one about the birth date); their names."""
    applied: list[str] = []
    date_done = False
    for _ in range(count * 4):
        if len(applied) >= count:
            break
        pool = DATE_VARIANTS if not date_done and rng.random() < date_share else NAME_VARIANTS
        variant = rng.choices([v for v, _ in pool], [w for _, w in pool])[0]
        if variant.__name__ in applied or not variant(truth, f, rng):
            continue
        applied.append(variant.__name__)
        date_done = date_done or pool is DATE_VARIANTS
    return applied


def office_noise(truth: Truth, f: Fields, rng: random.Random) -> None:
    """What differs between offices without being a spelling: birth place, sex, nationality."""
    if truth.place and rng.random() < 0.4:
        f["birth_place"] = rng.choice(("", truth.place[0], truth.place[1]))
    if rng.random() < 0.04:
        f["sex"] = ""
    if rng.random() < 0.03:
        f["nationalities"] = ("XXX",)
    f["other_names"], f["original_names"] = (), ()
