"""Finding a person: the one function every search goes through (`find_persons`).

This is the simple search: every name fragment must occur in one of the person's folded
spellings, the birth date must agree as far as both are known, and the nationality must match.
The matching engine replaces the body of `find_persons`, not its callers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from kurzweg.core.models import User

from .access import persons_for
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
    if query.is_empty:
        return []
    persons = persons_for(user)
    for token in name_tokens(query.name):
        persons = persons.filter(name_index__contains=token)
    birth = query.birth
    if birth:
        persons = persons.filter(Q(birth_year__isnull=True) | Q(birth_year__range=(birth.year_from, birth.year_to)))
        if birth.month:
            persons = persons.filter(Q(birth_month__isnull=True) | Q(birth_month=birth.month))
        if birth.day:
            persons = persons.filter(Q(birth_day__isnull=True) | Q(birth_day=birth.day))
    if query.nationality:
        persons = persons.filter(nationalities__code=query.nationality)
    rows = list(persons.prefetch_related("nationalities").distinct()[:limit])
    return [PersonMatch(p, _reasons(p, query)) for p in rows]


def _reasons(person: Person, query: PersonQuery) -> list[str]:
    reasons = []
    if query.name:
        reasons.append(_("name matches"))
    if query.birth:
        if person.birth_year is None:
            reasons.append(_("birth date unknown"))
        else:
            reasons.append(_("birth date fits"))
    if query.nationality:
        reasons.append(_("same nationality"))
    return reasons
