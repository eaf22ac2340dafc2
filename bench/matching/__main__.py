"""python -m bench.matching [--persons 20000] [--seed 42] [--queries N] [--engines kurzweg,baseline]
                            [--data synthetic,febrl4] [--no-splink] [--splink-names combined|separate] [--json]
                            [--passports SHARE]

Prints precision/recall/F1 of duplicate detection and recall@k, false positives and latency of
search, for Kurzweg's engine, the baseline and Splink, on synthetic data and FEBRL4."""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from typing import Any

from . import engines, metrics, report


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.matching", description=__doc__.split("\n\n")[1])
    p.add_argument("--persons", type=int, default=20000, help="true persons in the synthetic registry")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--queries", type=int, default=None, help="searches of each kind (default persons/10, ≤ 2000)")
    p.add_argument("--engines", default="kurzweg,baseline", help="comma-separated: kurzweg, baseline")
    p.add_argument("--data", default="synthetic,febrl4", help="comma-separated: synthetic, febrl4")
    p.add_argument("--no-splink", action="store_true")
    p.add_argument(
        "--passports",
        type=float,
        default=0.0,
        help="synthetic: share of persons with a passport number on file (default 0: none)",
    )
    p.add_argument(
        "--splink-names",
        choices=("combined", "separate"),
        default="combined",
        help="one ForenameSurnameComparison (default) or a Jaro-Winkler comparison per name",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON instead of the table")
    return p.parse_args(argv)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    start = time.perf_counter()
    chosen: dict[str, Any] = {}
    descriptions: dict[str, str] = {}
    for name in args.engines.split(","):
        module, description = engines.load(name.strip())
        if module is None:
            say(f"engine {name}: not run — {description}")
            descriptions[name] = f"NOT RUN: {description}"
        else:
            chosen[name], descriptions[name] = module, description
    if not args.no_splink:
        import splink

        descriptions["splink"] = (
            f"splink {splink.__version__}, DuckDB backend, {args.splink_names} name comparison "
            "(bench/matching/splink_run.py)"
        )
    datasets: dict[str, Any] = {}
    if "synthetic" in args.data:
        from . import synthetic

        say(f"synthetic data: {args.persons:,} persons …")
        datasets["synthetic"] = synthetic.make(args.persons, args.seed, args.queries, passports=args.passports)
    if "febrl4" in args.data:
        from . import febrl

        datasets["febrl4"] = febrl.load()
    result: dict[str, Any] = {
        "seed": args.seed,
        "persons": args.persons,
        "passports": args.passports,
        "machine": f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs",
        "datasets": {n: d.summary() for n, d in datasets.items()},
        "engines": descriptions,
        "duplicates": [],
        "search": [],
    }
    for data_name, data in datasets.items():
        for name, engine in chosen.items():
            say(f"{data_name}: {name}.find_duplicates …")
            found, seconds = metrics.run_duplicates(engine, data.records)
            row = {"data": data_name, "engine": name, "seconds": seconds, **metrics.prf(set(found), data.true_pairs)}
            if data_name == "synthetic":
                row["details"] = metrics.breakdown(set(found), data.true_pairs, data.pair_variants, data.hard_negatives)
            result["duplicates"].append(row)
        if not args.no_splink:
            from . import splink_run

            say(f"{data_name}: splink …")
            s = splink_run.run(data.records, data.true_pairs, seed=args.seed, names=args.splink_names)
            common = {"data": data_name, "seconds": s["seconds"]}
            row = {**common, "engine": "splink @ p ≥ 0.9", **s["at_0_9"]}
            if data_name == "synthetic":
                row["details"] = metrics.breakdown(
                    s["found_at_0_9"], data.true_pairs, data.pair_variants, data.hard_negatives
                )
            result["duplicates"].append(row)
            best = s["best"]
            result["duplicates"].append(
                {
                    **common,
                    "engine": f"splink @ best F1 (p ≥ {best['threshold']:.2f}, oracle)",
                    "precision": best["precision"],
                    "recall": best["recall"],
                    "f1": best["f1"],
                }
            )
    if "synthetic" in datasets:
        data = datasets["synthetic"]
        for name, engine in chosen.items():
            say(f"synthetic: {name}.search × {len(data.queries):,} …")
            result["search"].append({"engine": name, **metrics.run_search(engine, data.records, data.queries)})
    result["seconds"] = time.perf_counter() - start
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result, indent=2) if args.json else report.table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
