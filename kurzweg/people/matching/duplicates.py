"""Duplicate detection over a whole registry (`engine.find_duplicates`; docs/matching.md, "At a
million persons").

A pair of records is compared when it shares a block (a blocking key of `DUPLICATE_KINDS` whose
block is within its cap), or shares a block of `UNDATED_KINDS` and one of the two has no birth
year; each such pair once. The work runs in three steps, spread over worker processes (fork, so
they share the records read by the parent):

1. keys: the records in ranges; every blocking key becomes a hash with its kind in the low bits
   (`_key_code`), sent to the shard of its hash.
2. blocks and candidate pairs, per shard: the blocks within their caps, their pairs less those
   that cannot reach the threshold on date and sex alone (`_pairs_of`), as integers `i * n + j`.
   The parent joins the shards' sets, so a pair in several blocks is compared once.
3. scoring, in chunks of the candidate pairs (`_in_order`): each process prepares the records it
   meets (`Prepared`, the costly part) and keeps them while they can still come up; it takes the
   chunks of its own run in order, then helps the others from the end of theirs (`_take`).

Keys are grouped by a 60-bit hash of the key, not by its text (ten million strings through the
pipes between the processes would cost more than computing them): two different keys with the
same hash would join two blocks, a chance of about 1 in 20,000 per run at a million persons.
"""

from __future__ import annotations

import gc
import os
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator

from .compare import _BELOW_LIKELY, DEFAULT_DUPLICATE_THRESHOLD, NameFrequencies, Prepared, compare_dates, score_pair
from .engine import DUPLICATE_KINDS, UNDATED_KINDS, block_caps, keys_by_kind
from .records import Record

# Below this many records the work stays in this process unless workers are asked for: starting
# processes costs more than it saves.
PARALLEL_MIN_RECORDS = 20_000
SCORE_CHUNKS = 200  # chunks of candidate pairs (the steps of `progress`)
_DIFFERENT_DATE = "different_birth_date"

_STATE: dict = {}  # what the workers share with the parent (set before the fork)
_PREPARED: dict[int, Prepared] = {}  # per process: prepared records by index, while needed
_DATES_APART: dict[int, bool] = {}  # per process: see `_dates_differ`
_EVICT_AT = [0]  # per process: the size of _PREPARED at which to drop the records done with


class _Date:
    """A birth date as `compare_dates` reads it (the same fields as `Prepared`), one object per
    distinct date, so that equal dates are the same object."""

    __slots__ = ("day", "full", "md", "month", "placeholder", "year")

    def __init__(self, year: int, month: int | None, day: int | None) -> None:
        self.year = year
        self.placeholder = month == 1 and day == 1
        if self.placeholder:
            month = day = None
        self.month, self.day = month, day
        self.full = month is not None and day is not None
        self.md = month * 100 + day if month is not None and day is not None else 0


def _kind_codes() -> dict[str, int]:
    assert len(DUPLICATE_KINDS) <= 16, "kinds are coded in 4 bits"
    return {kind: code for code, kind in enumerate(DUPLICATE_KINDS)}


def _key_code(key: str, codes: dict[str, int]) -> int:
    return hash(key) >> 4 << 4 | codes[key[0]]


