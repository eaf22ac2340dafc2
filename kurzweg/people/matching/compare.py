"""Fellegi–Sunter comparison of two records: per field a comparison level, per level a
log-likelihood weight log2(m/u) in bits, the sum turned into a probability; then a few hard rules
that keep relatives and namesakes apart (see docs/matching.md, "Scoring").

m = P(level | same person), u = P(level | different persons). The m and u values below are set by
hand and tuned on synthetic data with hard negatives (tests/matching/synthetic.py, and the
benchmark in bench/matching/). For names, u comes from a `NameFrequencies` table when one is
given: agreeing on "Mohammad" says less than agreeing on "Zabiullah".
"""

from __future__ import annotations

import math

from rapidfuzz.distance import OSA, JaroWinkler

from .identifiers import PERSONAL_KINDS
from .identifiers import parse as parse_identifiers
from .identifiers import relation as identifier_relation
from .names import (  # noqa: F401  (re-exported: the name comparison used to live here)
    AGREEING,
    CONFLICT,
    DEFAULT_FAMILY_FREQUENCY,
    DEFAULT_GIVEN_FREQUENCY,
    DISAGREE,
    EXACT,
    JW85,
    JW92,
    KNOWN,
    LEVEL_NAMES,
    MISSING,
    PHONETIC,
    PSEUDO_PERSONS,
    Field,
    FieldResult,
    NameComparison,
    NameFrequencies,
    Names,
    _names,
    combination_key,
    compare_fields,
    compare_names,
    token_level,
)
from .normalize import fold
from .phonetic import spelling_key
from .places import place_key
from .records import Match, Reason, Record

# --- thresholds ------------------------------------------------------------------------------

POSSIBLE_THRESHOLD = 0.30
LIKELY_THRESHOLD = 0.80
EXACT_THRESHOLD = 0.98
DEFAULT_DUPLICATE_THRESHOLD = LIKELY_THRESHOLD

# The score at which a pair stops when a hard rule says "not likely" / "not exact".
_BELOW_LIKELY = LIKELY_THRESHOLD - 0.01
_BELOW_EXACT = EXACT_THRESHOLD - 0.005

# Prior log-odds in bits added to the sum of the weights: about one person in 2**PRIOR_BITS
# candidates sharing a blocking key is the same person.
PRIOR_BITS = -14.0

# --- dates and the rest ------------------------------------------------------------------------

