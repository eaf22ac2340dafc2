"""python -m bench.servicepoint.simulation [--data DIR] [--regenerate] [--seed 7] [--parallel] [--json]

Runs `kurzweg simulate-day` on the sample day (bench/servicepoint/data, made by
`python -m bench.servicepoint.sample`) with both policies and prints routed versus fixed-order:
mean and p90 wait, time in the house, the mean absolute error of the waiting-time estimates
shown at ticket issue, desk utilisation, and each simulation's runtime. Targets: routed mean
wait ≤ 60 % of fixed-order; estimate error ≤ 5 minutes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
POLICIES = ("fixed-order", "routed")
TARGET_RATIO = 0.60
TARGET_MAE = 5.0


def simulate(data: Path, policy: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "kurzweg", "simulate-day", "--policy", policy, "--json"]
    command += ["--arrivals", str(data / "ARRIVALS.csv"), "--desks", str(data / "DESKS.csv")]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def collect(process: subprocess.Popen[str]) -> dict[str, Any]:
    out, err = process.communicate()
    if process.returncode != 0:
        sys.exit(f"simulate-day failed:\n{err or out}")
    return json.loads(out)  # type: ignore[no-any-return]


def report(results: dict[str, dict[str, Any]]) -> str:
    fixed, routed = results["fixed-order"], results["routed"]
    rows = [
        ("visits (finished / still open at closing)", lambda r: f"{r['visits']} ({r['finished']} / {r['unfinished']})"),
        ("concerns", lambda r: f"{r['concerns']}"),
        ("mean wait, minutes", lambda r: f"{r['wait_minutes']['mean']:.1f}"),
        ("p90 wait, minutes", lambda r: f"{r['wait_minutes']['p90']:.1f}"),
        (
            "mean wait by number of concerns (1/2/3)",
            lambda r: " / ".join(f"{v:.1f}" for v in r["wait_minutes"]["by_concerns"].values()),
        ),
        ("mean time in the house, minutes", lambda r: f"{r['time_in_house_minutes']['mean']:.1f}"),
        ("estimate at ticket issue: mean abs. error, min", lambda r: f"{r['estimates']['mae_minutes']:.1f}"),
        ("estimate at ticket issue: mean error, min", lambda r: f"{r['estimates']['bias_minutes']:+.1f}"),
        ("desk utilisation, mean", lambda r: f"{r['utilisation']['mean']:.0%}"),
        ("runtime of the simulation, s", lambda r: f"{r['runtime_seconds']:.1f}"),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [f"{'':{width}}  {'fixed-order':>18}  {'routed':>18}"]
    lines += [f"{name:{width}}  {show(fixed):>18}  {show(routed):>18}" for name, show in rows]
    offices = sorted(fixed["utilisation"]["offices"])
    lines.append(
        "utilisation per office (routed): "
        + ", ".join(f"{o} {routed['utilisation']['offices'][o]:.0%}" for o in offices)
    )
    ratio = routed["wait_minutes"]["mean"] / fixed["wait_minutes"]["mean"]
    mae = routed["estimates"]["mae_minutes"]
    lines.append(
        f"routed mean wait = {ratio:.1%} of fixed-order (target ≤ {TARGET_RATIO:.0%}: "
        f"{'met' if ratio <= TARGET_RATIO else 'missed'}); routed estimate error {mae:.1f} min "
        f"(target ≤ {TARGET_MAE:.0f}: {'met' if mae <= TARGET_MAE else 'missed'})"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.servicepoint.simulation", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA, help="directory with ARRIVALS.csv and DESKS.csv")
    parser.add_argument("--regenerate", action="store_true", help="write the sample day first")
    parser.add_argument("--seed", type=int, default=7, help="with --regenerate")
    parser.add_argument("--parallel", action="store_true", help="both policies at once (runtimes then overlap)")
    parser.add_argument("--json", action="store_true", help="also print both results as JSON")
    args = parser.parse_args(argv)
    if args.regenerate or not (args.data / "ARRIVALS.csv").exists():
        from . import sample

        sample.main(["--out", str(args.data), "--seed", str(args.seed)])
    started = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    if args.parallel:
        processes = {policy: simulate(args.data, policy) for policy in POLICIES}
        results = {policy: collect(process) for policy, process in processes.items()}
    else:
        for policy in POLICIES:
            results[policy] = collect(simulate(args.data, policy))
    print(report(results))
    print(f"wall time {time.perf_counter() - started:.0f} s")
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
