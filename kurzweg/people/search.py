"""Finding a person: the one function every search goes through (`find_persons`).

The matching engine (docs/matching.md) does the work: the typed name is read as given and family
name both ways round, candidates sharing a blocking key are looked up in the user's agency
(`matching_store.candidates`), and the engine ranks them with a score, a level (exact, likely,
possible) and plain-language reasons. A birth year range and a nationality filter the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from kurzweg.core.models import User

from . import matching_store
from .access import persons_for
from .countries import UNKNOWN as UNKNOWN_NATIONALITY
from .matching.normalize import has_foreign_script
from .matching.records import Record
from .matching_display import reason_texts
from .models import Person
from .names import name_tokens


class InvalidQuery(ValueError):
    pass


@dataclass(frozen=True)
class BirthFilter:
    year_from: int
    year_to: int
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class PersonQuery:
    name: str = ""
    birth: BirthFilter | None = None
    nationality: str = ""

    @property
    def is_empty(self) -> bool:
        return not (name_tokens(self.name) or self.birth or self.nationality)


@dataclass
class PersonMatch:
    person: Person
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0  # 0..1, the engine's probability that the query means this person
    level: str = "possible"  # exact | likely | possible


_DATE_PATTERNS = [
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), ("day", "month", "year")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("year", "month", "day")),
    (re.compile(r"^(\d{1,2})[./](\d{4})$"), ("month", "year")),
    (re.compile(r"^(\d{4})$"), ("year",)),
]
_RANGE = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


def parse_birth(text: str) -> BirthFilter | None:
    """'07.03.1991', '1991-03-07', '03.1991', '1991' or a range of years '1990-1995'."""
    text = text.strip()
    if not text:
        return None
    if match := _RANGE.match(text):
        low, high = sorted(int(g) for g in match.groups())
        return BirthFilter(low, high)
    for pattern, parts in _DATE_PATTERNS:
        if match := pattern.match(text):
            values = dict(zip(parts, (int(g) for g in match.groups()), strict=True))
            month, day = values.get("month"), values.get("day")
            if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
                break
            return BirthFilter(values["year"], values["year"], month, day)
    raise InvalidQuery(_("Enter the birth date as DD.MM.YYYY, MM.YYYY, YYYY or a range such as 1990-1995."))


def find_persons(user: User, query: PersonQuery, *, limit: int = 50) -> list[PersonMatch]:
    """The persons of the user's agency (never another's, never merged ones) that the query may
    mean, best first."""
    if query.is_empty:
        return []
    if not name_tokens(query.name):
        return _filter_only(user, query, limit)
    readings = query_records(query)
    ranked = matching_store.search(
        user.agency_id,
        readings,
        limit=limit,
        keep=lambda r: _passes_filters(r, query),
        limit_candidates=max(CANDIDATES, limit * 3),
    )
    # persons_for: the user's agency, merged records left out (candidate_ids filtered already).
    persons = persons_for(user).filter(pk__in=[m.id for m in ranked]).prefetch_related("nationalities").in_bulk()
    by_id = {str(pk): p for pk, p in persons.items()}
    matches = [PersonMatch(by_id[m.id], reason_texts(m.reasons), m.score, m.level) for m in ranked if m.id in by_id]
    if len(matches) < limit:
        matches += _word_prefix_matches(user, query, exclude=set(by_id), limit=limit - len(matches))
    return matches


def _word_prefix_matches(user: User, query: PersonQuery, *, exclude: set[str], limit: int) -> list[PersonMatch]:
    """Search while typing: "Stef Pop" is not yet a name the engine can weigh, but every typed
    fragment may begin a word of a known spelling. These come after the engine's matches, at
    level possible."""
    tokens = [t for t in name_tokens(query.name) if len(t) >= 2]
    if not tokens:
        return []
    # The word-start keys (matching_store.word_keys) narrow a million persons to a few
    # candidates in the key index; name_index then decides, as before, among those alone.
    candidates = matching_store.word_start_ids(user.agency_id, tokens)
    if not candidates:
        return []
    persons = _filtered(persons_for(user).filter(pk__any_of=candidates), query)
    for token in tokens:
        # name_index is " word word … ": a leading space anchors the fragment at a word start.
        persons = persons.filter(name_index__contains=" " + token)
    # Sorted here, not by the database: asked for an order, PostgreSQL walked the family name
    # index of the whole agency and tested every person against the candidate list.
    found = persons.exclude(pk__in=exclude).order_by().values_list("pk", "family_name", "given_names").distinct()
    chosen = [pk for pk, _family, _given in sorted(found, key=lambda r: (r[1], r[2], str(r[0])))[:limit]]
    rows = Person.objects.filter(pk__in=chosen).prefetch_related("nationalities").in_bulk()
    return [PersonMatch(rows[pk], [_("name fragments match")], 0.0, "possible") for pk in chosen]


def _filtered(persons, query: PersonQuery):  # type: ignore[no-untyped-def]
    birth = query.birth
    if birth:
        persons = persons.filter(Q(birth_year__isnull=True) | Q(birth_year__range=(birth.year_from, birth.year_to)))
        if birth.month:
            persons = persons.filter(Q(birth_month__isnull=True) | Q(birth_month=birth.month))
        if birth.day:
            persons = persons.filter(Q(birth_day__isnull=True) | Q(birth_day=birth.day))
    if query.nationality:
        persons = persons.filter(nationalities__code=query.nationality)
    return persons


CANDIDATES = 60
_SPLIT = re.compile(r"[\s,;]+")


def query_records(query: PersonQuery) -> list[Record]:
    """The typed name as query records: one word as family or as given name; several as
    "given … family" (the engine also tries them the other way round); "Family, Given" when a
    comma marks the family name."""
    birth = query.birth
    year = month = day = None
    if birth and birth.year_from == birth.year_to:
        year, month, day = birth.year_from, birth.month, birth.day
    common: dict[str, Any] = {
        "birth_year": year,
        "birth_month": month if year else None,
        "birth_day": day if year and month else None,
        "nationalities": (query.nationality,) if query.nationality else (),
    }
    text = query.name.strip()
    if "," in text:
        family, _comma, given = text.partition(",")
        pairs = [(given.strip(), family.strip())]
    else:
        pairs = []
    words = [w for w in _SPLIT.split(text.replace(",", " ")) if w]
    # One reading is enough for several words: the engine tries given and family name either
    # way round itself (names_swapped) and pools the words when the split is unclear.
    if len(words) == 1:
        pairs += [("", words[0]), (words[0], "")]
    elif words and not pairs:
        pairs.append((" ".join(words[:-1]), words[-1]))
    originals = (text,) if has_foreign_script(text) else ()
    seen = set()
    records = []
    for given, family in pairs:
        if (given, family) in seen:
            continue
        seen.add((given, family))
        records.append(Record(id="query", given_names=given, family_name=family, original_names=originals, **common))
    return records


def _passes_filters(record: Record, query: PersonQuery) -> bool:
    birth = query.birth
    if birth and record.birth_year is not None and birth.year_from != birth.year_to:
        if not birth.year_from <= record.birth_year <= birth.year_to:
            return False
    if query.nationality:
        known = set(record.nationalities) - {UNKNOWN_NATIONALITY}
        if known and query.nationality not in known:
            return False
    return True


def _filter_only(user: User, query: PersonQuery, limit: int) -> list[PersonMatch]:
    """No name typed: list the persons the birth date and nationality filters fit, by name."""
    persons = _filtered(persons_for(user), query)
    if query.birth:
        persons = persons.filter(birth_year__isnull=False)
    rows = list(persons.prefetch_related("nationalities").distinct()[:limit])
    return [PersonMatch(p, _filter_reasons(p, query), 0.0, "possible") for p in rows]


def _filter_reasons(person: Person, query: PersonQuery) -> list[str]:
    reasons = []
    if query.birth:
        reasons.append(_("birth date fits"))
    if query.nationality:
        reasons.append(_("same nationality"))
    return reasons
