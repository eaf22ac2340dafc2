"""Nationalities as ISO 3166-1 alpha-3 codes, plus the ICAO 9303 codes for stateless and
unknown, with names in the current language."""

from __future__ import annotations

import functools
import gettext

import pycountry
from django.utils.translation import get_language

STATELESS = "XXA"
UNKNOWN = "XXX"
SPECIAL = {STATELESS: ("staatenlos", "stateless"), UNKNOWN: ("ungeklärt", "unknown")}


@functools.cache
def _translation(lang: str, domain: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def _lang() -> str:
    return (get_language() or "de")[:2]


def country_name(code: str) -> str:
    lang = _lang()
    if code in SPECIAL:
        return SPECIAL[code][0 if lang == "de" else 1]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    return _translation(lang, "iso3166-1").gettext(name)


def is_valid_nationality(code: str) -> bool:
    return code in SPECIAL or pycountry.countries.get(alpha_3=code) is not None


@functools.cache
def _choices(lang: str) -> list[tuple[str, str]]:
    rows = [(c.alpha_3, country_name(c.alpha_3)) for c in pycountry.countries]
    rows.sort(key=lambda r: r[1])
    return [(STATELESS, country_name(STATELESS)), (UNKNOWN, country_name(UNKNOWN)), *rows]


def nationality_choices() -> list[tuple[str, str]]:
    return _choices(_lang())


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_3=code) or pycountry.languages.get(alpha_2=code)
    if language is None:
        return code
    return _translation(_lang(), "iso639-3").gettext(language.name)


# Languages the agency meets most; the form offers these first.
COMMON_LANGUAGES = [
    "deu",
    "eng",
    "ara",
    "fas",
    "prs",
    "pus",
    "ukr",
    "rus",
    "ron",
    "bul",
    "pol",
    "hun",
    "tur",
    "kur",
    "kmr",
    "ckb",
    "tir",
    "som",
    "fra",
    "ell",
    "srp",
    "sqi",
    "urd",
    "tam",
]


@functools.cache
def _language_choices(lang: str) -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in COMMON_LANGUAGES]


def language_choices() -> list[tuple[str, str]]:
    return _language_choices(_lang())
