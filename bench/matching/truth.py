"""True persons: who really exists, before any office writes them down."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, replace

from kurzweg.core.models import Agency
from kurzweg.demo import places
from kurzweg.demo.cultures import MALE, Culture, CyrillicCulture, LatinCulture, cultures
from kurzweg.demo.details import ORIGINAL_SCRIPT
from kurzweg.demo.names import Part
from kurzweg.demo.persons import PersonFactory
from kurzweg.people.matching.records import Record

TODAY = datetime.date(2025, 6, 1)  # fixed, so that a seed gives the same data on any day


@dataclass(frozen=True)
class Truth:
    pid: int
    nationality: str
    sex: str
    given: Part
    family: Part | None
    father: Part  # the father's given name (Arabic and Persian offices add it to the given names)
    year: int | None
    month: int | None
    day: int | None
    place: tuple[str, str] | None  # (passport spelling, German spelling)
    script: str  # "table" (Arabic, Persian, Tigrinya, Somali), "cyrillic" or "latin"
    group: str = ""  # hard-negative group ("same_name", "twin", ...) or ""


def script_of(culture: Culture) -> str:
    if isinstance(culture, CyrillicCulture):
        return "cyrillic"
    if isinstance(culture, LatinCulture):
        return "latin"
    return "table"


class People:
    """Draws true persons with the demo's generators: households with siblings, twins, sons named
    after their fathers, in the nationality mix of the demo county."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.cultures = cultures(seed)
        self.factory = PersonFactory(Agency(), self.rng, self.cultures, TODAY)
        self.next_pid = 0

    def draw(self, count: int) -> list[Truth]:
        return [self.from_draft(d) for d in self.factory.generate(count)]

    def pid(self) -> int:
        self.next_pid += 1
        return self.next_pid

    def from_draft(self, draft) -> Truth:  # type: ignore[no-untyped-def]
        person, nat, rng = draft.person, draft.nationality, self.rng
        culture = self.cultures[nat]
        father = draft.father_given or culture.given(rng, MALE)
        if draft.born_in_germany:
            german = rng.choice(places.GERMAN_BIRTH_PLACES)
            place: tuple[str, str] | None = (german, german)
        else:
            options = places.birth_places(nat)
            place = rng.choice(options) if options and nat != "XXX" else None
        return Truth(
            self.pid(),
            nat,
            person.sex,
            draft.given,
            draft.family,
            father,
            person.birth_year,
            person.birth_month,
            person.birth_day,
            place,
            script_of(culture),
        )

    def other_given(self, truth: Truth, sex: str) -> Part:
        culture = self.cultures[truth.nationality]
        for _ in range(20):
            given = culture.given(self.rng, sex)
            if given.latin != truth.given.latin:
                return given
        return given

    def relative(self, truth: Truth, kind: str) -> Truth:
        """A different person who looks like `truth`: twin, sibling, father or son of the same name."""
        rng, culture = self.rng, self.cultures[truth.nationality]
        if kind == "twin":
            sex = rng.choice((MALE, "F"))
            family = culture.for_sex(truth.family, sex) if truth.family else None
            return replace(
                truth, pid=self.pid(), sex=sex, given=self.other_given(truth, sex), family=family, group=kind
            )
        if kind == "sibling":
            sex = rng.choice((MALE, "F"))
            family = culture.for_sex(truth.family, sex) if truth.family else None
            year = truth.year + rng.choice((-5, -4, -3, -2, -1, 1, 2, 3, 4, 5)) if truth.year else None
            month, day = _date(rng, year, truth.month is not None)
            return replace(
                truth,
                pid=self.pid(),
                sex=sex,
                given=self.other_given(truth, sex),
                family=family,
                year=year,
                month=month,
                day=day,
                group=kind,
            )
        # Father and son of the same name: the son is 20 to 35 years younger (or the father older).
        gap = rng.randint(20, 35)
        older = (truth.year is not None and truth.year > TODAY.year - 40) or rng.random() < 0.5
        year = (truth.year or 1980) + (-gap if older else gap)
        month, day = _date(rng, year, truth.month is not None)
        father = culture.given(rng, MALE) if older else truth.given
        return replace(
            truth, pid=self.pid(), sex=MALE, father=father, year=year, month=month, day=day, group="father_son"
        )

    def same_name_group(self, size: int, nationality: str, given: Part, family: Part, year: int) -> list[Truth]:
        """Many different people called the same, born the same year, day and month unknown."""
        out = []
        for _ in range(size):
            options = places.birth_places(nationality)
            place = self.rng.choice(options) if options and self.rng.random() < 0.6 else None
            father = self.cultures[nationality].given(self.rng, MALE)
            out.append(
                Truth(
                    self.pid(),
                    nationality,
                    MALE,
                    given,
                    family,
                    father,
                    year,
                    None,
                    None,
                    place,
                    "table",
                    group="same_name",
                )
            )
        return out


def _date(rng: random.Random, year: int | None, full: bool) -> tuple[int | None, int | None]:
    if year is None or not full:
        return None, None
    date = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(1, 363))
    return date.month, date.day


def base_record(truth: Truth, record_id: str, rng: random.Random) -> Record:
    """How the first office registered the person: passport spelling, sometimes the original script
    and known other spellings."""
    original: tuple[str, ...] = ()
    if truth.given.original and rng.random() < ORIGINAL_SCRIPT.get(truth.nationality, 0):
        original = (" ".join(p for p in (truth.given.original, truth.family.original if truth.family else "") if p),)
    others: tuple[tuple[str, str], ...] = ()
    family = truth.family.latin if truth.family else ""
    if rng.random() < 0.1 and (truth.given.variants or (truth.family and truth.family.variants)):
        parts = [(v, family) for v, _ in truth.given.variants[:1]]
        parts += [(truth.given.latin, v) for v, _ in (truth.family.variants[:1] if truth.family else ())]
        others = tuple(parts)
    place = ""
    if truth.place:
        place = truth.place[0] if rng.random() < 0.65 else truth.place[1]
    return Record(
        id=record_id,
        given_names=truth.given.latin,
        family_name=family,
        birth_year=truth.year,
        birth_month=truth.month,
        birth_day=truth.day,
        sex=truth.sex,
        nationalities=(truth.nationality,),
        birth_place=place,
        other_names=others,
        original_names=original,
    )
