"""python -m bench.servicepoint.forecast [--repeat 5]

CPU time of one forecast (`routing.forecast`, the pure part: no database) for a full house:
30 desks of six offices, 100 / 200 / 400 visitors waiting (a third with two concerns, each
with a promise), the recent arrivals extrapolated as in the live system. With `--reference`
also the plain forecast that re-sorts every candidate at every simulated call
(tests/servicepoint/reference_forecast.py), which the fast one must match exactly.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import random
import time
from collections.abc import Callable

from kurzweg.servicepoint import routing
from kurzweg.servicepoint.routing import DeskView, QueuedConcern, QueuedVisit

NOW = dt.datetime(2026, 3, 10, 10, tzinfo=dt.UTC)
MINUTES = {1: 20.0, 2: 15.0, 3: 10.0, 4: 25.0, 5: 30.0, 6: 12.0}


def house(waiting: int, seed: int = 7) -> tuple[list[DeskView], list[QueuedVisit]]:
    rng = random.Random(seed)
    services = sorted(MINUTES)
    desks = [DeskView(i, frozenset({services[i % 6]}), NOW) for i in range(30)]
    visits = []
    for i in range(1, waiting + 1):
        came = NOW - dt.timedelta(seconds=10 * (waiting - i))
        chosen = rng.sample(services, 2 if rng.random() < 1 / 3 else 1)
        concerns = [QueuedConcern(i * 10 + p, s, p, came) for p, s in enumerate(chosen)]
        promise = came + dt.timedelta(minutes=rng.randint(5, 120))
        visits.append(QueuedVisit(i, came, concerns, promised_at=promise))
    return desks, visits


def cpu_ms(
    forecast: Callable[..., routing.Forecast], desks: list[DeskView], visits: list[QueuedVisit], repeat: int
) -> tuple[float, int]:
    best, calls = float("inf"), 0
    for _ in range(repeat):
        state = copy.deepcopy(visits)
        started = time.process_time()
        result = forecast(desks, state, frozenset(), "routed", NOW, MINUTES)
        best = min(best, (time.process_time() - started) * 1000)
        calls = len(result.concern_calls)
    return best, calls


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.servicepoint.forecast", description=__doc__)
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs")
    parser.add_argument("--reference", action="store_true", help="also time the plain re-sorting forecast")
    args = parser.parse_args(argv)
    for waiting in (100, 200, 400):
        desks, visits = house(waiting)
        ms, calls = cpu_ms(routing.forecast, desks, visits, args.repeat)
        line = f"{waiting} waiting, 30 desks: forecast {ms:.1f} ms CPU ({calls} calls predicted)"
        if args.reference:
            from tests.servicepoint.reference_forecast import naive_forecast

            plain, _calls = cpu_ms(naive_forecast, desks, visits, args.repeat)
            line += f"; re-sorting at every call {plain:.1f} ms"
        print(line)


if __name__ == "__main__":
    main()
