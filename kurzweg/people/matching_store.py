"""The Django side of the matching engine: persons as engine records, their blocking keys in
`PersonKey`, and candidates for a query looked up by key (see docs/matching.md).

The engine (`people/matching/`) is pure Python; this module is the only place that turns rows
into `Record`s and keys into rows. Everything here is agency-scoped and leaves out persons merged
into another."""

from __future__ import annotations

import functools
import json
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence

from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from .matching import engine
from .matching.compare import Prepared, prepare
from .matching.identifiers import identifier
from .matching.records import Match, Record
from .models import AlternativeName, DuplicateSuspicion, Identifier, Nationality, Person, PersonKey
from .names import fold_name

KEY_MAX_LENGTH = PersonKey._meta.get_field("key").max_length or 64
DEFAULT_CANDIDATES = 60
KEY_BATCH = 20_000

# The person columns a record is made of (see records_from_rows).
RECORD_FIELDS = (
    "id",
    "given_names",
    "family_name",
    "given_names_original",
    "family_name_original",
    "birth_year",
    "birth_month",
    "birth_day",
    "sex",
    "place_of_birth",
)


def _sex(value: str) -> str:
    return "" if value in ("", Person.Sex.UNKNOWN) else value


def _original_names(given: str, family: str) -> tuple[str, ...]:
    full = " ".join(p for p in (given, family) if p)
    return (full,) if full else ()


def make_record(
    row: Sequence,
    nationalities: Iterable[str] = (),
    other_names: Iterable[tuple[str, str]] = (),
    identifiers: Iterable[tuple[str, str, str]] = (),
) -> Record:
    """A record from a row of RECORD_FIELDS values, with (kind, issuing country, value) of the
    person's identifiers."""
    pk, given, family, given_orig, family_orig, year, month, day, sex, place = row
    return Record(
        id=str(pk),
        given_names=given or "",
        family_name=family or "",
        birth_year=year,
        birth_month=month,
        birth_day=day,
        sex=_sex(sex or ""),
        nationalities=tuple(sorted(nationalities)),
        birth_place=place or "",
        other_names=tuple(other_names),
        original_names=_original_names(given_orig or "", family_orig or ""),
        identifiers=tuple(sorted(identifier(kind, value, country or "") for kind, country, value in identifiers)),
    )


def record_of(person: Person) -> Record:
    """The person as the engine sees it: names, other spellings, names in original script, birth
    date as far as known, sex, nationalities, place of birth, identifiers. Uses prefetched
    nationalities, alternative names and identifiers when there are any."""
    row = [getattr(person, f) for f in RECORD_FIELDS]
    if person.pk is None:
        return make_record(row)
    nationalities = [n.code for n in person.nationalities.all()]
    other = [(a.given_names, a.family_name) for a in person.alternative_names.all()]
    ids = [(i.kind, i.issuing_country, i.value) for i in person.identifiers.all()]
    return make_record(row, nationalities, other, ids)


def records_for_ids(person_ids: Sequence) -> dict[str, Record]:
    """Records for the given person ids in four queries (persons, nationalities, spellings,
    identifiers)."""
    if not person_ids:
        return {}
    rows = list(Person.objects.filter(pk__in=person_ids).values_list(*RECORD_FIELDS))
    nats, alts, idents = _related(person_ids)
    return {str(r[0]): make_record(r, nats.get(r[0], ()), alts.get(r[0], ()), idents.get(r[0], ())) for r in rows}


def _related(person_ids: Sequence) -> tuple[dict, dict, dict]:
    nats: dict = defaultdict(list)
    for pid, code in Nationality.objects.filter(person_id__in=person_ids).values_list("person_id", "code"):
        nats[pid].append(code)
    alts: dict = defaultdict(list)
    rows = AlternativeName.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "given_names", "family_name"
    )
    for pid, given, family in rows:
        alts[pid].append((given, family))
    idents: dict = defaultdict(list)
    values = Identifier.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "kind", "issuing_country", "value"
    )
    for pid, kind, country, value in values:
        idents[pid].append((kind, country, value))
    return nats, alts, idents


