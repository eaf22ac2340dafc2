"""kurzweg simulate-day: replay a day through the live routing and queue code.

    kurzweg simulate-day --arrivals ARRIVALS.csv --desks DESKS.csv --policy routed|fixed-order
                         [--services SERVICES.csv] [--json]

The replay never touches the configured database: the command checks the files, then runs
itself again in a subprocess whose DATABASE_URL points to an SQLite file in a temporary
directory, migrates it, replays the day there (kurzweg/servicepoint/simulate.py), and the
directory is deleted afterwards. The file formats are described in simulate.py and in --help.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from kurzweg.servicepoint import routing, simulate

# Set by the parent for its worker: the only database the worker agrees to write to.
WORKER_DATABASE = "KURZWEG_SIMULATION_DATABASE"

FORMATS = """\
ARRIVALS.csv columns: visit_id, arrival (HH:MM:SS or HH:MM), concerns (service codes separated
by ";", in the order the visitor named them), durations (actual minutes at the desk per concern,
";"-separated, same order), appointment (HH:MM or empty: the first concern is booked then),
language (optional, e.g. ar; de when empty).
DESKS.csv columns: desk_id, services (";"-separated codes, all of one office), open, close (HH:MM).
SERVICES.csv (optional) columns: code, office, expected_minutes — adds services to the standard
catalogue or changes a standard service's office or expected minutes.
Wait = time in the house not at a desk (the way to a desk counts as waiting); estimate error =
waiting time shown at ticket issue minus the minutes until the first call."""


class Command(BaseCommand):
    help = "Replay a day of arrivals through the live routing and queue code on a temporary database."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.epilog = FORMATS
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--arrivals", required=True, type=Path, help="ARRIVALS.csv: one visit a row")
        parser.add_argument("--desks", required=True, type=Path, help="DESKS.csv: one desk a row")
        parser.add_argument("--services", type=Path, help="SERVICES.csv: services beyond the standard catalogue")
        parser.add_argument("--policy", choices=routing.POLICIES, default="routed", help="default: routed")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument("--worker-output", type=Path, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = simulate.read_day(options["arrivals"], options["desks"], options["services"])
        except simulate.InputError as error:
            raise CommandError(str(error)) from None
        if options["worker_output"] is not None:
            self.work(day, options["policy"], options["worker_output"])
            return
        result = self.in_temporary_database(options)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), indent=2))
        else:
            self.stdout.write(result.as_text())

    def in_temporary_database(self, options: dict[str, Any]) -> simulate.Result:
        with tempfile.TemporaryDirectory(prefix="kurzweg-simulation-") as directory:
            database = Path(directory) / "simulation.sqlite3"
            output = Path(directory) / "result.json"
            command = [sys.executable, "-m", "kurzweg", "simulate_day", "--policy", options["policy"]]
            for name in ("arrivals", "desks", "services"):
                if options[name] is not None:
                    command += [f"--{name}", str(Path(options[name]).resolve())]
            command += ["--worker-output", str(output)]
            env = {
                **os.environ,
                "DATABASE_URL": f"sqlite:///{database}",
                WORKER_DATABASE: str(database),
                "KURZWEG_VAR_DIR": directory,
                "DEBUG": "0",  # with DEBUG on, Django keeps every query in memory
            }
            # The command line is this same command with checked paths: no shell, no user text.
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
            if done.returncode != 0 or not output.exists():
                tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-15:])
                raise CommandError(f"The simulation failed:\n{tail}")
            return simulate.Result(**json.loads(output.read_text()))

    def work(self, day: simulate.Day, policy: routing.Policy, output: Path) -> None:
        expected = os.environ.get(WORKER_DATABASE)
        database = settings.DATABASES["default"]
        if not expected or database["ENGINE"] != "django.db.backends.sqlite3" or str(database["NAME"]) != expected:
            raise CommandError("The simulation runs only on the temporary database its parent process made.")
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")  # a throw-away file
        call_command("migrate", verbosity=0, interactive=False)
        result = simulate.replay(day, policy)
        output.write_text(json.dumps(dataclasses.asdict(result)))