_DAYS = 365.25 * 50  # birth dates of the population spread over about 50 years
DATE_BITS = {
    "same_birth_date": math.log2(0.88 / (1 / _DAYS)),  # 14.0
    "birth_date_day_month_swapped": math.log2(0.015 / (1 / _DAYS)),  # 8.1
    "birth_year_off_by_one": math.log2(0.015 / (2 / _DAYS)),  # 7.1
    # One digit of YYYYMMDD mistyped or two neighbours transposed (1925-01-27 / 1925-04-27):
    # m 0.03 (typing errors), u about 30 such neighbours of a date among the _DAYS dates.
    "birth_date_typo": math.log2(0.03 / (30 / _DAYS)),  # 4.2
    "same_birth_year": math.log2(0.90 / (1 / 50)),  # 5.5 (year only on one or both sides)
    "birth_date_placeholder": math.log2(0.90 / (1 / 50)),  # 5.5 (01.01. on one side: the year)
    "birth_year_close": math.log2(0.03 / (2 / 50)),  # -0.4 (year only, one year apart)
    "birth_date_unknown": 0.0,
    "different_birth_date": math.log2(0.03 / 0.97),  # -5.0
}
NO_DATE_BITS = 8.0
SEX_SAME_BITS = math.log2(0.97 / 0.5)  # 0.96
SEX_DIFFERENT_BITS = math.log2(0.02 / 0.5)  # -4.6
NATIONALITY_SAME_BITS = math.log2(0.93 / 0.15)  # 2.6
NATIONALITY_DIFFERENT_BITS = math.log2(0.06 / 0.85)  # -3.8
PLACE_SAME_BITS = math.log2(0.60 / 0.02)  # 4.9
PLACE_DIFFERENT_BITS = math.log2(0.30 / 0.98)  # -1.7
# Identifiers of the same kind (identifiers.relation). u of an agreement: a document or register
# number shared by two persons of one block by error (a child in a parent's passport, a number
# typed into the wrong file) rather than by chance; a value of fewer than FUZZY_LENGTH characters
# may be anyone's. A differing number says little: passports are renewed with a new number, and a
# second registration got a new register number (m 0.25).
IDENTIFIER_BITS = {
    "same": math.log2(0.90 / 1e-4),  # 13.1
    "same_short": math.log2(0.90 / 1e-2),  # 6.5
    "typo": math.log2(0.05 / 1e-4),  # 9.0
    "different": math.log2(0.25 / 1.0),  # -2.0
    "": 0.0,
}
# Namesakes: below this expected number of other persons with the same names (and birth year),
# agreement on names and year only may still reach `likely` (needs a NameFrequencies table).
RARE_NAMESAKES = 0.5
# A person seldom has more than this many records: more records with the same names (and birth
# year) than this means several persons of that name (the records counted include the pair's own).
NAMESAKE_RECORDS = 6
# ... and more than this many records with the same names and only that birth year (no day).
VAGUE_NAMESAKES = 3
# Of the persons with the same names (and birth year), the share born in the same place.
SAME_PLACE_SHARE = 0.25
# A spelling found as a given name in at least this many records is a name of its own, not a typo.
ESTABLISHED_NAME = 3
# Birth years further apart than this among the records of one name: more than one person.
YEARS_APART = 1
# The dates that tell persons apart on their own (with the names): a full date, or one with a
# known kind of error.
FULL_DATE_LEVELS = frozenset(
    {"same_birth_date", "birth_date_day_month_swapped", "birth_year_off_by_one", "birth_date_typo"}
)

# Full dates that differ by a known kind of error: weaker than the same date.
DATE_ERROR_LEVELS = frozenset({"birth_date_day_month_swapped", "birth_year_off_by_one", "birth_date_typo"})
# With a mistyped date: more records than this of the names (any year) are several persons.
TYPO_NAMESAKE_RECORDS = 12

_UNKNOWN_NATIONALITIES = frozenset({"XXX", ""})


# --- prepared records ------------------------------------------------------------------------------


class Prepared:
    """A record with everything the comparison needs computed once."""

    __slots__ = (
        "day",
        "full",
        "identifiers",
        "month",
        "names",
        "nationalities",
        "place",
        "place_key",
        "placeholder",
        "record",
        "sex",
        "year",
    )

    def __init__(self, record: Record) -> None:
        self.record = record
        names = [_names(record.given_names, record.family_name)]
        for given, family in record.other_names:
            names.append(_names(given, family))
        for text in record.original_names:
            names.append(_names(text, ""))
        self.names = [n for n in names if n.everything] or names[:1]
        self.year = record.birth_year
        month, day = record.birth_month, record.birth_day
        self.placeholder = self.year is not None and month == 1 and day == 1
        if self.placeholder:
            month = day = None
        self.month, self.day = month, day
        self.full = self.year is not None and month is not None and day is not None
        self.sex = record.sex if record.sex in ("F", "M") else ""
        self.nationalities = frozenset(n.upper() for n in record.nationalities) - _UNKNOWN_NATIONALITIES
        self.place = fold(record.birth_place)
        self.place_key = place_key(record.birth_place) if self.place else ""
        self.identifiers = parse_identifiers(record.identifiers) if record.identifiers else ()


def prepare(record: Record | Prepared) -> Prepared:
    return record if isinstance(record, Prepared) else Prepared(record)


# --- dates -------------------------------------------------------------------------------------------