def iter_records(
    agency_id: int, *, chunk_size: int = 5000, external_ids: dict[str, str] | None = None
) -> Iterator[Record]:
    """Every listed person of the agency as a record, streamed from the database in chunks (the
    persons by primary key, their nationalities and spellings per chunk), so memory holds one
    chunk of rows at a time. `external_ids`, if given, is filled with id -> external id."""
    persons = (
        Person.objects.filter(agency_id=agency_id, merged_into__isnull=True)
        .order_by("pk")
        .values_list(*RECORD_FIELDS, "external_id")
    )
    chunk: list = []
    for *row, external_id in persons.iterator(chunk_size=chunk_size):
        if external_ids is not None and external_id:
            external_ids[str(row[0])] = external_id
        chunk.append(row)
        if len(chunk) >= chunk_size:
            yield from _chunk_records(chunk)
            chunk = []
    if chunk:
        yield from _chunk_records(chunk)


def _chunk_records(rows: list) -> Iterator[Record]:
    ids = [r[0] for r in rows]
    nats, alts, idents = _related(ids)
    for r in rows:
        yield make_record(r, nats.get(r[0], ()), alts.get(r[0], ()), idents.get(r[0], ()))


def keys_of(record: Record) -> set[str]:
    """Every key stored for a person: the engine's blocking keys and the word-start keys of the
    search while typing. Every write path (refresh_keys, write_keys, rebuild_keys, the import's
    insert_keys) stores exactly these."""
    engine_keys = {k[:KEY_MAX_LENGTH] for k in engine.index_keys(record) if k}
    return engine_keys | word_keys(record_names(record))


# Word-start keys for the search while typing ("Stef Pop" before the name is complete): one key
# per distinct folded word of the person's spellings, "B:" + word, found by a range of keys
# (key >= "B:stef" AND key < "B:steg") in the (agency, key, person) index. The engine has no
# kind "B"; its keys are looked up by equality only, so the two never meet.
WORD_START = "B:"
WORD_START_END = "C:"  # the first key after every word-start key (C collation or any other)
_WORD_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"  # what fold_name leaves, in sort order


def record_names(record: Record) -> list[str]:
    """The spellings of a record: names, other spellings, names in original script (the same
    parts as Person.name_index)."""
    names = [record.given_names, record.family_name, *record.original_names]
    for given, family in record.other_names:
        names += [given, family]
    return names


def word_keys(names: Iterable[str]) -> set[str]:
    """One word-start key per distinct folded word of the names (long words cut to fit)."""
    return {key for text in names if text for key in _word_keys_of(text)}


@functools.lru_cache(maxsize=200_000)
def _word_keys_of(text: str) -> tuple[str, ...]:
    # Names repeat across a registry; an import of a million persons folded each one anew.
    return tuple((WORD_START + word)[:KEY_MAX_LENGTH] for word in fold_name(text).split())


def word_start_range(fragment: str) -> tuple[str, str]:
    """The keys [low, high) of the words that begin with a folded fragment ([a-z0-9]+): the
    fragment's key and the next string in fold_name's alphabet, so the range holds exactly the
    words with this beginning whatever the database's collation."""
    low = (WORD_START + fragment)[:KEY_MAX_LENGTH]
    rest = low[len(WORD_START) :]
    while rest and rest[-1] == _WORD_ALPHABET[-1]:
        rest = rest[:-1]
    if not rest:
        return low, WORD_START_END
    return low, WORD_START + rest[:-1] + _WORD_ALPHABET[_WORD_ALPHABET.index(rest[-1]) + 1]


WORD_START_CANDIDATES = 2000


