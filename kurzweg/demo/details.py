"""What a person's record holds besides name and birth date: original script, other spellings,
place of birth, contact data, nationalities, languages and identifiers."""

from __future__ import annotations

import datetime
import random
import string

from kurzweg.people.models import AlternativeName, Identifier, Nationality, SpokenLanguage

from . import places
from . import spelling as s
from .cultures import OTHER_SPELLING_NOTES
from .persons import EU, REFUGEES, Draft

# Share of persons whose name is also stored in the script of their documents.
ORIGINAL_SCRIPT = {
    "SYR": 0.7,
    "IRQ": 0.7,
    "XXA": 0.6,
    "XXX": 0.5,
    "AFG": 0.6,
    "IRN": 0.6,
    "UKR": 0.75,
    "BGR": 0.6,
    "RUS": 0.6,
}
# Share of persons known under at least one other spelling.
OTHER_SPELLINGS = {
    "SYR": 0.45,
    "IRQ": 0.45,
    "AFG": 0.45,
    "XXA": 0.45,
    "IRN": 0.4,
    "ERI": 0.5,
    "SOM": 0.5,
    "UKR": 0.4,
    "BGR": 0.35,
    "RUS": 0.35,
    "ROU": 0.3,
    "HUN": 0.2,
    "POL": 0.15,
    "TUR": 0.2,
}
# (language, native speakers' share); the first one is the rule, later ones are alternatives.
NATIVE: dict[str, list[tuple[str, float]]] = {
    "ROU": [("ron", 1)],
    "MDA": [("ron", 0.8), ("rus", 0.2)],
    "BGR": [("bul", 0.8), ("tur", 0.2)],
    "POL": [("pol", 1)],
    "HUN": [("hun", 1)],
    "UKR": [("ukr", 0.7), ("rus", 0.3)],
    "RUS": [("rus", 1)],
    "SYR": [("ara", 0.8), ("kmr", 0.2)],
    "XXA": [("ara", 1)],
    "XXX": [("ara", 0.6), ("kmr", 0.4)],
    "IRQ": [("ara", 0.6), ("ckb", 0.25), ("kmr", 0.15)],
    "AFG": [("prs", 0.6), ("pus", 0.4)],
    "IRN": [("fas", 1)],
    "ERI": [("tir", 1)],
    "SOM": [("som", 1)],
    "TUR": [("tur", 0.75), ("kmr", 0.25)],
    "VNM": [("vie", 1)],
    "NGA": [("yor", 0.4), ("ibo", 0.3), ("hau", 0.3)],
}
# Second languages often spoken well: Russian by Ukrainians, Arabic by Kurds, English by Nigerians.
SECOND = {
    "UKR": "rus",
    "MDA": "rus",
    "SYR": "ara",
    "IRQ": "ara",
    "TUR": "tur",
    "ERI": "ara",
    "SOM": "ara",
    "NGA": "eng",
}
GERMAN_LEVELS: dict[str, float] = {"none": 20, "A1": 25, "A2": 20, "B1": 23, "B2": 9, "C1": 3}
EXPIRED_SHARE = 0.15


def _weighted(rng: random.Random, options: list[tuple[str, float]]) -> str:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def name_forms(draft: Draft, rng: random.Random) -> None:
    """Original script, names recorded without a family name, and the other spellings."""
    person, given, family = draft.person, draft.given, draft.family
    if rng.random() < ORIGINAL_SCRIPT.get(draft.nationality, 0) and given.original:
        person.given_names_original = given.original
        person.family_name_original = family.original if family else ""
    alternatives = draft.alternatives
    if draft.nationality in {"ERI", "SOM"} and family and rng.random() < 0.35:
        # Patronymic naming: the documents give "Yonas Tesfay" without a family name.
        person.given_names, person.family_name = f"{given.latin} {family.latin}", ""
        alternatives.append((given.latin, family.latin, "Vatersname als Familienname (BAMF-Bescheid)"))
    elif draft.nationality in {"ERI", "SOM"} and family and rng.random() < 0.4:
        alternatives.append((f"{given.latin} {family.latin}", "", "ohne Familiennamen (Herkunftsdokument)"))
    if rng.random() >= OTHER_SPELLINGS.get(draft.nationality, 0.05):
        return
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        alternative = _other_spelling(draft, rng)
        if alternative and alternative not in alternatives:
            alternatives.append(alternative)


