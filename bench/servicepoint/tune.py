"""python -m bench.servicepoint.tune [--policy routed] [--data DIR] [NAME=VALUE ...]

Replays the sample day (or --data DIR) once, in this process, on a temporary SQLite database,
with routing constants set for this run only, and prints the figures and where the estimate
error comes from (by number of concerns, by the minutes shown). How the tuning tables in
README.md were made, e.g.

    python -m bench.servicepoint.tune SHORT_JOB_BIAS=14 PROMISE_SLACK=3 ARRIVAL_HORIZON=240

NAME is a constant of kurzweg/servicepoint/routing.py; time spans are given in minutes
(ARRIVAL_HORIZON=none switches the horizon off). `simulate-day` remains the tool for users:
this is for trying constants without editing the code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
from pathlib import Path

DATA = Path(__file__).parent / "data"


def set_constants(routing: object, assignments: list[str]) -> None:
    for assignment in assignments:
        name, _, text = assignment.partition("=")
        if not hasattr(routing, name) or not name.isupper():
            raise SystemExit(f"unknown routing constant {name!r}")
        current = getattr(routing, name)
        if text.lower() == "none":
            value: object = None
        elif isinstance(current, dt.timedelta) or name == "ARRIVAL_HORIZON":
            value = dt.timedelta(minutes=float(text))
        else:
            value = type(current)(text)
        setattr(routing, name, value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.servicepoint.tune", description=__doc__)
    parser.add_argument("--policy", default="routed", choices=["routed", "fixed-order"])
    parser.add_argument("--data", type=Path, default=DATA, help="directory with ARRIVALS.csv and DESKS.csv")
    parser.add_argument("constants", nargs="*", metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kurzweg-tune-") as directory:
        # Before Django starts: this process's only database is the temporary one.
        os.environ["DATABASE_URL"] = f"sqlite:///{directory}/tune.sqlite3"
        os.environ["KURZWEG_VAR_DIR"] = directory
        os.environ["DEBUG"] = "0"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kurzweg.settings")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from kurzweg.servicepoint import routing, simulate
        from kurzweg.servicepoint.models import Concern, Visit

        set_constants(routing, args.constants)
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")  # a throw-away file
        call_command("migrate", verbosity=0, interactive=False)
        day = simulate.read_day(args.data / "ARRIVALS.csv", args.data / "DESKS.csv")
        replay = simulate.Replay(day, args.policy)
        print(replay.run().as_text())
        counts: dict[int, int] = {}
        for visit_id in Concern.objects.filter(visit__service_point=replay.service_point).values_list(
            "visit_id", flat=True
        ):
            counts[visit_id] = counts.get(visit_id, 0) + 1
        groups: dict[str, list[float]] = {}
        visits = Visit.objects.filter(service_point=replay.service_point, first_called_at__isnull=False)
        for visit in visits.exclude(estimated_wait_minutes=None):
            assert visit.first_called_at is not None and visit.estimated_wait_minutes is not None
            error = visit.estimated_wait_minutes - (visit.first_called_at - visit.issued_at).total_seconds() / 60
            shown = visit.estimated_wait_minutes
            band = "0–9" if shown < 10 else "10–49" if shown < 50 else "50+"
            groups.setdefault(f"{counts[visit.pk]} concern(s)", []).append(error)
            groups.setdefault(f"shown {band} min", []).append(error)
        print("estimate error by visitor (n, mean absolute, mean):")
        for name in sorted(groups):
            errors = groups[name]
            mae, bias = statistics.fmean(abs(e) for e in errors), statistics.fmean(errors)
            print(f"  {name:<20} {len(errors):>4}  {mae:5.1f}  {bias:+5.1f}")
        connection.close()


if __name__ == "__main__":
    main()