def compare_dates(a: Prepared, b: Prepared) -> str:
    if a.year is None or b.year is None:
        return "birth_date_unknown"
    if a.full and b.full:
        if a.year == b.year and a.month == b.month and a.day == b.day:
            return "same_birth_date"
        if a.year == b.year and a.month == b.day and a.day == b.month:
            return "birth_date_day_month_swapped"
        if abs(a.year - b.year) == 1 and a.month == b.month and a.day == b.day:
            return "birth_year_off_by_one"
        if _one_typo(f"{a.year:04d}{a.month:02d}{a.day:02d}", f"{b.year:04d}{b.month:02d}{b.day:02d}"):
            return "birth_date_typo"
        return "different_birth_date"
    if a.year == b.year:
        if a.month is not None and b.month is not None and a.month != b.month:
            if a.day != b.month and b.day != a.month:
                return "different_birth_date"
        return "birth_date_placeholder" if (a.placeholder or b.placeholder) else "same_birth_year"
    if abs(a.year - b.year) == 1:
        return "birth_year_close"
    return "different_birth_date"


def _one_typo(a: str, b: str) -> bool:
    """Equal-length digit strings that differ in one place or by one swap of neighbours."""
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _date_text(p: Prepared) -> str:
    r = p.record
    if r.birth_year is None:
        return ""
    if r.birth_month and r.birth_day:
        return f"{r.birth_year:04d}-{r.birth_month:02d}-{r.birth_day:02d}"
    if r.birth_month:
        return f"{r.birth_year:04d}-{r.birth_month:02d}"
    return f"{r.birth_year:04d}"


# --- the comparison ----------------------------------------------------------------------------------


def level_of(score: float) -> str | None:
    if score >= EXACT_THRESHOLD:
        return "exact"
    if score >= LIKELY_THRESHOLD:
        return "likely"
    if score >= POSSIBLE_THRESHOLD:
        return "possible"
    return None


def _probability(bits: float) -> float:
    x = bits + PRIOR_BITS
    if x > 60:
        return 1.0
    if x < -60:
        return 0.0
    return 1.0 / (1.0 + 2.0 ** (-x))


def _distinct_given_names(best: NameComparison, freq: NameFrequencies | None) -> bool:
    """Given names that are only similar (not the same spelling, not known variants), where both
    spellings are established given names in the registry: two names, not one name with a typo or
    another romanisation (Rania / Rana, Paulica / Paulina, Okseniia / Oksana: twins). A typo or a
    rare romanisation makes a rare spelling; the names of twins are both in use. One letter apart
    (Kyl / Kyle), the rarer spelling must be at least a tenth as frequent as the other, since the
    same typo of a common name recurs in a large registry. Swapped fields are checked crosswise
    (Mansour Rasha / Aisha Mansour)."""
    if freq is None:
        return False
    q, c = best.query, best.candidate
    if best.arrangement == "pooled":
        checks = [(best.given, q.everything, c.everything)]
    elif best.arrangement == "swapped":
        checks = [(best.given, q.given, c.family), (best.family, q.family, c.given)]
    else:
        checks = [(best.given, q.given, c.given)]
    for result, a, b in checks:
        for i, j, level in result.pairs:
            if level in (PHONETIC, JW92, JW85) and i < len(a.tokens) and j < len(b.tokens):
                ta, tb = a.tokens[i], b.tokens[j]
                if _two_names(ta, tb, freq, OSA.distance(spelling_key(ta), spelling_key(tb)) <= 1):
                    return True
    return False


def _two_names(ta: str, tb: str, freq: NameFrequencies, close: bool = False) -> bool:
    """Two spellings that are both established given names (see `_distinct_given_names`)."""
    sa, sb = spelling_key(ta), spelling_key(tb)
    if sa == sb:
        return False
    ca, cb = freq.spelling_count(ta), freq.spelling_count(tb)
    return min(ca, cb) >= max(ESTABLISHED_NAME, (0.1 if close else 0.02) * max(ca, cb))


