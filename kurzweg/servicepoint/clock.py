"""The service point's clock. The live system runs on real time; `simulate-day` replays a day
through the same queue code on a simulated clock, so every queue function asks this module."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

_now: Callable[[], dt.datetime] = timezone.now


def now() -> dt.datetime:
    return _now()


def today() -> dt.date:
    return timezone.localdate(now())


def is_real() -> bool:
    return _now is timezone.now


def set_clock(clock: Callable[[], dt.datetime] | None) -> None:
    """Replace the clock (simulation); None restores real time."""
    global _now
    _now = clock or timezone.now
