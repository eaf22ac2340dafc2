"""The spellings offices really produce: several transliterations of Cyrillic, lost or re-encoded
diacritics, typing slips. Pure functions on strings."""

from __future__ import annotations

import random
import unicodedata


def _system(pairs: str) -> dict[str, str]:
    """'а=a б=b …' → {'а': 'a', …}; an empty right side drops the letter."""
    return dict(p.split("=", 1) for p in pairs.split())


# Ukrainian: the national passport system of 2010 (KMU), with other forms at the start of a word.
UK_PASSPORT = _system(
    "а=a б=b в=v г=h ґ=g д=d е=e є=ie ж=zh з=z и=y і=i ї=i й=i к=k л=l м=m н=n о=o п=p р=r с=s т=t "
    "у=u ф=f х=kh ц=ts ч=ch ш=sh щ=shch ь= ю=iu я=ia '= ʼ="
)
UK_PASSPORT_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# Ukrainian passports of 2004–2010 wrote Serhiy, Yuliya, Mariya.
UK_OLD_PASSPORT = UK_PASSPORT | {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
UK_DUDEN = _system(
    "а=a б=b в=w г=h ґ=g д=d е=e є=je ж=sch з=s и=y і=i ї=ji й=j к=k л=l м=m н=n о=o п=p р=r с=s т=t "
    "у=u ф=f х=ch ц=z ч=tsch ш=sch щ=schtsch ь= ю=ju я=ja '= ʼ="
)
UK_SCHOLARLY = _system(
    "а=a б=b в=v г=h ґ=g д=d е=e є=je ж=ž з=z и=y і=i ї=ji й=j к=k л=l м=m н=n о=o п=p р=r с=s т=t "
    "у=u ф=f х=ch ц=c ч=č ш=š щ=šč ь= ю=ju я=ja '= ʼ="
)
# Bulgarian: the official system of 2009, German (Duden) and ISO 9.
BG_OFFICIAL = _system(
    "а=a б=b в=v г=g д=d е=e ж=zh з=z и=i й=y к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f х=h ц=ts "
    "ч=ch ш=sh щ=sht ъ=a ь=y ю=yu я=ya"
)
BG_DUDEN = _system(
    "а=a б=b в=w г=g д=d е=e ж=sh з=s и=i й=j к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f х=ch ц=z "
    "ч=tsch ш=sch щ=scht ъ=a ь=j ю=ju я=ja"
)
BG_ISO = _system(
    "а=a б=b в=v г=g д=d е=e ж=ž з=z и=i й=j к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f х=h ц=c "
    "ч=č ш=š щ=št ъ=ǎ ь=ʹ ю=ju я=ja"
)
# Russian: ICAO 9303 as in Russian passports since 2014, and German (Duden).
RU_PASSPORT = _system(
    "а=a б=b в=v г=g д=d е=e ё=e ж=zh з=z и=i й=i к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f х=kh "
    "ц=ts ч=ch ш=sh щ=shch ъ=ie ы=y ь= э=e ю=iu я=ia"
)
RU_DUDEN = _system(
    "а=a б=b в=w г=g д=d е=e ё=jo ж=sch з=s и=i й=j к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f х=ch "
    "ц=z ч=tsch ш=sch щ=schtsch ъ= ы=y ь= э=e ю=ju я=ja"
)


def transliterate(text: str, system: dict[str, str], initial: dict[str, str] | None = None) -> str:
    out: list[str] = []
    previous = ""
    for char in text:
        lower = char.lower()
        if lower in system:
            at_start = not previous.isalpha()
            latin = (initial or {}).get(lower, system[lower]) if at_start else system[lower]
            if lower == "г" and previous.lower() == "з" and system is UK_PASSPORT:
                latin = "gh"  # зг → zgh, so that it is not read as the letter ж
            out.append(latin.capitalize() if char != lower else latin)
        else:
            out.append(char)
        previous = char
    result = "".join(out)
    if system is BG_OFFICIAL:
        # The official system writes a final -ия as -ia (Maria, not Mariya).
        result = " ".join(w[:-3] + "ia" if w.endswith("iya") else w for w in result.split(" "))
    return result


# Letters that Unicode does not decompose into a base letter and a mark.
_PLAIN = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "ß": "ss", "đ": "d", "Đ": "D", "ø": "o", "ʹ": ""})


def without_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_PLAIN))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def romanian_cedilla(text: str) -> str:
    """Romanian ș and ț (comma below) as older systems store them: ş and ţ (cedilla)."""
    return text.translate(str.maketrans("șțȘȚ", "şţŞŢ"))


def hungarian_latin1(text: str) -> str:
    """ő and ű do not exist in Latin-1; systems that use it write ö and ü (or õ, û)."""
    return text.translate(str.maketrans("őűŐŰ", "öüÖÜ"))


def german_umlauts(text: str) -> str:
    """Umlauts spelt out, as in machine-readable zones and old German systems."""
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("Ä", "Ae"), ("Ö", "Oe"), ("Ü", "Ue")):
        text = text.replace(umlaut, spelt)
    return text


def typo(text: str, rng: random.Random) -> str:
    """One slip of the keyboard: two neighbouring letters swapped, a letter doubled or dropped."""
    if len(text) < 4:
        return text + text[-1]
    i = rng.randrange(1, len(text) - 2)
    kind = rng.choice(("swap", "double", "drop"))
    if kind == "swap" and text[i] != text[i + 1]:
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == "drop":
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]