def word_start_ids(agency_id: int, fragments: Sequence[str], *, limit: int = WORD_START_CANDIDATES) -> list:
    """Ids of the agency's persons (merged ones included: the caller leaves them out) with a word
    beginning with each folded fragment, at most `limit`. The longest fragment is a range scan
    of the key index; each other fragment is then asked among those candidates only."""
    fragments = sorted({f for f in fragments if f}, key=lambda f: (-len(f), f))
    if not fragments:
        return []
    low, high = word_start_range(fragments[0])
    rows = PersonKey.objects.filter(agency_id=agency_id, key__gte=low, key__lt=high)
    # No DISTINCT: it would read the whole range before the limit; a person has few words with
    # the same beginning, so the duplicates are dropped here.
    ids = list(dict.fromkeys(rows.values_list("person_id", flat=True)[: limit * 2]))[:limit]
    for fragment in fragments[1:]:
        if not ids:
            break
        # Separate queries, not EXISTS: with a correlated subquery PostgreSQL rescanned the
        # other range for every candidate (a semi-join on a misjudged row count).
        low, high = word_start_range(fragment)
        having = set(
            PersonKey.objects.filter(
                agency_id=agency_id, person__pk__any_of=ids, key__gte=low, key__lt=high
            ).values_list("person_id", flat=True)
        )
        ids = [i for i in ids if i in having]
    return ids


def key_rows(agency_id: int, records: Iterable[Record]) -> Iterator[PersonKey]:
    for record in records:
        for key in keys_of(record):
            yield PersonKey(agency_id=agency_id, person_id=record.id, key=key)


def write_keys(agency_id: int, records: Iterable[Record], *, batch_size: int = KEY_BATCH) -> int:
    """Insert the keys of new persons (no keys yet); returns the number of rows written."""
    batch: list[PersonKey] = []
    written = 0
    for row in key_rows(agency_id, records):
        batch.append(row)
        if len(batch) >= batch_size:
            PersonKey.objects.bulk_create(batch, batch_size=batch_size)
            written += len(batch)
            batch = []
    if batch:
        PersonKey.objects.bulk_create(batch, batch_size=batch_size)
        written += len(batch)
    return written


@transaction.atomic
def refresh_keys(persons: Iterable[Person]) -> int:
    """Replace the stored keys of the persons by the engine's keys of their current data."""
    persons = list(persons)
    by_agency: dict[int, list] = defaultdict(list)
    for p in persons:
        by_agency[p.agency_id].append(p.pk)
    written = 0
    for agency_id, ids in by_agency.items():
        PersonKey.objects.filter(person_id__in=ids).delete()
        written += write_keys(agency_id, records_for_ids(ids).values())
    return written


def rebuild_keys(agency_id: int, *, chunk_size: int = 5000) -> int:
    """Recompute every stored key of the agency (after a bulk load that wrote none, or when the
    engine's keys change)."""
    with transaction.atomic():
        PersonKey.objects.filter(agency_id=agency_id).delete()
        return write_keys(agency_id, iter_records(agency_id, chunk_size=chunk_size))


def query_keys(queries: Record | Iterable[Record]) -> set[str]:
    if isinstance(queries, Record):
        queries = [queries]
    keys: set[str] = set()
    for q in queries:
        keys |= {k[:KEY_MAX_LENGTH] for k in engine.query_keys(q) if k}
    return keys


# Keys that stand for one name word alone ("W:"): huge blocks at a million persons, looked up
# only when the narrower keys (two words, a word and a year, a date) find too few candidates.
BROAD_KINDS = ("W:",)


def candidate_ids(
    agency_id: int, keys: Iterable[str], *, limit_candidates: int = DEFAULT_CANDIDATES, enough: int = 1
) -> list:
    """Ids of the agency's listed persons sharing at least one key, those sharing most first.
    The narrow keys are asked first; the broad ones only if that found fewer than `enough`."""
    return [r.id for r in candidate_records(agency_id, keys, limit_candidates=limit_candidates, enough=enough)]