def _passport_names_differ(primary: NameComparison, freq: NameFrequencies | None) -> bool:
    """The best match came from another spelling or the original script, but the first given
    names of the passport names disagree and are both established given names (Hussein / Hassan,
    حسين / Hassan: the vowels of the original script are not written, so it cannot tell them
    apart): two persons, twins or brothers."""
    if freq is None or primary.arrangement != "straight" or primary.given.level not in (DISAGREE, CONFLICT):
        return False
    a, b = primary.query.given.tokens, primary.candidate.given.tokens
    return bool(a and b) and _two_names(a[0], b[0], freq)


def _family_name_changed(
    best: NameComparison, date: str, place: str, nationality: str, sex_differs: bool, freq: NameFrequencies | None
) -> bool:
    """The same given name, a different family name (marriage, or a garbled field), the same full
    birth date and birth place: the same person when the given name is rare enough that another
    person with it born that day is not to be expected (namesake estimate below RARE_NAMESAKES).
    Twins and siblings share the family name, so this does not bring them together."""
    if freq is None or best.arrangement != "straight" or date != "same_birth_date" or place != "same":
        return False
    g, f = best.given, best.family
    if g.level < KNOWN or g.partial or f.level != DISAGREE or sex_differs or nationality == "different":
        return False
    return freq.total * 2.0**best.rare / _DAYS < RARE_NAMESAKES / 50


def _namesakes_years_apart(q: Prepared, c: Prepared, freq: NameFrequencies) -> bool:
    """Records with these names were born years apart: at least two persons of this name (father
    and son), and a record without a date cannot tell which one it is."""
    for p in (q, c):
        n = p.names[0]
        if n.given and n.family and freq.year_spread(n.given.keys[0], n.family.keys[0]) > YEARS_APART:
            return True
    return False


def _too_many_records(q: Prepared, c: Prepared, freq: NameFrequencies) -> bool:
    """More records with the names of one of the pair (and their common birth year) than one
    person has, or more such records with only that year: namesakes."""
    year = q.year if q.year == c.year else None
    for p in (q, c):
        first = p.names[0]
        if first.given and first.family:
            g0, f0 = first.given.keys[0], first.family.keys[0]
            if freq.combination_count(g0, f0, year) > NAMESAKE_RECORDS:
                return True
            vague = freq.combination_count(g0, f0, f"{year}?") if year is not None else 0
            if vague > VAGUE_NAMESAKES:
                return True
    return False


def _common_name(q: Prepared, c: Prepared, freq: NameFrequencies) -> bool:
    """A mistyped date (one digit, not a swap or the year) with a name that more than
    TYPO_NAMESAKE_RECORDS records of the registry have."""
    for p in (q, c):
        first = p.names[0]
        if first.given and first.family:
            if freq.combination_count(first.given.keys[0], first.family.keys[0]) > TYPO_NAMESAKE_RECORDS:
                return True
    return False


def _cap(score: float, cap: float) -> float:
    # Keeps the order among capped pairs: the better the evidence, the closer to the cap.
    if score <= cap:
        return score
    return cap - 0.05 * (1.0 - score) / (1.0 - cap) * (cap - POSSIBLE_THRESHOLD) if score < 1.0 else cap