def _other_spelling(draft: Draft, rng: random.Random) -> tuple[str, str, str] | None:
    given, family, nat = draft.given, draft.family, draft.nationality
    family_latin = family.latin if family else ""
    kinds = ["given"] * 3 * bool(given.variants) + ["family"] * 3 * bool(family and family.variants)
    kinds += ["swapped", "typo"]
    if nat == "HUN":
        kinds += ["hungarian"] * 4
    if nat in {"SYR", "IRQ", "AFG", "XXA"} and draft.father_given:
        kinds += ["father"] * 2
    kind = rng.choice(kinds)
    if kind == "given":
        spelling, note = rng.choice(given.variants)
        return spelling, family_latin, note or rng.choice(OTHER_SPELLING_NOTES)
    if kind == "family" and family:
        spelling, note = rng.choice(family.variants)
        return given.latin, spelling, note or rng.choice(OTHER_SPELLING_NOTES)
    if kind == "hungarian":
        return family_latin, given.latin, "ungarische Reihenfolge übernommen (Familienname zuerst)"
    if kind == "father" and draft.father_given and draft.father_given != given:
        return f"{given.latin} {draft.father_given.latin}", family_latin, "mit Vatersnamen in den Vornamen"
    if kind == "typo":
        if family_latin and rng.random() < 0.6:
            return given.latin, s.typo(family_latin, rng), "Tippfehler in der Altakte"
        return s.typo(given.latin, rng), family_latin, "Tippfehler in der Altakte"
    if family_latin:
        return family_latin, given.latin, "Vor- und Familienname vertauscht (Erstaufnahme)"
    return None


def birth_place(draft: Draft, rng: random.Random) -> None:
    person = draft.person
    if draft.born_in_germany:
        person.place_of_birth, person.country_of_birth = rng.choice(places.GERMAN_BIRTH_PLACES), "DEU"
        return
    options = places.birth_places(draft.nationality)
    if draft.nationality == "XXX" or not options:
        return
    passport, german = rng.choice(options)
    # Offices copy the passport, the German name, or what the person says.
    person.place_of_birth = passport if rng.random() < 0.65 else german
    person.country_of_birth = {"XXA": "SYR"}.get(draft.nationality, draft.nationality)


def contact(members: list[Draft], rng: random.Random) -> None:
    """Address for the whole household; phone and e-mail for the adults. About 70 % have any."""
    if rng.random() >= 0.7:
        return
    town, postcode, _ = rng.choices(places.TOWNS, [w for *_, w in places.TOWNS])[0]
    street = f"{rng.choice(places.STREETS)} {rng.randint(1, 60)}{rng.choice(['', '', '', 'a', 'b'])}"
    for draft in members:
        person = draft.person
        person.street, person.postcode, person.city = street, postcode, town
        if draft.age >= 16 and rng.random() < 0.85:
            person.phone = f"+49 15{rng.choice('12579')} {rng.randint(10_000_000, 99_999_999)}"
        if draft.adult and rng.random() < 0.25:
            local = s.without_diacritics(f"{person.given_names.split()[0]}.{person.family_name or 'x'}").lower()
            person.email = f"{local.replace(' ', '')}{rng.randint(1, 99)}@example.org"


def nationalities(draft: Draft, rng: random.Random) -> list[Nationality]:
    codes = [draft.nationality]
    if draft.nationality == "MDA" and rng.random() < 0.6:
        codes.append("ROU")  # Moldovans with a Romanian passport
    elif draft.nationality == "ROU" and rng.random() < 0.03:
        codes.append("MDA")
    return [Nationality(person=draft.person, code=code) for code in codes]


def native_language(nationality: str, rng: random.Random) -> str:
    """The language of a household (or of a single person)."""
    return _weighted(rng, NATIVE.get(nationality, [("eng", 1)]))