def candidate_records(
    agency_id: int, keys: Iterable[str], *, limit_candidates: int = DEFAULT_CANDIDATES, enough: int = 1
) -> list[Record]:
    """Records of the agency's listed persons sharing at least one key, those sharing most first
    (ties by id). The narrow keys are asked first; the broad ones only if that found fewer than
    `enough`, and of those only the blocks of at most BROAD_BLOCK_CAP rows. One query per step:
    the search answers while someone types, and on PostgreSQL each round trip (ids, persons,
    nationalities, spellings as separate queries) cost more than the lookup itself."""
    keys = set(keys)
    narrow = sorted(k for k in keys if not k.startswith(BROAD_KINDS))
    records = _records_sharing(agency_id, narrow, limit_candidates) if narrow else []
    if len(records) < enough and len(narrow) < len(keys):
        broad = _small_blocks(agency_id, sorted(keys - set(narrow)), keep_one=not narrow)
        if broad:
            records = _records_sharing(agency_id, narrow + broad, limit_candidates)
    return records


# A broad key borne by more persons than this is left out of the second step, unless it is all
# there is (one name typed). At a million persons a common word ("W:MHMT") has tens of thousands
# of key rows; counting them per person took PostgreSQL 100 to 800 ms, only to add persons who
# share that one common word with the query (those sharing it with the other word or the year
# were found by the narrow keys already).
BROAD_BLOCK_CAP = 2000
_BLOCK_SIZE_SQL = "SELECT {i}, COUNT(*) FROM (SELECT 1 FROM {table} WHERE agency_id = %s AND key = %s LIMIT %s) s{i}"