def score_pair(q: Prepared, c: Prepared, freq: NameFrequencies | None = None, *, reasons: bool = True):
    """(score, names comparison, date level) — the core of `compare`."""
    best: NameComparison | None = None
    primary: NameComparison | None = None
    for qn in q.names:
        for cn in c.names:
            n = compare_names(qn, cn, freq)
            if primary is None:
                primary = n
            if best is None or n.bits > best.bits:
                best = n
    assert best is not None and primary is not None
    date = compare_dates(q, c)
    bits = best.bits + DATE_BITS[date]
    if date == "birth_date_unknown":
        # A search by name only: judged on the names (the namesake rule keeps it below likely).
        bits += NO_DATE_BITS
    sex_differs = False
    if q.sex and c.sex:
        sex_differs = q.sex != c.sex
        bits += SEX_DIFFERENT_BITS if sex_differs else SEX_SAME_BITS
    nationality = ""
    if q.nationalities and c.nationalities:
        nationality = "same" if q.nationalities & c.nationalities else "different"
        bits += NATIONALITY_SAME_BITS if nationality == "same" else NATIONALITY_DIFFERENT_BITS
    place = ""
    if q.place and c.place:
        if (
            q.place == c.place
            or q.place_key == c.place_key
            or (JaroWinkler.normalized_similarity(q.place, c.place) >= 0.9)
        ):
            place = "same"
            bits += PLACE_SAME_BITS
        else:
            place = "different"
            bits += PLACE_DIFFERENT_BITS
    identifiers, kind = "", ""
    if q.identifiers and c.identifiers:
        identifiers, x, _y = identifier_relation(q.identifiers, c.identifiers)
        bits += IDENTIFIER_BITS[identifiers]
        kind = x[0] if x is not None else ""
    score = _probability(bits)

    # --- hard rules: relatives and namesakes ---
    g, f = best.given, best.family
    cap = 1.0
    if best.arrangement == "pooled":
        names_agree = g.level >= AGREEING and not g.partial
        strong_names = g.level >= AGREEING and len(g.pairs) >= 2 and not g.partial
        given_missing = False
    else:
        names_agree = g.level >= AGREEING and (f.level == MISSING or f.level >= AGREEING)
        # A field empty on one side is no evidence (unlike a different name): the other field
        # alone must then be strong ("Edit" / "Edit Illés"; " / Brooker" / "Thomas Brooker").
        strong_names = g.level >= AGREEING and (f.level >= AGREEING or f.level == MISSING)
        given_missing = g.level == MISSING and f.level >= KNOWN and not f.partial
    if not names_agree and not (given_missing and date in FULL_DATE_LEVELS and place != "different"):
        if not _family_name_changed(best, date, place, nationality, sex_differs, freq):
            cap = _BELOW_LIKELY  # different given names: siblings, twins
    if _distinct_given_names(best, freq) or (
        best is not primary and (_distinct_given_names(primary, freq) or _passport_names_differ(primary, freq))
    ):
        cap = _BELOW_LIKELY  # Paulina / Paulica, Rana / Rania: twins with similar names
    if date == "different_birth_date" or sex_differs:
        cap = _BELOW_LIKELY  # father and son of the same name; brother and sister
    if date in DATE_ERROR_LEVELS and (
        place == "different" or (date == "birth_date_typo" and freq is not None and _common_name(q, c, freq))
    ):
        # A date error and a different birth place, or a name that many records share: one of
        # the about 30 dates a digit away belongs to a namesake.
        cap = _BELOW_LIKELY
    if given_missing and cap == 1.0:
        # Family name and full date only: rare family names only (expected other persons with
        # this family name born that day below RARE_NAMESAKES).
        f_family = 2.0**best.rare if freq is not None else DEFAULT_FAMILY_FREQUENCY
        if (freq.total if freq is not None else PSEUDO_PERSONS) * f_family / _DAYS > RARE_NAMESAKES:
            cap = _BELOW_LIKELY
    if date == "birth_date_unknown" and freq is not None and _namesakes_years_apart(q, c, freq):
        cap = min(cap, _BELOW_LIKELY)  # father and son of the same name, one without a date
    if date not in FULL_DATE_LEVELS:
        # Names and at most the birth year: many different persons look like this. Only rare
        # names (by the frequency table) may still be likely.
        namesakes = math.inf
        if freq is not None and strong_names:
            p_date = {"same_birth_year": 1 / 50, "birth_date_placeholder": 1 / 50, "birth_year_close": 2 / 50}
            namesakes = freq.total * (2.0**best.rare) * p_date.get(date, 1.0)
            if place == "same":
                namesakes *= SAME_PLACE_SHARE
            # More records with these names (and birth year) than one person has: there are
            # namesakes, and names with the year alone cannot tell them apart.
            if _too_many_records(q, c, freq):
                namesakes = math.inf
        # A different birth place contradicts weak evidence (the same names and a year).
        if namesakes > RARE_NAMESAKES or place == "different":
            cap = min(cap, _BELOW_LIKELY)
    if identifiers in ("same", "typo"):
        # The same document or register number (or one typo of it): not a twin, sibling or
        # namesake, whatever the names look like. A different date or sex still keeps a document
        # apart (a child entered in a parent's passport), not a number a person has for life.
        contradiction = date == "different_birth_date" or sex_differs
        cap = _BELOW_LIKELY if contradiction and kind not in PERSONAL_KINDS else 1.0
    exact = (
        date == "same_birth_date"
        and best.arrangement == "straight"
        and g.level == EXACT
        and f.level == EXACT
        and not g.partial
        and not f.partial
        and nationality != "different"
        and not sex_differs
        and identifiers != "different"
    )
    if not exact:
        cap = min(cap, _BELOW_EXACT)
    score = _cap(score, cap)
    return score, best, date, sex_differs, nationality, place