def find_duplicates(
    records: Iterable[Record],
    *,
    threshold: float = DEFAULT_DUPLICATE_THRESHOLD,
    progress: Callable[[int, int], object] | None = None,
    frequencies: NameFrequencies | None = None,
    workers: int | None = None,
    stats: dict | None = None,
) -> Iterator[tuple[str, str, float]]:
    """See `engine.find_duplicates`. `stats`, if given, is filled with counts (blocks, pairs in
    blocks, candidate pairs compared, records prepared) and the seconds of each step."""
    stats = {} if stats is None else stats
    started = time.perf_counter()
    gc_enabled = gc.isenabled()
    # Millions of long-lived objects: the cyclic collector would walk them again and again (and
    # touch the pages the workers share). Nothing here makes reference cycles.
    gc.disable()
    try:
        records = list(records)
        n = len(records)
        if n < 2:
            return
        stats["read_s"] = time.perf_counter() - started
        if frequencies is None:
            frequencies = NameFrequencies.from_records(records)
        stats["frequencies_s"] = time.perf_counter() - started - stats["read_s"]
        asked = workers
        workers = workers or min(os.cpu_count() or 1, 8)
        parallel = workers > 1 and hasattr(os, "fork") and (asked is not None or n >= PARALLEL_MIN_RECORDS)
        if not parallel:
            workers = 1
        _share(records, frequencies, threshold, workers)
        parts = _ranges(n, 4 * workers if parallel else 1)
        if parallel:
            import multiprocessing

            context = multiprocessing.get_context("fork")
            with context.Pool(workers, initializer=gc.disable) as pool:
                _candidates(pool.imap, pool.imap_unordered, parts, stats)
            scored = _score_in_processes(context, workers)
        else:
            _candidates(map, map, parts, stats)
            scored = map(_score_task, range(len(_STATE["chunks"])))
        started = time.perf_counter()
        prepared = 0
        for done, (found, made) in enumerate(scored, 1):
            prepared += made
            yield from _pairs(records, found)
            if progress:
                progress(done, len(_STATE["chunks"]))
        stats.update(prepared=prepared, score_s=time.perf_counter() - started)
    finally:
        _STATE.clear()
        _PREPARED.clear()
        _DATES_APART.clear()
        _EVICT_AT[0] = 0
        if gc_enabled:
            gc.enable()


def _share(records: list[Record], frequencies: NameFrequencies, threshold: float, workers: int) -> None:
    dates: dict[tuple, _Date] = {}
    record_dates: list[_Date | None] = []
    for r in records:
        if r.birth_year is None:
            record_dates.append(None)
            continue
        key = (r.birth_year, r.birth_month, r.birth_day)
        date = dates.get(key)
        if date is None:
            date = dates[key] = _Date(*key)
        record_dates.append(date)
    codes = _kind_codes()
    caps = block_caps(len(records))
    _STATE.update(
        records=records,
        n=len(records),
        freq=frequencies,
        threshold=threshold,
        shards=2 * workers if workers > 1 else 1,
        codes=codes,
        caps=[caps[kind] for kind in DUPLICATE_KINDS],
        undated_codes=frozenset(codes[kind] for kind in UNDATED_KINDS),
        undated=[r.birth_year is None for r in records],
        # A different birth date or sex caps the score below `likely` (compare.score_pair), unless
        # both records have identifiers (the same number of a person may outweigh them).
        filter=threshold > _BELOW_LIKELY,
        sex=[r.sex if r.sex in ("F", "M") else "" for r in records],
        dates=record_dates,
        identified=[bool(r.identifiers) for r in records],
    )


