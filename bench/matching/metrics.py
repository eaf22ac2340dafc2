"""Figures: precision/recall/F1 of duplicate pairs, and recall@k, false positives and latency of
search over the engine's own blocking keys."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Iterable
from types import ModuleType

from kurzweg.people.matching.records import Record

Pair = tuple[str, str]


def prf(found: set[Pair], truth: set[Pair]) -> dict[str, float]:
    tp = len(found & truth)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": len(found) - tp, "fn": len(truth) - tp}


def best_f1(scored: Iterable[tuple[Pair, float]], truth: set[Pair]) -> dict[str, float]:
    """The threshold that maximises F1 (an oracle: it looks at the ground truth)."""
    best = {"f1": 0.0, "threshold": 1.0, "precision": 1.0, "recall": 0.0}
    tp = 0
    for k, (p, score) in enumerate(sorted(scored, key=lambda x: -x[1]), start=1):
        tp += p in truth
        f1 = 2 * tp / (k + len(truth))
        if f1 > best["f1"]:
            best = {"f1": f1, "threshold": score, "precision": tp / k, "recall": tp / len(truth)}
    return best


def breakdown(
    found: set[Pair], truth: set[Pair], labels: dict[Pair, tuple[str, ...]], hard_negatives: dict[Pair, str]
) -> dict[str, dict[str, float]]:
    """Recall per variant (a pair counts for each variant that separates its two records) and how
    many hard-negative pairs of each kind were wrongly judged the same person."""
    seen: dict[str, int] = defaultdict(int)
    hit: dict[str, int] = defaultdict(int)
    for p in truth:
        for label in labels.get(p, ()):
            seen[label] += 1
            hit[label] += p in found
    negatives: dict[str, int] = defaultdict(int)
    merged: dict[str, int] = defaultdict(int)
    for p, kind in hard_negatives.items():
        negatives[kind] += 1
        merged[kind] += p in found
    return {
        "recall_by_variant": {k: {"pairs": seen[k], "recall": hit[k] / seen[k]} for k in sorted(seen)},
        "hard_negatives_merged": {k: {"pairs": negatives[k], "merged": merged[k]} for k in sorted(negatives)},
    }


def run_duplicates(engine: ModuleType, records: list[Record]) -> tuple[dict[Pair, float], float]:
    start = time.perf_counter()
    found = {}
    for a, b, score in engine.find_duplicates(records):
        found[(a, b) if a < b else (b, a)] = score
    return found, time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run_search(engine: ModuleType, records: list[Record], queries: list, limit: int = 10) -> dict:
    """Index every record under engine.index_keys (a dict key → ids, as the PersonKey table does),
    then for each query look up engine.query_keys and rank the candidates with engine.search."""
    start = time.perf_counter()
    index: dict[str, list[str]] = defaultdict(list)
    for record in records:
        for key in engine.index_keys(record):
            index[key].append(record.id)
    index_seconds = time.perf_counter() - start
    by_id = {r.id: r for r in records}
    latencies: list[float] = []
    candidates: list[int] = []
    by_kind: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for query in queries:
        t0 = time.perf_counter()
        ids: set[str] = set()
        for key in engine.query_keys(query.record):
            ids.update(index.get(key, ()))
        matches = engine.search(query.record, [by_id[i] for i in ids], limit=limit)
        latencies.append(time.perf_counter() - t0)
        candidates.append(len(ids))
        c = by_kind[query.kind]
        c["queries"] += 1
        if query.targets:
            c["blocked"] += bool(ids & query.targets)
            ranks = [i for i, m in enumerate(matches) if m.id in query.targets]
            c["at1"] += bool(ranks) and ranks[0] == 0
            c["at10"] += bool(ranks) and ranks[0] < 10
            c["wrong_likely"] += any(m.level in ("likely", "exact") and m.id not in query.targets for m in matches)
        else:
            c["likely_or_exact"] += any(m.level in ("likely", "exact") for m in matches)
    found = [q for q in queries if q.targets]
    absent = [q for q in queries if not q.targets]
    total = {
        k: sum(c[k] for c in by_kind.values()) for k in ("blocked", "at1", "at10", "likely_or_exact", "wrong_likely")
    }
    return {
        "queries_in_registry": len(found),
        "queries_not_in_registry": len(absent),
        "recall_at_1": total["at1"] / max(1, len(found)),
        "recall_at_10": total["at10"] / max(1, len(found)),
        "blocking_recall": total["blocked"] / max(1, len(found)),
        "false_positive_rate": total["likely_or_exact"] / max(1, len(absent)),
        "wrong_likely_rate": total["wrong_likely"] / max(1, len(found)),
        "latency_ms_p50": 1000 * percentile(latencies, 0.5),
        "latency_ms_p95": 1000 * percentile(latencies, 0.95),
        "latency_ms_max": 1000 * max(latencies, default=0.0),
        "candidates_mean": statistics.fmean(candidates) if candidates else 0.0,
        "candidates_p95": percentile([float(c) for c in candidates], 0.95),
        "index_seconds": index_seconds,
        "index_keys": len(index),
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
    }