def compare(
    query: Record | Prepared, candidate: Record | Prepared, frequencies: NameFrequencies | None = None
) -> Match:
    q, c = prepare(query), prepare(candidate)
    score, names, date, sex_differs, nationality, place = score_pair(q, c, frequencies)
    level = level_of(score) or "possible"
    return Match(
        id=c.record.id,
        score=round(score, 6),
        level=level,  # type: ignore[arg-type]
        reasons=tuple(_reasons(q, c, names, date, sex_differs, nationality, place)),
    )


_FIELD_REASON = {
    ("given", PHONETIC): "given_name_sounds_alike",
    ("family", PHONETIC): "family_name_sounds_alike",
    ("given", KNOWN): "known_spelling",
    ("family", KNOWN): "known_spelling",
    ("given", JW92): "name_typo",
    ("family", JW92): "name_typo",
    ("given", JW85): "name_typo",
    ("family", JW85): "name_typo",
}


def _reasons(q: Prepared, c: Prepared, n: NameComparison, date: str, sex_differs: bool, nationality: str, place: str):
    qn, cn = n.query, n.candidate
    if qn.original or cn.original:
        yield Reason("name_in_original_script", qn.everything.text, cn.everything.text)
    if n.arrangement == "swapped":
        yield Reason("names_swapped", qn.everything.text, f"{cn.family.text} {cn.given.text}".strip())
    if n.arrangement == "pooled":
        if n.given.level == EXACT:
            yield Reason("same_name", qn.everything.text, cn.everything.text)
        elif n.given.level >= AGREEING:
            code = _FIELD_REASON[("family" if n.given.level == PHONETIC else "given", n.given.level)]
            yield Reason(code, qn.everything.text, cn.everything.text)
    else:
        swapped = n.arrangement == "swapped"
        fields = (
            ("given", n.given, qn.given, cn.family if swapped else cn.given),
            ("family", n.family, qn.family, cn.given if swapped else cn.family),
        )
        if n.given.level == EXACT and n.family.level == EXACT:
            yield Reason("same_name", qn.everything.text, cn.everything.text)
        else:
            for role, result, a, b in fields:
                if result.level == EXACT:
                    yield Reason("same_name", a.text, b.text)
                elif result.level >= AGREEING:
                    yield Reason(_FIELD_REASON[(role, result.level)], a.text, b.text)
    if date != "birth_year_close":
        yield Reason(date, _date_text(q), _date_text(c))
    if q.sex and c.sex:
        yield Reason("different_sex" if sex_differs else "same_sex", q.sex, c.sex)
    if nationality:
        yield Reason(
            f"{nationality}_nationality", ", ".join(sorted(q.nationalities)), ", ".join(sorted(c.nationalities))
        )
    if place == "same":
        yield Reason("same_birth_place", q.record.birth_place, c.record.birth_place)
    if q.identifiers and c.identifiers:
        relation, x, y = identifier_relation(q.identifiers, c.identifiers)
        if relation and x is not None and y is not None:
            yield Reason(_IDENTIFIER_REASON[relation], ":".join(x), ":".join(y))


_IDENTIFIER_REASON = {
    "same": "same_identifier",
    "same_short": "same_identifier",
    "typo": "identifier_typo",
    "different": "different_identifier",
}