def languages(draft: Draft, native: str, rng: random.Random) -> list[SpokenLanguage]:
    rows = {native: "native"}
    second = SECOND.get(draft.nationality)
    if second and second != native and draft.age >= 10 and rng.random() < 0.6:
        rows[second] = rng.choice(["native", "C1", "B2", "B1"])
    if draft.born_in_germany and draft.age >= 3:
        rows["deu"] = "native" if draft.age < 10 else "C1"
    elif draft.age >= 6:
        rows["deu"] = _weighted(rng, list(GERMAN_LEVELS.items())) if draft.adult else rng.choice(["A2", "B1", "B2"])
    if draft.age >= 14 and rng.random() < 0.25:
        rows.setdefault("eng", rng.choice(["A2", "B1", "B2", "C1"]))
    return [SpokenLanguage(person=draft.person, code=code, level=level) for code, level in rows.items()]


def _number(rng: random.Random, form: tuple[str, int, int]) -> str:
    prefixes, letters, digits = form
    return rng.choice(prefixes.split("|")) + _letters(rng, letters) + _digits(rng, digits)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(n))


# (prefix or prefixes separated by |, letters, digits)
PASSPORT_FORMATS = {
    "ROU": ("0", 0, 8),
    "BGR": ("38", 0, 7),
    "POL": ("E", 1, 7),
    "HUN": ("B", 1, 7),
    "UKR": ("F", 1, 6),
    "SYR": ("N", 0, 9),
    "AFG": ("P0", 0, 7),
    "IRQ": ("A", 0, 8),
    "TUR": ("U", 0, 8),
    "RUS": ("75", 0, 7),
}
OTHER_PASSPORT = ("", 1, 8)
ID_CARD_FORMATS = {"ROU": ("RX|IF|CJ|GL|TM|IS|VS|BT", 0, 6), "BGR": ("64", 0, 7), "POL": ("", 3, 6), "HUN": ("", 2, 6)}
PERMIT_LETTERS = "CFGHJKLMNPRTVWXYZ0123456789"


def identifiers(draft: Draft, rng: random.Random, today: datetime.date) -> list[Identifier]:
    K, person, nat, rows = Identifier.Kind, draft.person, draft.nationality, []

    def valid_until() -> datetime.date:
        expired = rng.random() < EXPIRED_SHARE
        return today + datetime.timedelta(days=rng.randint(-700, -1) if expired else rng.randint(30, 3600))

    if nat not in EU and nat != "XXX" and rng.random() < 0.97:
        rows.append(Identifier(person=person, kind=K.AZR, value=_digits(rng, 12)))
    if nat in ID_CARD_FORMATS and rng.random() < 0.6:
        rows.append(
            Identifier(
                person=person,
                kind=K.ID_CARD,
                value=_number(rng, ID_CARD_FORMATS[nat]),
                issuing_country=nat,
                valid_until=valid_until(),
            )
        )
    elif nat not in {"XXA", "XXX"} and rng.random() < (0.8 if draft.adult else 0.45):
        number = _number(rng, PASSPORT_FORMATS.get(nat, OTHER_PASSPORT))
        rows.append(
            Identifier(person=person, kind=K.PASSPORT, value=number, issuing_country=nat, valid_until=valid_until())
        )
    if nat not in EU and rng.random() < 0.45:
        value = "Y" + "".join(rng.choice(PERMIT_LETTERS) for _ in range(8))
        rows.append(
            Identifier(
                person=person, kind=K.RESIDENCE_PERMIT, value=value, issuing_country="DEU", valid_until=valid_until()
            )
        )
    if nat in REFUGEES and rng.random() < 0.1:
        rows.append(Identifier(person=person, kind=K.ARRIVAL_CERTIFICATE, value=_digits(rng, 9), issuing_country="DEU"))
    if draft.adult and draft.age < 65 and rng.random() < 0.2:
        rows.append(
            Identifier(person=person, kind=K.BA_CUSTOMER, value=f"{_digits(rng, 3)}{_letters(rng, 1)}{_digits(rng, 6)}")
        )
    return rows


def alternative_names(draft: Draft) -> list[AlternativeName]:
    return [
        AlternativeName(person=draft.person, given_names=g, family_name=f, note=note)
        for g, f, note in draft.alternatives
    ]
