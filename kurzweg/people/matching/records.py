"""The records the matching engine compares, and what it answers. Plain data, no Django:
the engine runs the same on database rows, CSV imports and benchmark data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["exact", "likely", "possible"]


@dataclass(frozen=True)
class Record:
    id: str
    given_names: str = ""
    family_name: str = ""
    birth_year: int | None = None
    birth_month: int | None = None
    birth_day: int | None = None
    sex: str = ""  # "F", "M", "X", "U" or "" (unknown)
    nationalities: tuple[str, ...] = ()  # ISO 3166 alpha-3, XXA stateless, XXX unknown
    birth_place: str = ""
    # Other known spellings (given, family) and names in original script (Arabic, Cyrillic, ...)
    other_names: tuple[tuple[str, str], ...] = ()
    original_names: tuple[str, ...] = ()
    # Document and register numbers as "kind:country:value" (identifiers.identifier(): kind as
    # stored, e.g. passport or azr; issuing country ISO alpha-3 or empty; the value in upper case
    # without spaces or punctuation).
    identifiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reason:
    """One plain-language reason, formatted and translated by the caller, e.g.
    Reason("family_name_sounds_alike", "Jafari", "Dschafari") -> "family name sounds alike:
    Jafari ~ Dschafari"."""

    code: str
    query_value: str = ""
    record_value: str = ""


@dataclass(frozen=True)
class Match:
    id: str
    score: float  # 0..1: the engine's probability that both records are the same person
    level: Level
    reasons: tuple[Reason, ...] = field(default=())
