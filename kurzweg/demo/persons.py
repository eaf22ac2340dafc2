"""Newcomers: single persons and households of 2–7 with coherent names, sexes and ages."""

from __future__ import annotations

import datetime
import random
import uuid
from dataclasses import dataclass, field

from kurzweg.core.models import Agency
from kurzweg.people.models import Household, Person

from .cultures import FEMALE, MALE, Culture
from .names import Part

R = Person.HouseholdRelation

# Nationalities in per cent of persons, as in an East German county: EU citizens from Romania,
# Bulgaria, Poland and Hungary; refugees from Ukraine, Syria, Afghanistan, Iraq, Eritrea, Somalia.
NATIONALITIES = {
    "ROU": 21,
    "UKR": 17,
    "BGR": 12,
    "SYR": 12,
    "POL": 10,
    "AFG": 8,
    "HUN": 6,
    "IRQ": 4,
    "TUR": 3,
    "ERI": 2,
    "SOM": 2,
    # The rest: a few each.
    "MDA": 0.6,
    "RUS": 0.5,
    "VNM": 0.5,
    "IRN": 0.4,
    "XXA": 0.4,
    "NGA": 0.3,
    "XXX": 0.3,
}
EU = {"ROU", "BGR", "POL", "HUN"}
REFUGEES = {"SYR", "AFG", "IRQ", "ERI", "SOM", "IRN", "XXA", "XXX"}
# Years in which people of a nationality came to the county.
ARRIVAL = {
    "UKR": (2022, 2025),
    "SYR": (2014, 2023),
    "AFG": (2015, 2025),
    "IRQ": (2015, 2021),
    "ERI": (2014, 2020),
    "SOM": (2014, 2020),
    "TUR": (2018, 2025),
}
# Share of people whose day and month of birth are unknown (documents give the year only).
YEAR_ONLY = {"AFG": 0.45, "ERI": 0.5, "SOM": 0.5, "XXX": 0.4, "XXA": 0.2, "IRQ": 0.15, "SYR": 0.08, "IRN": 0.05}
UNKNOWN_BIRTH = {"XXX": 0.2, "SOM": 0.03, "ERI": 0.03, "AFG": 0.02}
HOUSEHOLD_SIZES = {2: 25, 3: 25, 4: 22, 5: 15, 6: 8, 7: 5}
# Share of arrivals (households or single persons) that are households: gives ~60 % of persons.
HOUSEHOLD_SHARE = 0.3


@dataclass
class Draft:
    """A person before saving, with what the generator needs to know about them."""

    person: Person
    nationality: str
    given: Part
    family: Part | None
    age: int
    born_in_germany: bool = False
    father_given: Part | None = None
    alternatives: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def adult(self) -> bool:
        return self.age >= 18


