"""Identifiers (passport, AZR and other document or register numbers) as matching evidence.

A record carries them as normalised texts "kind:country:value" (`identifier`): the kind as
stored (passport, azr, ...), the issuing country (ISO alpha-3, or empty when unknown) and the
value in upper case without spaces, dashes, dots, slashes or other punctuation, Cyrillic and
Greek letters that look like Latin ones written as those (a Ukrainian series АВ typed in either
script is AB), Arabic-Indic and Persian digits as 0-9. Two identifiers are comparable when
they are of the same kind and their issuing countries agree where both are known.

Between two records, the best relation of their comparable identifiers counts (`relation`):

- ``same``: the same value. The same person, whatever twins and namesakes look like; only
  values of at least FUZZY_LENGTH characters are trusted that far (a short value may be anyone's).
- ``typo``: one character mistyped or two neighbours swapped, in values of at least
  FUZZY_LENGTH characters, unless both look like numbers issued in sequence (C01X00T47 and
  C01X00T48, or 4711 and 4713 at the end): twins and siblings apply for their passports together
  and get consecutive numbers, which differ in exactly the way a typo does.
- ``different``: comparable identifiers and none agrees. Evidence against, but weak: a person's
  passport is renewed with a new number, and a duplicate registration got a new register number.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import OSA

# Values shorter than this are not compared at all (a "1", a "12"), nor values made of fewer
# than MIN_DISTINCT different characters (placeholders such as 000000 or XXXXXXX).
MIN_LENGTH = 4
MIN_DISTINCT = 3
# Only values at least this long may agree with one typo, lift the twin and namesake rules of the
# comparison and form a blocking key. About 70 strings are one typo away from a 7-digit number
# out of 10 million: a chance agreement between two persons of one block is about 1 in 100,000.
FUZZY_LENGTH = 6
# Two values that share everything up to a numeric tail this close are numbers issued in sequence.
SEQUENCE_GAP = 20
# Kinds of which a person has one number for life (register and social security numbers): an
# agreement lifts even the rules for a different birth date or sex (a mistyped date, not father
# and son). Documents (passport, identity card, ...) do not: a child may be entered in a parent's
# passport and share its number.
PERSONAL_KINDS = frozenset({"azr", "ba", "ssn"})

_NOT_ALNUM = re.compile(r"[\W_]+")
# Cyrillic and Greek capitals that look like Latin ones, Arabic-Indic and Persian digits.
_LATIN_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТУХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "ABEKMHOPCTYXIJSABEZHIKMNOPTYX01234567890123456789"
)
_DIGITS_AT_END = re.compile(r"[0-9]+$")

Parsed = tuple[str, str, str]  # kind, country, value


def identifier(kind: str, value: str, country: str = "") -> str:
    """The normalised text of an identifier for `Record.identifiers`."""
    return f"{kind.strip().lower()}:{country.strip().upper()}:{normalize_value(value)}"


def normalize_value(value: str) -> str:
    return _NOT_ALNUM.sub("", value.upper().translate(_LATIN_LOOKALIKES))


def parse(texts: tuple[str, ...]) -> tuple[Parsed, ...]:
    """The identifiers worth comparing, as (kind, country, value)."""
    out = []
    for text in texts:
        kind, _sep, rest = text.partition(":")
        country, _sep, value = rest.partition(":")
        value = normalize_value(value)
        if len(value) >= MIN_LENGTH and len(set(value)) >= MIN_DISTINCT:
            out.append((kind, country, value))
    return tuple(out)


def blocking_values(texts: tuple[str, ...]) -> list[str]:
    """The identifiers long enough to bring records together, as "kind:value"."""
    return [f"{kind}:{value}" for kind, _country, value in parse(texts) if len(value) >= FUZZY_LENGTH]


def _comparable(a: Parsed, b: Parsed) -> bool:
    return a[0] == b[0] and (a[1] == b[1] or not a[1] or not b[1])


def in_sequence(a: str, b: str) -> bool:
    """Values with the same beginning and numeric ends at most SEQUENCE_GAP apart (4711 / 4712,
    C01X00T49 / C01X00T50)."""
    if len(a) != len(b):
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    ta, tb = _DIGITS_AT_END.search(a), _DIGITS_AT_END.search(b)
    if ta is None or tb is None or ta.start() > i or tb.start() > i:
        return False
    # Compare the numeric ends from where the values first differ (and the digits before it).
    start = max(ta.start(), tb.start())
    return abs(int(a[start:]) - int(b[start:])) <= SEQUENCE_GAP


def one_typo(a: str, b: str) -> bool:
    """Equal length, one character different or two neighbours swapped, not issued in sequence."""
    return (
        len(a) == len(b)
        and len(a) >= FUZZY_LENGTH
        and OSA.distance(a, b, score_cutoff=1) == 1
        and not in_sequence(a, b)
    )


def relation(a: tuple[Parsed, ...], b: tuple[Parsed, ...]) -> tuple[str, Parsed | None, Parsed | None]:
    """("same" | "same_short" | "typo" | "different" | "", the two identifiers that tell it)."""
    best: tuple[int, Parsed | None, Parsed | None] = (0, None, None)
    for x in a:
        for y in b:
            if not _comparable(x, y):
                continue
            if x[2] == y[2]:
                rank = 4 if len(x[2]) >= FUZZY_LENGTH else 3
            elif one_typo(x[2], y[2]):
                rank = 2
            else:
                rank = 1
            if rank > best[0]:
                best = (rank, x, y)
    return _RELATIONS[best[0]], best[1], best[2]


_RELATIONS = {0: "", 1: "different", 2: "typo", 3: "same_short", 4: "same"}