def _ranges(n: int, parts: int) -> list[tuple[int, int]]:
    step = -(-n // parts)
    return [(start, min(start + step, n)) for start in range(0, n, step)]


def _candidates(ordered_map, unordered_map, parts, stats) -> None:  # type: ignore[no-untyped-def]
    """Steps 1 and 2: the candidate pairs into _STATE (pairs, in chunks)."""
    shards = _STATE["shards"]
    started = time.perf_counter()
    keyed = list(ordered_map(_key_task, parts))
    stats["keys_s"] = time.perf_counter() - started
    # Each shard's hashes from all parts, in record order (so block members come sorted).
    by_shard = [[part[s] for part in keyed] for s in range(shards)]
    del keyed
    candidates: set[int] = set()
    totals: Counter[str] = Counter()
    for found, counts in unordered_map(_block_task, by_shard):
        candidates.update(found)
        totals.update(counts)
    del by_shard
    pairs = _in_order(sorted(candidates))
    del candidates
    size = max(1000, -(-len(pairs) // SCORE_CHUNKS))
    _STATE.update(pairs=pairs, chunks=[(start, min(start + size, len(pairs))) for start in range(0, len(pairs), size)])
    stats.update(totals, candidates=len(pairs), blocks_s=time.perf_counter() - started - stats["keys_s"])


def _in_order(pairs: list[int]) -> array:
    """The pairs (sorted) in scoring order: by the sex of the first record (records of one sex
    mostly pair among themselves), then as they are. A process scoring a run of them meets the
    same records again, and none below the first record of a chunk after it (`_rank`)."""
    n, sex = _STATE["n"], _STATE["sex"]
    groups: dict[str, array] = {"": array("q"), "F": array("q"), "M": array("q")}
    for pair in pairs:
        groups[sex[pair // n]].append(pair)
    ordered = groups[""]
    ordered.extend(groups["F"])
    ordered.extend(groups["M"])
    return ordered


def _rank(i: int) -> int:
    """The position of a record in the scoring order of `_in_order`."""
    return _SEX_ORDER[_STATE["sex"][i]] * _STATE["n"] + i


_SEX_ORDER = {"": 0, "F": 1, "M": 2}


def _score_in_processes(context, workers: int) -> Iterator[tuple[list[tuple[int, int, float]], int]]:  # type: ignore[no-untyped-def]
    """Step 3 in `workers` processes (forked now, so they share the candidate pairs). Each takes
    the chunks of its own run of them in order (it meets the same records again), then helps the
    others from the end of theirs; what each finds comes back through a queue."""
    import queue

    lanes = context.Array("l", 2 * workers)
    for lane, (start, stop) in enumerate(_ranges(len(_STATE["chunks"]), workers)):
        lanes[2 * lane], lanes[2 * lane + 1] = start, stop
    results = context.Queue()
    processes = [context.Process(target=_score_lane, args=(lane, lanes, results)) for lane in range(workers)]
    for process in processes:
        process.start()
    try:
        running = workers
        while running:
            try:
                item = results.get(timeout=2)
            except queue.Empty:
                if any(p.exitcode not in (None, 0) for p in processes):
                    raise RuntimeError("a find_duplicates worker process died") from None
                continue
            if item is None:
                running -= 1
            elif isinstance(item, str):
                raise RuntimeError(f"a find_duplicates worker process failed: {item}")
            else:
                yield item
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()
        results.close()


def _score_lane(lane: int, lanes, results) -> None:  # type: ignore[no-untyped-def]
    gc.disable()
    try:
        while (chunk := _take(lane, lanes)) is not None:
            results.put(_score_task(chunk))
    except Exception:  # the parent raises it
        import traceback

        results.put(traceback.format_exc())
    results.put(None)


def _take(lane: int, lanes) -> int | None:  # type: ignore[no-untyped-def]
    """The next chunk of this process's own run, or else the last one of the run with the most
    chunks left, or None when all are taken."""
    with lanes.get_lock():
        if lanes[2 * lane] < lanes[2 * lane + 1]:
            lanes[2 * lane] += 1
            return lanes[2 * lane] - 1
        left, other = max((lanes[2 * k + 1] - lanes[2 * k], k) for k in range(len(lanes) // 2))
        if left <= 0:
            return None
        lanes[2 * other + 1] -= 1
        return lanes[2 * other + 1]


def _key_task(bounds: tuple[int, int]) -> list[tuple[array, array]]:
    """Step 1: the blocking keys of records start..stop-1 as (hash, record) per shard."""
    records, shards, codes = _STATE["records"], _STATE["shards"], _STATE["codes"]
    out = [(array("q"), array("l")) for _ in range(shards)]
    for i in range(*bounds):
        for key in keys_by_kind(records[i], DUPLICATE_KINDS):
            code = _key_code(key, codes)
            hashes, members = out[(code >> 4) % shards]
            hashes.append(code)
            members.append(i)
    return out


def _block_task(parts: list[tuple[array, array]]) -> tuple[array, dict[str, int]]:
    """Step 2: the blocks of one shard within their caps, and their candidate pairs."""
    caps, undated_codes = _STATE["caps"], _STATE["undated_codes"]
    counts: Counter[int] = Counter()
    for hashes, _members in parts:
        counts.update(hashes)
    keep = {code for code, count in counts.items() if 2 <= count <= caps[code & 15]}
    del counts
    blocks: dict[int, list[int]] = defaultdict(list)
    for hashes, indices in parts:
        for code, i in zip(hashes, indices, strict=True):
            if code in keep:
                blocks[code].append(i)
    del keep
    found: set[int] = set()
    used = block_pairs = 0
    for code, members in blocks.items():
        pairs = _pairs_of(members, found, one_side=code & 15 in undated_codes)
        used += pairs > 0
        block_pairs += pairs
    return array("q", found), {"blocks": used, "block_pairs": block_pairs}


def _pairs_of(members: list[int], found: set[int], *, one_side: bool) -> int:
    """Add the pairs of a block that may reach the threshold to `found` (not those whose birth
    dates differ, `compare_dates`, or whose sexes do: either caps the score below `likely`, unless
    both records have identifiers); return the block's pairs (0 for a block of `UNDATED_KINDS`
    with every member dated)."""
    s = _STATE
    n, undated, sex, dates, identified = s["n"], s["undated"], s["sex"], s["dates"], s["identified"]
    if one_side and not any(undated[i] for i in members):
        return 0
    check = s["filter"]
    for x, i in enumerate(members):
        base, si, di, ii, ui = i * n, sex[i], dates[i], identified[i], undated[i]
        for j in members[x + 1 :]:
            if one_side and not (ui or undated[j]):
                continue
            if check and not (ii and identified[j]):
                sj = sex[j]
                if si and sj and si != sj:
                    continue
                dj = dates[j]
                if di is not dj and di is not None and dj is not None and _dates_differ(di, dj):
                    continue
            found.add(base + j)
    return len(members) * (len(members) - 1) // 2


def _dates_differ(a: _Date, b: _Date) -> bool:
    """compare_dates(a, b) == "different_birth_date", for two distinct dates. Between two full
    dates of the same year that depends on month and day alone, and between two with the same
    month and day on the years alone: those answers are kept (a few thousand). Two full dates that
    differ in the year and in month or day are different unless the last digit of the year and the
    first of the month are swapped (1991-01-05 / 1990-11-05)."""
    if not (a.full and b.full and 0 < a.year < 10_000 and 0 < b.year < 10_000):
        return compare_dates(a, b) == _DIFFERENT_DATE  # type: ignore[arg-type]
    if a.year == b.year:
        key = a.md * 10_000 + b.md
    elif a.md == b.md:
        key = -(a.year * 10_000 + b.year)
    elif a.year // 10 != b.year // 10 or a.day != b.day:
        return True
    else:
        return compare_dates(a, b) == _DIFFERENT_DATE  # type: ignore[arg-type]
    known = _DATES_APART.get(key)
    if known is None:
        known = _DATES_APART[key] = compare_dates(a, b) == _DIFFERENT_DATE  # type: ignore[arg-type]
    return known


def _score_task(chunk: int) -> tuple[list[tuple[int, int, float]], int]:
    """Step 3: score a chunk of candidate pairs; the pairs at or above the threshold and the
    number of records prepared for them."""
    records, n, freq, threshold = _STATE["records"], _STATE["n"], _STATE["freq"], _STATE["threshold"]
    start, stop = _STATE["chunks"][chunk]
    pairs = _STATE["pairs"][start:stop]
    cache = _PREPARED
    if pairs and len(cache) > _EVICT_AT[0]:
        # A record ranked below the first record of this chunk comes up again only in chunks
        # before this one (or seldom: a record of unknown sex in the runs of F and M). Looked at
        # whenever the cache has grown by half, so the walk costs little per record.
        first = _rank(pairs[0] // n)
        for i in [i for i in cache if _rank(i) < first]:
            del cache[i]
        _EVICT_AT[0] = len(cache) * 3 // 2 + 10_000
    made = 0
    out = []
    for pair in pairs:
        i, j = divmod(pair, n)
        a = cache.get(i)
        if a is None:
            a = cache[i] = Prepared(records[i])
            made += 1
        b = cache.get(j)
        if b is None:
            b = cache[j] = Prepared(records[j])
            made += 1
        score = score_pair(a, b, freq)[0]
        if score >= threshold:
            out.append((i, j, score))
    return out, made


def _pairs(records: list[Record], found: list[tuple[int, int, float]]) -> Iterator[tuple[str, str, float]]:
    for i, j, score in found:
        a, b = records[i].id, records[j].id
        yield (a, b, round(score, 6)) if a < b else (b, a, round(score, 6))