class PersonFactory:
    def __init__(self, agency: Agency, rng: random.Random, cultures: dict[str, Culture], today: datetime.date) -> None:
        self.agency, self.rng, self.cultures, self.today = agency, rng, cultures, today
        self.households: list[Household] = []

    def uuid(self) -> uuid.UUID:
        # Drawn from the seeded generator, so that the same seed gives the same ids.
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def generate(self, count: int) -> list[Draft]:
        drafts: list[Draft] = []
        codes, weights = list(NATIONALITIES), list(NATIONALITIES.values())
        while len(drafts) < count:
            nationality = self.rng.choices(codes, weights)[0]
            left = count - len(drafts)
            if left >= 2 and self.rng.random() < HOUSEHOLD_SHARE:
                size = min(left, self.rng.choices(list(HOUSEHOLD_SIZES), list(HOUSEHOLD_SIZES.values()))[0])
                drafts += self.household(nationality, size)
            else:
                drafts.append(self.single(nationality))
        return drafts

    # --- people -------------------------------------------------------------------------

    def draft(
        self,
        nationality: str,
        sex: str,
        age: int,
        given: Part,
        family: Part | None,
        relation: str = "",
        arrival: int | None = None,
    ) -> Draft:
        year = self.today.year - age
        born_in_germany = arrival is not None and year > arrival
        person = Person(
            id=self.uuid(),
            agency=self.agency,
            sex=sex,
            given_names=given.latin,
            family_name=family.latin if family else "",
            household_relation=relation,
        )
        draft = Draft(person, nationality, given, family, age, born_in_germany)
        self.birth_date(draft, year)
        return draft

    def birth_date(self, draft: Draft, year: int) -> None:
        person, rng, nat = draft.person, self.rng, draft.nationality
        if not draft.born_in_germany and draft.adult and rng.random() < UNKNOWN_BIRTH.get(nat, 0.003):
            return  # nothing known, not even the year
        person.birth_year = year
        if not draft.born_in_germany and rng.random() < YEAR_ONLY.get(nat, 0.02):
            return  # the year only: never an invented 1 January
        start = datetime.date(year, 1, 1)
        days = (min(datetime.date(year, 12, 31), self.today) - start).days
        if days < 1:
            return  # born on the very day the demo is loaded, 1 January
        # Never 1 January: in the demo it would look like a placeholder for an unknown date.
        date = start + datetime.timedelta(days=rng.randint(1, days))
        person.birth_month = date.month
        if not draft.born_in_germany and rng.random() < 0.01:
            return  # month and year
        person.birth_day = date.day

    def adult_age(self, low: int = 18, high: int = 64) -> int:
        return low + int(self.rng.betavariate(1.6, 3.2) * (high - low))

    def single(self, nationality: str) -> Draft:
        rng, culture = self.rng, self.cultures[nationality]
        male_share = {"UKR": 0.35}.get(nationality, 0.72 if nationality in REFUGEES else 0.58)
        sex = MALE if rng.random() < male_share else FEMALE
        if nationality in {"AFG", "ERI", "SOM", "SYR"} and sex == MALE and rng.random() < 0.08:
            age = rng.randint(15, 17)  # unaccompanied minor
        elif nationality == "UKR" and rng.random() < 0.12:
            age = rng.randint(60, 82)
        else:
            age = self.adult_age()
        family = culture.for_sex(culture.family(rng), sex)
        return self.draft(nationality, sex, age, culture.given(rng, sex), family)

    # --- households ---------------------------------------------------------------------

    def household(self, nationality: str, size: int) -> list[Draft]:
        rng, culture = self.rng, self.cultures[nationality]
        household = Household(id=self.uuid(), agency=self.agency)
        self.households.append(household)
        low, high = ARRIVAL.get(nationality, (2014, 2025))
        arrival = rng.randint(low, min(high, self.today.year))
        kind = rng.choices(["couple", "single_parent", "siblings"], [70, 45 if nationality == "UKR" else 20, 8])[0]
        if kind == "siblings" and size <= 3:
            members = self.siblings(nationality, culture, size, arrival)
        else:
            members = self.family(nationality, culture, size, arrival, with_spouse=kind != "single_parent")
        for member in members:
            member.person.household = household
        return members

    def siblings(self, nationality: str, culture: Culture, size: int, arrival: int) -> list[Draft]:
        father = culture.given(self.rng, MALE)
        base = culture.family(self.rng) if culture.family_names else father
        ages = sorted((self.rng.randint(16, 30) for _ in range(size)), reverse=True)
        ages[0] = max(ages[0], 18)  # the head is of age
        members = []
        for i, age in enumerate(ages):
            sex = MALE if i == 0 or self.rng.random() < 0.6 else FEMALE
            relation = R.HEAD if i == 0 else R.SIBLING
            draft = self.draft(
                nationality, sex, age, culture.given(self.rng, sex), culture.for_sex(base, sex), relation, arrival
            )
            draft.father_given = father
            members.append(draft)
        return members

    def family(self, nationality: str, culture: Culture, size: int, arrival: int, *, with_spouse: bool) -> list[Draft]:
        rng = self.rng
        grandparent = size >= 4 and rng.random() < 0.12
        children = size - 1 - int(with_spouse) - int(grandparent)
        # The father's family name (male form), or with patronymic naming his father's given name.
        base = culture.family(rng)
        father_given, mother_given = culture.given(rng, MALE), culture.given(rng, FEMALE)
        # A wife who keeps her name has her own; the line she comes from is needed for her parents.
        maiden = culture.family(rng)
        mother_family = culture.for_sex(base, FEMALE) if culture.wife_takes_name else maiden
        # Parents are old enough for their children to be born at least two years apart.
        youngest = max(rng.randint(24, 52), 18 + 2 * children) if children else self.adult_age(20, 70)
        father_age = youngest + rng.randint(0, 8)
        mother_age = youngest
        father = self.draft(nationality, MALE, father_age, father_given, base, R.HEAD, arrival)
        mother = self.draft(nationality, FEMALE, mother_age, mother_given, mother_family, R.HEAD, arrival)
        if with_spouse:
            head_is_father = rng.random() < 0.85
            (father if head_is_father else mother).person.household_relation = R.HEAD
            (mother if head_is_father else father).person.household_relation = R.SPOUSE
            parents = [father, mother] if head_is_father else [mother, father]
        else:
            head_is_father = rng.random() < 0.1  # single fathers exist too
            parents = [father if head_is_father else mother]
        line = base if head_is_father else maiden
        members = list(parents)

        previous: Draft | None = None
        max_age = min(youngest - 18, 24)
        spaced = sorted(rng.choices(range(0, max_age - 2 * (children - 1) + 1), k=children)) if children else []
        twins_at = rng.randrange(1, children) if children >= 2 and rng.random() < 0.05 else None
        for i, slot in enumerate(spaced):
            sex = rng.choice((MALE, FEMALE))
            age = slot + 2 * i
            given = culture.given(rng, sex)
            if sex == MALE and nationality in {"SYR", "IRQ", "AFG", "TUR"} and rng.random() < 0.05:
                given = father_given  # the son named after his father: a hard case for duplicates
            family = culture.for_sex(base if culture.family_names else father_given, sex)
            if i == twins_at and previous is not None:
                age = previous.age
            child = self.draft(nationality, sex, age, given, family, R.CHILD, arrival)
            if i == twins_at and previous is not None:
                for f in ("birth_year", "birth_month", "birth_day"):  # twins: the same birth date
                    setattr(child.person, f, getattr(previous.person, f))
            child.father_given = father_given
            members.append(child)
            previous = child
        if grandparent:
            members.append(self.grandparent(nationality, culture, line, max(p.age for p in parents)))
        return members

    def grandparent(self, nationality: str, culture: Culture, line: Part, parent_age: int) -> Draft:
        """The head's father or mother; `line` is the head's family name by birth."""
        rng = self.rng
        sex = FEMALE if rng.random() < 0.7 else MALE
        age = min(95, parent_age + rng.randint(20, 32))
        given = culture.given(rng, sex)
        if not culture.family_names:
            # Patronymic naming: the head's "family name" is this man's given name.
            given = line if sex == MALE else given
            family = culture.family(rng)
        elif sex == MALE or culture.wife_takes_name:
            family = culture.for_sex(line, sex)
        else:
            family = culture.family(rng)
        return self.draft(nationality, sex, age, given, family, R.PARENT)
