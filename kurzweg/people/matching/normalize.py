"""Folding and tokenising of names, and transliteration of Arabic, Persian and Cyrillic script into
Latin, so that every spelling of a name can be compared with every other. Pure functions on strings.

`fold` gives the lower-case ASCII form used for exact and Jaro–Winkler comparison ("Ștefan",
"Ştefan", "STEFAN" → "stefan"). `phonetic_fold` keeps what the phonetic key needs to know
(š, č, ž as sh, ch, zh), see phonetic.py. `name_tokens` splits a name into folded tokens without
particles (al-, el-, bin, van, de, …).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --- Latin ------------------------------------------------------------------------------------

# Letters that Unicode does not decompose into a base letter and a mark, or whose decomposition
# loses a sound the phonetic key needs. Applied after NFKC and lower-casing.
_SPECIAL = {
    "ß": "ss",
    "ẞ": "ss",
    "ł": "l",
    "ı": "i",
    "đ": "d",
    "ð": "d",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ŋ": "ng",
    "ħ": "h",
    "ŧ": "t",
    "ſ": "s",
    # apostrophes and ayn/hamza signs vanish: Ja'fari = Jafari, Ma'mun = Mamun
    "'": "",
    "’": "",
    "‘": "",
    "ʼ": "",
    "ʻ": "",
    "ʽ": "",
    "`": "",
    "´": "",
    "ʾ": "",
    "ʿ": "",
    "ʹ": "",
    "ʺ": "",
    "″": "",
    "′": "",
}
# Before diacritics are stripped, for the phonetic key only: the sound of a letter with a mark.
_PHONETIC_SPECIAL = {
    "š": "sh",
    "č": "ch",
    "ž": "zh",
    "ş": "sh",
    "ș": "sh",
    "ç": "ch",
    "ț": "ts",
    "ţ": "ts",
    "ć": "ch",
    "ś": "sh",
    "ź": "zh",
    "ż": "zh",
    "ğ": "",
    "ñ": "n",
    "ǧ": "g",
    "ḫ": "kh",
    "ẖ": "kh",
    "ḥ": "h",
    "ġ": "gh",
    "ṯ": "th",
    "ḏ": "dh",
    "ẓ": "z",
    "ṣ": "s",
    "ḍ": "d",
    "ṭ": "t",
}
_SPECIAL_TABLE = str.maketrans(_SPECIAL)
_PHONETIC_TABLE = str.maketrans(_PHONETIC_SPECIAL)

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _prepare(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = transliterate(text)
    return text


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case ASCII letters and digits, words separated by single spaces; hyphens and dots
    become spaces, apostrophes vanish, diacritics and cedilla/comma-below are dropped, Arabic,
    Persian and Cyrillic script are transliterated."""
    text = _prepare(text).translate(_SPECIAL_TABLE)
    text = _strip_marks(text)
    return _NON_ALNUM.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def phonetic_fold(text: str) -> str:
    """Like `fold`, but š č ž ş ș ç … become sh ch zh …, as the phonetic key reads them."""
    text = _prepare(text).translate(_SPECIAL_TABLE).translate(_PHONETIC_TABLE)
    text = _strip_marks(text)
    return _NON_ALNUM.sub(" ", text).strip()


# Particles: words that are left out when names are compared, so that "Al-Hassan", "Al Hasan",
# "El-Hassan", "Hassan" and "van der Berg"/"Berg" meet. Arabic articles also glued to the name
# ("Alhassan") are split off in `name_tokens` for family names.
PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "ad",
        "ed",
        "ud",
        "as",
        "es",
        "us",
        "at",
        "et",
        "ut",
        "an",
        "en",
        "un",
        "ar",
        "er",
        "ur",
        "az",
        "ez",
        "uz",
        "ash",
        "esh",
        "ush",
        "bin",
        "ben",
        "ibn",
        "bint",
        "binti",
        "bte",
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "do",
        "du",
        "le",
        "la",
        "lo",
        "los",
        "las",
        "ter",
        "ten",
        "zu",
        "vom",
        "zum",
        "zur",
    ]
)
# Words that belong to the name but are glued or split differently: "Abdul Rahman" =
# "Abdulrahman" = "Abdel-Rahman" = "Abd al-Rahman". They are joined to the following word.
PREFIXES = frozenset(
    ["abd", "abdul", "abdel", "abdal", "abdol", "abdu", "abdi", "abu", "abou", "abo", "umm", "um", "om"]
)


def _split(text: str) -> list[str]:
    return text.split()


@lru_cache(maxsize=200_000)
def name_tokens(text: str, *, phonetic: bool = False) -> tuple[str, ...]:
    """The words of a name, folded, particles dropped, "abd"/"abu" joined to the next word.
    A name made only of particles keeps them (a person called "De")."""
    words = _split(phonetic_fold(text) if phonetic else fold(text))
    out: list[str] = []
    pending = ""
    for w in words:
        if w in PARTICLES:
            if pending:
                pending += w  # "abd al rahman" = "abdalrahman", like "abdulrahman"
            continue
        if w in PREFIXES:
            pending += w
            continue
        out.append(pending + w)
        pending = ""
    if pending:
        out.append(pending)
    if not out:
        return tuple(words)
    return tuple(out)


def without_article(token: str) -> str:
    """An Arabic article glued to a name: "alhassan" → "hassan", "elmasri" → "masri".
    Only for words long enough that the rest is still a name."""
    for article in ("al", "el"):
        if token.startswith(article) and len(token) >= len(article) + 4:
            return token[len(article) :]
    return token


# --- Cyrillic ---------------------------------------------------------------------------------

