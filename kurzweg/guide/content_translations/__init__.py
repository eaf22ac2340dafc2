"""The starting texts of the standard services in the newcomer languages other than German and
English (those two are in content.py), one module per language.

They were translated from the German texts with machine assistance and read through once; no
sworn translator or native-speaking member of an agency has checked them yet. The demo
publishes them so that it shows the guide in every language; an agency loads them as drafts
(`kurzweg load_service_texts <agency>`) and has its interpreters review each one in the content
editor (/content/) before it is published."""

from __future__ import annotations

from . import ar, bg, de_ls, fa, hu, pl, ro, ru, tr, uk
from .base import Text

__all__ = ["TRANSLATIONS", "Text"]

# Language code (kurzweg/languages.py) → service code → text.
TRANSLATIONS: dict[str, dict[str, Text]] = {
    "de-ls": de_ls.TEXTS,
    "ar": ar.TEXTS,
    "fa": fa.TEXTS,
    "uk": uk.TEXTS,
    "ru": ru.TEXTS,
    "ro": ro.TEXTS,
    "bg": bg.TEXTS,
    "pl": pl.TEXTS,
    "hu": hu.TEXTS,
    "tr": tr.TEXTS,
}
