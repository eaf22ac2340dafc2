"""A phonetic skeleton key for names from many languages, and a small table of given names that
are the same name in another language.

The key keeps the consonants, each reduced to a sound class, drops inner vowels (Arabic script
does not write short vowels, and Mohammed/Muhammad/Mohamed differ only there) and keeps one
marker `a` for a vowel at the start and at the end (Ahmad ≠ Hamid, Ahmadi ≠ Ahmad). The classes
fold the spellings of German, English, French, Polish, Hungarian, Turkish and the
transliteration systems of Cyrillic and Arabic:

    S  s z ß sh sch sz zh ž š ş ș ts tz c(e/i) ц      (Reza/Resa, Schewtschenko/Shevchenko)
    H  h kh ch x(ch) č tsch cz cs ç  (after tsch→ch)  (Kharkiv/Charkiw, Achmed/Ahmed)
    J  j y(initial) dj dsch dzh gy dž                   (Jafari/Dschafari/Djafari, Yusuf/Jusuf)
    V  v w                                              (Wahid/Vahid)
    T  t d th dh (final and inner)                      (Mehmet ~ Mohammed, Dawit/Dawid)
    K  k q c ck g(not)                                  (Qassem/Kassem)
    F  f ph;  P p;  B b;  G g gh;  L M N R as they are

Doubled letters count once. See docs/matching.md for the table of rules and tests/matching for
the examples each rule is there for.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .normalize import name_tokens

_VOWELS = frozenset("aeiouy")

# Longest first; applied left to right at each position.
_RULES: list[tuple[str, str]] = sorted(
    [
        ("schtsch", "SH"),
        ("shtch", "SH"),
        ("shch", "SH"),
        ("szcz", "SH"),
        ("sht", "ST"),
        ("tsch", "H"),
        ("tch", "H"),
        ("dsch", "J"),
        ("dzh", "J"),
        ("dzs", "J"),
        ("dj", "J"),
        ("dz", "S"),
        ("sch", "S"),
        ("ch", "H"),
        ("cz", "H"),
        ("cs", "H"),
        ("kh", "H"),
        ("sh", "S"),
        ("sz", "S"),
        ("zh", "S"),
        ("zs", "S"),
        ("ts", "S"),
        ("tz", "S"),
        ("ph", "F"),
        ("th", "T"),
        ("dh", "T"),
        ("gh", "G"),
        ("gy", "J"),
        ("ck", "K"),
        ("qu", "K"),
        ("x", "KS"),
        ("s", "S"),
        ("z", "S"),
        ("h", "H"),
        ("j", "J"),
        ("v", "V"),
        ("w", "V"),
        ("f", "F"),
        ("t", "T"),
        ("d", "T"),
        ("k", "K"),
        ("q", "K"),
        ("g", "G"),
        ("p", "P"),
        ("b", "B"),
        ("l", "L"),
        ("m", "M"),
        ("n", "N"),
        ("r", "R"),
    ],
    key=lambda rule: -len(rule[0]),
)
_RULES_BY_FIRST: dict[str, list[tuple[str, str]]] = {}
for _pattern, _code in _RULES:
    _RULES_BY_FIRST.setdefault(_pattern[0], []).append((_pattern, _code))

_FINAL_H = re.compile(r"(?<=[aeiou])h$")


@lru_cache(maxsize=300_000)
def skeleton(token: str) -> str:
    """The phonetic key of one folded word (see the module docstring). Digits are kept."""
    word = _FINAL_H.sub("", token) if len(token) > 3 else token
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        c = word[i]
        if c in _VOWELS:
            if c == "y" and i == 0 and n > 1 and word[1] in "aeiou":
                out.append("J")  # Yusuf, Yasser; elsewhere y is a vowel (Maryam, Serhiy)
            else:
                out.append("a")
            i += 1
            continue
        if c == "j" and (i == n - 1 or word[i + 1] not in _VOWELS) and i > 0 and word[i - 1] in _VOWELS:
            out.append("a")  # Andrej, Sergej: j after a vowel at the end is the vowel of Andrii
            i += 1
            continue
        if c == "c":
            nxt = word[i + 1] if i + 1 < n else ""
            if nxt == "h" or nxt == "z" or nxt == "s" or nxt == "k":
                pass  # handled by the rules below
            else:
                out.append("S" if nxt in ("e", "i", "y") else "K")
                i += 1
                continue
        for pattern, code in _RULES_BY_FIRST.get(c, ()):
            if word.startswith(pattern, i):
                out.extend(code)
                i += len(pattern)
                break
        else:
            if c.isdigit():
                out.append(c)
            i += 1
    # Doubled sounds count once (Hassan, Mohammed, Youssef); then inner vowels go.
    collapsed: list[str] = []
    for code in out:
        if not collapsed or collapsed[-1] != code:
            collapsed.append(code)
    if not collapsed:
        return ""
    result = [c for c in collapsed if c != "a"]
    if collapsed[0] == "a":
        result.insert(0, "a")
    if collapsed[-1] == "a" and len(collapsed) > 1:
        result.append("a")
    return "".join(result)


@lru_cache(maxsize=300_000)
def name_key(text: str) -> str:
    """The phonetic key of a whole name: the skeleton of all its words written together, so that
    "Abdul Rahman", "Abdulrahman" and "Abdel-Rahman" meet."""
    return skeleton("".join(name_tokens(text, phonetic=True)))


@lru_cache(maxsize=300_000)
def token_keys(text: str) -> tuple[str, ...]:
    return tuple(skeleton(t) for t in name_tokens(text, phonetic=True))


# --- Known equivalences -----------------------------------------------------------------------

# Given names that are the same name in another language or transliteration and whose phonetic
# keys differ. Conservative on purpose: only forms that one person really carries in different
# documents (a Turkish Mehmet is registered as Mohammed by an Arabic-speaking interpreter; a
# Ukrainian Oleksandr has a Russian-form birth certificate). Pet names (Sascha) are not in it.
EQUIVALENT_GIVEN_NAMES: tuple[tuple[str, ...], ...] = (
    (
        "mohammed",
        "muhammad",
        "mohamed",
        "mohammad",
        "muhammed",
        "mehmet",
        "mehmed",
        "mohamad",
        "mahomed",
        "maxamed",
        "mahamed",
        "muhamed",
        "mohamud",
    ),
    ("ahmad", "ahmed", "ahmet", "achmed", "achmad", "axmed"),
    ("mahmoud", "mahmud", "mahmood", "mehmood", "mahmut", "machmud"),
    ("yusuf", "yousef", "youssef", "jusuf", "yosef", "josef", "joseph", "yuusuf", "yousif", "yusif"),
    ("ibrahim", "ebrahim", "ibraheem", "abraham", "ibrahima"),
    ("hussein", "husain", "hussain", "hossein", "husein", "huseyin", "xuseen", "hüseyin", "hussen", "hosein"),
    ("hassan", "hasan", "xasan"),
    ("mustafa", "moustafa", "mostafa", "mustapha"),
    ("omar", "umar", "omer", "cumar"),
    ("osman", "othman", "uthman", "usman", "osman"),
    ("ismail", "ismael", "esmail", "ismaaciil", "smail"),
    ("yaqub", "yakub", "jakob", "jacob", "yakup", "yaqoob"),
    ("suleiman", "sulaiman", "sleiman", "suleyman", "sulayman", "soliman"),
    ("fatima", "fatma", "fatemeh", "fatema", "fadumo", "fatuma", "faadumo"),
    ("aisha", "ayesha", "aischa", "ayse", "asha", "caasha", "aicha"),
    ("maryam", "mariam", "meryem"),
    ("zainab", "zaynab", "zeinab", "zeynep"),
    ("khadija", "khadidja", "chadidscha", "hatice", "khadiga"),
    ("ali", "cali"),
    ("abdulrahman", "abdirahman", "abdurrahman", "abdelrahman", "abdalrahman", "cabdiraxmaan", "abdurahman"),
    ("abdullah", "abdallah", "abdullahi", "cabdullaahi", "abdulahi"),
    ("yahya", "yahia", "yehia", "jahja"),
    ("jamal", "gamal", "dschamal", "cemal"),
    # Ukrainian and the Russian form of the same name
    ("oleksandr", "aleksandr", "alexander", "oleksander", "olexandr", "aleksander", "alexandr"),
    ("oleksandra", "aleksandra", "alexandra", "olexandra"),
    ("serhii", "serhiy", "sergei", "sergey", "sergej", "sergii", "sergiy", "serhij"),
    ("andrii", "andriy", "andrei", "andrey", "andrej", "andrij"),
    ("dmytro", "dmitrii", "dmitriy", "dmitri", "dmitry", "dmitrij"),
    ("mykola", "nikolai", "nikolay", "nikolaj", "mikola"),
    ("volodymyr", "vladimir", "wladimir", "wolodymyr"),
    ("mykhailo", "mikhail", "michail", "mychajlo", "mihail"),
    ("yurii", "yuriy", "yuri", "juri", "jurij", "yury"),
    ("oleksii", "oleksiy", "aleksei", "aleksey", "alexej", "alexei", "oleksij"),
    ("yevhen", "ievhen", "jevhen", "evgeniy", "evgeni", "jewgeni", "jewgenij", "yevgeniy", "jewhen", "evgeny"),
    ("vasyl", "vasiliy", "vasili", "wassili", "wasyl", "vasily"),
    ("pavlo", "pavel", "pawel", "pawlo"),
    ("petro", "petr", "pyotr", "petar"),
    ("ivan", "iwan"),
    ("heorhii", "georgii", "georgiy", "georgi", "heorhiy"),
    ("hryhorii", "grigorii", "grigoriy", "grigori", "hryhoriy"),
    ("olena", "elena", "jelena", "yelena"),
    ("nataliia", "natalia", "natalya", "natalja", "nataliya"),
    ("yuliia", "yulia", "julia", "yuliya", "julija"),
    ("tetiana", "tatiana", "tatjana", "tatyana", "tetyana"),
    ("iryna", "irina"),
    ("kateryna", "ekaterina", "jekaterina", "yekaterina"),
    ("svitlana", "svetlana", "swetlana"),
    ("halyna", "galina"),
    ("liudmyla", "ludmila", "ljudmila", "lyudmila", "lyudmyla"),
    ("anastasiia", "anastasia", "anastasija", "anastasiya"),
    ("hanna", "anna", "ganna"),
    ("olha", "olga"),
    ("stefan", "stepan", "stephan", "istvan"),
)


def _build_groups() -> dict[str, str]:
    groups: dict[str, str] = {}
    for group in EQUIVALENT_GIVEN_NAMES:
        canonical = group[0]
        for name in group:
            from .normalize import fold

            groups[fold(name)] = canonical
    return groups


_GROUPS = _build_groups()


def given_group(token: str) -> str | None:
    """The canonical name of a folded given-name word's equivalence group, or None."""
    return _GROUPS.get(token)


@lru_cache(maxsize=300_000)
def blocking_key(token: str) -> str:
    """The key a word contributes to blocking: its group's canonical skeleton if it has a group
    (so that Mehmet and Mohammed, Oleksandr and Aleksandr share keys), else its skeleton."""
    group = _GROUPS.get(token)
    return skeleton(group) if group else skeleton(token)


_SPELLING_RULES = (
    ("sch", "sh"),
    ("kh", "h"),
    ("ph", "f"),
    ("ck", "k"),
    ("ou", "u"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
)


@lru_cache(maxsize=300_000)
def spelling_key(token: str) -> str:
    """A folded word with only the alternations of romanisation removed (Okseniia / Okseniya,
    Yulia / Julia, Khristov / Hristov; doubled letters once), but its vowels kept: finer than
    `skeleton`, so that Rania and Rana or Okseniia and Oksana stay different spellings. Used to
    count how often a spelling occurs as a given name (is it a name of its own or a typo?)."""
    word = token
    for old, new in _SPELLING_RULES:
        word = word.replace(old, new)
    out: list[str] = []
    for c in word:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)
