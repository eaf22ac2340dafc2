"""The printed table."""

from __future__ import annotations

from typing import Any

TARGETS = {"synthetic": 0.95, "febrl4": 0.98}


def _pct(x: float) -> str:
    return f"{100 * x:6.2f}"


def table(result: dict[str, Any]) -> str:
    out = [f"Matching benchmark · seed {result['seed']} · {result['machine']}"]
    if result.get("passports"):
        out[0] += f" · synthetic persons with a passport number: {result['passports']:.0%}"
    for name, summary in result["datasets"].items():
        out.append(f"  {name}: " + ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in summary.items()))
    for name, description in result["engines"].items():
        out.append(f"  engine {name}: {description}")
    out.append("")
    out.append("Duplicate detection (find_duplicates at the engine's default threshold)")
    out.append(f"  {'data':<10} {'engine':<34} {'precision':>9} {'recall':>7} {'F1':>7} {'time s':>8}  target")
    for row in result["duplicates"]:
        target = TARGETS.get(row["data"], 0)
        mark = "ok" if row["f1"] >= target else "MISSED"
        out.append(
            f"  {row['data']:<10} {row['engine']:<34} {_pct(row['precision']):>9} {_pct(row['recall']):>7} "
            f"{_pct(row['f1']):>7} {row['seconds']:8.1f}  F1 ≥ {100 * target:.0f} {mark}"
        )
    if result.get("search"):
        out.append("")
        s0 = result["search"][0]
        out.append(
            f"Search over the engine's blocking keys ({s0['queries_in_registry']:,} queries for persons on file, "
            f"{s0['queries_not_in_registry']:,} for persons not on file; in-memory, no database)"
        )
        out.append(
            f"  {'engine':<10} {'r@1':>6} {'r@10':>6} {'blocked':>7} {'FP≥likely':>9} {'wrong≥likely':>12} "
            f"{'p50 ms':>7} {'p95 ms':>7} {'cand. mean/p95':>15}"
        )
        for row in result["search"]:
            out.append(
                f"  {row['engine']:<10} {_pct(row['recall_at_1'])} {_pct(row['recall_at_10'])} "
                f"{_pct(row['blocking_recall']):>7} {_pct(row['false_positive_rate']):>9} "
                f"{_pct(row['wrong_likely_rate']):>12} {row['latency_ms_p50']:7.2f} {row['latency_ms_p95']:7.2f} "
                f"{row['candidates_mean']:8.0f}/{row['candidates_p95']:.0f}"
            )
        out.append("  targets: r@10 ≥ 98 %, FP≥likely (searches for persons not on file answered likely/exact) ≤ 1 %")
        out += _search_details(result["search"])
    out += _duplicate_details(result)
    out.append("")
    out.append(f"Peak memory (whole run): {result['peak_rss_mb']:.0f} MB; total {result['seconds']:.0f} s")
    return "\n".join(out)


def _duplicate_details(result: dict[str, Any]) -> list[str]:
    rows = [r for r in result["duplicates"] if r["data"] == "synthetic" and "details" in r]
    if not rows:
        return []
    out = ["", "Synthetic duplicates by variant: recall (pairs)"]
    out.append(f"  {'variant':<24}" + "".join(f" {r['engine'][:16]:>16}" for r in rows))
    variants = rows[0]["details"]["recall_by_variant"]
    for v, d in variants.items():
        cells = "".join(f" {_pct(r['details']['recall_by_variant'][v]['recall']):>16}" for r in rows)
        out.append(f"  {v:<24}{cells}   ({d['pairs']})")
    out.append("Hard negatives wrongly merged: pairs merged / pairs")
    for kind, d in rows[0]["details"]["hard_negatives_merged"].items():
        cells = "".join(f" {r['details']['hard_negatives_merged'][kind]['merged']:>10}/{d['pairs']:<5}" for r in rows)
        out.append(f"  {kind:<24}{cells}")
    return out


def _search_details(rows: list[dict[str, Any]]) -> list[str]:
    out = ["Search by kind of query: r@10 (found) or FP≥likely (not on file)"]
    out.append(f"  {'kind':<24} {'n':>5}" + "".join(f" {r['engine'][:10]:>10}" for r in rows))
    for kind, counts in rows[0]["by_kind"].items():
        cells = ""
        for r in rows:
            c = r["by_kind"][kind]
            value = c.get("at10", 0) / c["queries"] if "blocked" in c else c.get("likely_or_exact", 0) / c["queries"]
            cells += f" {_pct(value):>10}"
        label = kind + ("" if "blocked" in counts else " (FP)")
        out.append(f"  {label:<24} {counts['queries']:>5}{cells}")
    return out
