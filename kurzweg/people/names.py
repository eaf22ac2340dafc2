"""Name folding for the simple search: one comparable form of every spelling."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=100_000)  # the same names come again and again (imports, name indexes)
def fold_name(text: str) -> str:
    """Lower case ASCII words: 'Ștefan' and 'Ştefan' (comma or cedilla) both become 'stefan';
    Arabic and Cyrillic script are transliterated, so they are at least findable."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(_NON_ALNUM.sub(" ", unidecode(text).lower()).split())


def name_tokens(text: str) -> list[str]:
    return [t for t in fold_name(text).split() if t]
