"""python manage.py load_demo [--persons N] [--seed S] [--reset]: the demo agency (demo mode only)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kurzweg.demo import DemoError, load_demo


class Command(BaseCommand):
    help = "Load the fictional demo agency with staff, desks and synthetic persons (only with KURZWEG_ENV=demo)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=3000, help="number of persons (default 3000)")
        parser.add_argument("--seed", type=int, default=42, help="random seed; the same seed gives the same data")
        parser.add_argument("--reset", action="store_true", help="delete the demo agency and load it again")

    def handle(self, *args: Any, persons: int, seed: int, reset: bool, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "Refusing to load the demo agency outside demo mode: its sign-ins have a published password. "
                "Run with KURZWEG_ENV=demo."
            )
        if persons < 0:
            raise CommandError("--persons must not be negative.")
        started = time.perf_counter()
        try:
            load_demo(persons=persons, seed=seed, stdout=self.stdout, reset=reset)
        except DemoError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"({time.perf_counter() - started:.1f} s)")