# One canonical transliteration, close to the Ukrainian passport system (KMU 2010) and ICAO; the
# other systems (German Duden, English/BGN, scholarly ISO 9) differ from it only in ways the
# phonetic key folds together (zh/sch/ž, kh/ch/h, ts/z/c, ch/tsch/č, v/w, y/j/i).
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "ъ": "a",
    "ы": "y",
    "э": "e",
    "ё": "e",
    "ў": "u",
    "ђ": "dj",
    "ј": "j",
    "љ": "lj",
    "њ": "nj",
    "ћ": "c",
    "џ": "dz",
    "ѓ": "gj",
    "ќ": "kj",
    "ѕ": "dz",
}
_CYRILLIC_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya", "ё": "yo"}
# Russian, Bulgarian and Serbian г is g; Ukrainian (recognised by і ї є ґ) is h. Names without
# these letters are ambiguous: `transliterations` returns both readings.
_UKRAINIAN_LETTERS = set("іїєґ")
_RUSSIAN_LETTERS = set("ыэёъ")

# --- Arabic and Persian -----------------------------------------------------------------------

# Consonants as Latin letters; long vowels as vowels; short vowels are not written and the
# phonetic key drops inner vowels anyway. ع (ayn) and ء (hamza) become a vowel or nothing.
_ARABIC = {
    "ا": "a",
    "أ": "a",
    "إ": "i",
    "آ": "a",
    "ٱ": "a",
    "ء": "",
    "ؤ": "u",
    "ئ": "i",
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ث": "s",
    "ج": "j",
    "چ": "ch",
    "ح": "h",
    "خ": "kh",
    "د": "d",
    "ذ": "z",
    "ر": "r",
    "ز": "z",
    "ژ": "zh",
    "س": "s",
    "ش": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "ع": "a",
    "غ": "gh",
    "ف": "f",
    "ق": "q",
    "ک": "k",
    "ك": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
    "ة": "a",
    "و": "w",
    "ي": "y",
    "ی": "y",
    "ى": "a",
    "ے": "e",
    "ۀ": "a",
    "ە": "a",
    "ڤ": "v",
    "ڠ": "ng",
    "ٹ": "t",
    "ڈ": "d",
    "ڑ": "r",
    "ں": "n",
    "ھ": "h",
}
_ARABIC_VOWEL_LETTERS = set("اأإآٱىةيیوع")
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200c\u200d\u200e\u200f]")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff" or "\u0750" <= char <= "\u077f" or "\ufb50" <= char <= "\ufefc"


# The same ranges as _is_cyrillic and _is_arabic, searched in C: asked for every name field.
_FOREIGN_SCRIPT = re.compile("[\u0400-\u04ff\u0600-\u06ff\u0750-\u077f\ufb50-\ufefc]")


def has_foreign_script(text: str) -> bool:
    return not text.isascii() and _FOREIGN_SCRIPT.search(text) is not None


def _cyrillic_word(word: str, g: str) -> str:
    out = []
    previous = ""
    for char in word:
        if char in _CYRILLIC:
            at_start = not previous.isalpha()
            latin = _CYRILLIC_INITIAL.get(char, _CYRILLIC[char]) if at_start else _CYRILLIC[char]
            if char == "г":
                latin = g
            elif char == "и" and (at_start or g == "g"):
                latin = "i"  # Russian and Bulgarian и; a Ukrainian word does not start with и
            out.append(latin)
        else:
            out.append(char)
        previous = char
    return "".join(out)


def _arabic_word(word: str) -> str:
    word = _ARABIC_MARKS.sub("", word)
    out = []
    n = len(word)
    for i, char in enumerate(word):
        latin = _ARABIC.get(char)
        if latin is None:
            out.append(char)
            continue
        before = word[i - 1] if i else ""
        after = word[i + 1] if i + 1 < n else ""
        if char == "و":
            # و is w at the start of a word or between a consonant and a long vowel (Darwish);
            # otherwise the vowel u/o (Yusuf, Mansour).
            consonant_before = before and before not in _ARABIC_VOWEL_LETTERS
            latin = "w" if i == 0 or (consonant_before and after in "اأيیى") or (before in "اأ" and after) else "u"
        elif char in "يی":
            latin = "y" if i == 0 else "i"
        elif char == "ه" and i == n - 1 and i > 0:
            latin = "a"  # Persian final -e/-a (Fatemeh, Masoumeh), Arabic -ah (Abdullah)
        out.append(latin)
    text = "".join(out)
    if len(word) > 3 and word[:2] in ("ال", "ٱل") and word[2] != "ل":
        text = "al " + text[2:]  # the article, split off so that the tokeniser drops it
    return text


@lru_cache(maxsize=100_000)
def transliterations(text: str) -> tuple[str, ...]:
    """All Latin readings of a text (usually one; Cyrillic г gives a Ukrainian h- and a Russian
    g-reading). Latin text is returned as it is."""
    if not has_foreign_script(text):
        return (text,)
    lower = text.lower()
    letters = set(lower)
    readings: tuple[str, ...]
    if any(_is_cyrillic(c) for c in lower) and "г" in letters:
        if letters & _UKRAINIAN_LETTERS:
            readings = ("h",)
        elif letters & _RUSSIAN_LETTERS:
            readings = ("g",)
        else:
            readings = ("h", "g")
    else:
        readings = ("h",)
    results = []
    for g in readings:
        words = re.split(r"(\W+)", lower)
        out = []
        for w in words:
            if any(_is_cyrillic(c) for c in w):
                out.append(_cyrillic_word(w, g))
            elif any(_is_arabic(c) for c in w):
                out.append(_arabic_word(w))
            else:
                out.append(w)
        results.append("".join(out))
    return tuple(dict.fromkeys(results))


def transliterate(text: str) -> str:
    """The first (canonical) Latin reading."""
    return transliterations(text)[0]