def _small_blocks(agency_id: int, keys: list[str], *, keep_one: bool) -> list[str]:
    """The keys with at most BROAD_BLOCK_CAP rows (each count stops there), or with `keep_one`
    and none that small, the smallest one."""
    if not keys:
        return []
    table = connection.ops.quote_name(PersonKey._meta.db_table)
    sql = " UNION ALL ".join(_BLOCK_SIZE_SQL.format(i=i, table=table) for i in range(len(keys)))
    params = [p for key in keys for p in (agency_id, key, BROAD_BLOCK_CAP + 1)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        sizes = {keys[i]: count for i, count in cursor.fetchall()}
    small = [k for k in keys if sizes[k] <= BROAD_BLOCK_CAP]
    if small or not keep_one:
        return small
    return [min(keys, key=lambda k: (sizes[k], k))]


# The candidate query: count the shared keys per person in the key table alone and keep the
# best few (a name word alone is a block of thousands of persons at a million), then join just
# those persons and gather their nationalities, other spellings and identifiers in subqueries, so
# the records come back in one round trip. Limiting before the join matters: joined first, PostgreSQL hashes
# the whole person table (a sequential scan) for a block of a few hundred keys.
# Persons merged into another keep some keys, so the inner limit leaves room for a few of them
# (MERGED_SLACK); `groups` (all persons sharing a key) tells whether a short answer is complete.
MERGED_SLACK = 20
_CANDIDATE_SQL = """
SELECT {person_columns}, c.groups, {nationalities}, {other_names}, {identifiers}
FROM (
    SELECT k.person_id, COUNT(*) AS shared, COUNT(*) OVER () AS groups
    FROM {key_table} k
    WHERE k.agency_id = %s AND k.key IN ({key_marks})
    GROUP BY k.person_id
    ORDER BY shared DESC, k.person_id
    LIMIT %s
) c
JOIN {person_table} p ON p.id = c.person_id
WHERE p.merged_into_id IS NULL
ORDER BY c.shared DESC, p.id
LIMIT %s
"""
_AGGREGATES = {
    "postgresql": (
        "(SELECT string_agg(n.code, ',') FROM {nat_table} n WHERE n.person_id = p.id)",
        "(SELECT json_agg(json_build_array(a.given_names, a.family_name)) FROM {alt_table} a WHERE a.person_id = p.id)",
        "(SELECT json_agg(json_build_array(i.kind, i.issuing_country, i.value)) FROM {id_table} i"
        " WHERE i.person_id = p.id)",
    ),
    "sqlite": (
        "(SELECT group_concat(n.code, ',') FROM {nat_table} n WHERE n.person_id = p.id)",
        "(SELECT json_group_array(json_array(a.given_names, a.family_name)) FROM {alt_table} a"
        " WHERE a.person_id = p.id)",
        "(SELECT json_group_array(json_array(i.kind, i.issuing_country, i.value)) FROM {id_table} i"
        " WHERE i.person_id = p.id)",
    ),
}


def _candidate_sql(vendor: str, n_keys: int) -> str:
    nationalities, other_names, identifiers = _AGGREGATES[vendor]
    tables = {
        "key_table": connection.ops.quote_name(PersonKey._meta.db_table),
        "person_table": connection.ops.quote_name(Person._meta.db_table),
        "nat_table": connection.ops.quote_name(Nationality._meta.db_table),
        "alt_table": connection.ops.quote_name(AlternativeName._meta.db_table),
        "id_table": connection.ops.quote_name(Identifier._meta.db_table),
    }
    column = {f.name: str(f.column) for f in Person._meta.concrete_fields}
    columns = ", ".join("p." + connection.ops.quote_name(column[f]) for f in RECORD_FIELDS)
    return _CANDIDATE_SQL.format(
        person_columns=columns,
        nationalities=nationalities.format(**tables),
        other_names=other_names.format(**tables),
        identifiers=identifiers.format(**tables),
        key_marks=", ".join(["%s"] * n_keys),
        **tables,
    )


def _records_sharing(agency_id: int, keys: list[str], limit: int) -> list[Record]:
    if connection.vendor not in _AGGREGATES:  # another database: the portable ORM queries
        return _records_sharing_orm(agency_id, keys, limit)
    sql = _candidate_sql(connection.vendor, len(keys))
    with connection.cursor() as cursor:
        cursor.execute(sql, [agency_id, *keys, limit + MERGED_SLACK, limit])
        rows = cursor.fetchall()
        if len(rows) < limit and (not rows or rows[0][len(RECORD_FIELDS)] > limit + MERGED_SLACK):
            # More merged persons among the best than the slack allows (rare): ask without it.
            cursor.execute(sql, [agency_id, *keys, -1 if connection.vendor == "sqlite" else None, limit])
            rows = cursor.fetchall()
    records = []
    for *row, _groups, nationalities, other_names, identifiers in rows:
        # SQLite hands back the uuid as 32 hex digits, PostgreSQL as a UUID: str() of a UUID
        # either way, as the ORM gives it (Record ids are compared with str(person.pk)).
        row[0] = row[0] if isinstance(row[0], uuid.UUID) else uuid.UUID(row[0])
        if isinstance(other_names, str):  # SQLite returns JSON as text
            other_names = json.loads(other_names)
        if isinstance(identifiers, str):
            identifiers = json.loads(identifiers)
        nats = nationalities.split(",") if nationalities else ()
        records.append(
            make_record(row, nats, [tuple(pair) for pair in other_names or ()], [tuple(i) for i in identifiers or ()])
        )
    return records


def _records_sharing_orm(agency_id: int, keys: list[str], limit: int) -> list[Record]:
    rows = (
        PersonKey.objects.filter(agency_id=agency_id, key__in=keys, person__merged_into__isnull=True)
        .values("person_id")
        .annotate(shared=Count("id"))
        .order_by("-shared", "person_id")
        .values_list("person_id", flat=True)[:limit]
    )
    ids = list(rows)
    records = records_for_ids(ids)
    return [records[str(i)] for i in ids if str(i) in records]


def candidates(
    agency_id: int, query: Record | Iterable[Record], *, limit_candidates: int = DEFAULT_CANDIDATES
) -> list[Record]:
    """Records of the agency's listed persons that share a key with the query (or any of several
    readings of it), at most `limit_candidates`, those sharing most keys first."""
    return candidate_records(agency_id, query_keys(query), limit_candidates=limit_candidates)


def search(
    agency_id: int,
    readings: Record | Sequence[Record],
    *,
    limit: int = 10,
    keep: Callable[[Record], bool] | None = None,
    limit_candidates: int = DEFAULT_CANDIDATES,
) -> list[Match]:
    """The engine's ranked matches among the agency's listed persons for a query, or for several
    readings of one (given and family name either way round): the best score per person wins."""
    readings = [readings] if isinstance(readings, Record) else list(readings)
    found = candidate_records(agency_id, query_keys(readings), limit_candidates=limit_candidates, enough=limit)
    records = [_prepared(r) for r in found if keep is None or keep(r)]
    best: dict[str, Match] = {}
    for reading in readings:
        for m in engine.search(reading, records, limit=limit):
            if m.id not in best or m.score > best[m.id].score:
                best[m.id] = m
    engine_ids = set(best)
    if len(best) < limit:
        # The engine scores the chance that both records are one person; a name alone (nothing
        # else typed) is weak evidence and stays below `possible`. A search still lists the
        # persons whose name agrees, at level possible, after the engine's own matches.
        for reading in readings:
            for record in records:
                if record.record.id in engine_ids:
                    continue
                m = engine.compare(reading, record)
                if (m.id not in best or m.score > best[m.id].score) and _names_agree(m):
                    best[m.id] = Match(m.id, m.score, "possible", m.reasons)
    return sorted(best.values(), key=lambda m: (-m.score, m.id))[:limit]


@functools.lru_cache(maxsize=20_000)
def _prepared(record: Record) -> Prepared:
    """The engine's prepared form of a record (folded names, phonetic keys): the costly part of
    a comparison, kept for the persons searched most recently (a search while typing asks for the
    same candidates again and again). Keyed by the whole record, so a change is never stale."""
    return prepare(record)


# Reasons that say the names agree, and that say the record is someone else after all.
NAME_AGREES = frozenset(
    {
        "same_name",
        "given_name_sounds_alike",
        "family_name_sounds_alike",
        "names_swapped",
        "name_in_original_script",
        "known_spelling",
        "name_typo",
    }
)
HARD_DISAGREEMENT = frozenset({"different_birth_date", "different_nationality", "different_sex"})


def _names_agree(m: Match) -> bool:
    codes = {r.code for r in m.reasons}
    return bool(codes & NAME_AGREES) and not codes & HARD_DISAGREEMENT


def existing_pairs(agency_id: int) -> set[tuple[str, str]]:
    """Pairs already in the review queue, whatever their status (open, merged, different)."""
    rows = DuplicateSuspicion.objects.filter(agency_id=agency_id).values_list("person_a_id", "person_b_id")
    return {_pair(str(a), str(b)) for a, b in rows}


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def detect_duplicates(
    agency_id: int,
    *,
    threshold: float | None = None,
    queue: bool = True,
    on_pair: Callable[[str, str, float], None] | None = None,
    progress: Callable[[int, int], object] | None = None,
    records: Iterable[Record] | None = None,
) -> dict[str, int]:
    """Run the engine's duplicate detection over every listed person of the agency (streamed
    from the database), call `on_pair` for each pair found, and put the pairs not yet in the
    review queue into it (status open). A pair once decided "different persons" stays decided:
    it is never suggested again. Returns counts."""
    threshold = engine.DEFAULT_DUPLICATE_THRESHOLD if threshold is None else threshold
    known = existing_pairs(agency_id) if queue else set()
    batch: list[DuplicateSuspicion] = []
    counts = {"pairs": 0, "queued": 0, "already_known": 0}
    now = timezone.now()

    def flush() -> None:
        if batch:
            DuplicateSuspicion.objects.bulk_create(batch, batch_size=1000, ignore_conflicts=True)
            batch.clear()

    source = iter_records(agency_id) if records is None else records
    for id_a, id_b, score in engine.find_duplicates(source, threshold=threshold, progress=progress):
        counts["pairs"] += 1
        if on_pair is not None:
            on_pair(id_a, id_b, score)
        if not queue:
            continue
        pair = _pair(id_a, id_b)
        if pair in known:
            counts["already_known"] += 1
            continue
        known.add(pair)
        batch.append(
            DuplicateSuspicion(agency_id=agency_id, person_a_id=pair[0], person_b_id=pair[1], score=score, found_at=now)
        )
        counts["queued"] += 1
        if len(batch) >= 1000:
            flush()
    flush()
    return counts
