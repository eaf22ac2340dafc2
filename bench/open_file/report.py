"""The figures: percentiles of the timings and the table printed at the end."""

from __future__ import annotations

import math

from .common import TARGET_P95_MS


def print_table(results: list[dict]) -> None:
    head = [
        "database",
        "persons",
        "load s",
        "rows/s",
        "mode",
        "samples",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "mean ms",
        f"p95 <= {TARGET_P95_MS:g} ms",
    ]
    rows = []
    for r in results:
        rows.append(
            [
                r["database"],
                f"{r['persons']:,}",
                "-" if r["load_seconds"] is None else f"{r['load_seconds']:.1f}",
                "-" if r["rows_per_second"] is None else f"{r['rows_per_second']:,.0f}",
                r["mode"],
                f"{r['samples']:,}",
                f"{r['p50_ms']:.1f}",
                f"{r['p95_ms']:.1f}",
                f"{r['p99_ms']:.1f}",
                f"{r['mean_ms']:.1f}",
                "yes" if r["meets_target"] else "NO",
            ]
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(head)]
    print("  ".join(h.rjust(w) for h, w in zip(head, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


def summarize(timings: list[float]) -> dict[str, float]:
    ms = sorted(t * 1000 for t in timings)
    return {
        "p50_ms": percentile(ms, 0.50),
        "p95_ms": percentile(ms, 0.95),
        "p99_ms": percentile(ms, 0.99),
        "mean_ms": sum(ms) / len(ms),
        "min_ms": ms[0],
        "max_ms": ms[-1],
    }


def percentile(sorted_values: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    k = (len(sorted_values) - 1) * q
    lo = math.floor(k)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)
