"""Opening hours and closures as the guide shows them. An office with hours of its own uses
those; otherwise the house's hours apply. A closure of the house closes every office."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kurzweg.core.models import Agency, Office

from .models import Closure, OpeningHours


@dataclass
class Day:
    weekday: int
    label: str
    spans: list[tuple[dt.time, dt.time]] = field(default_factory=list)


@dataclass
class Today:
    date: dt.date
    spans: list[tuple[dt.time, dt.time]]
    closure: Closure | None
    configured: bool  # False: the agency has entered no hours; the guide then claims nothing

    @property
    def is_open(self) -> bool:
        return self.closure is None and (bool(self.spans) or not self.configured)


def week(agency: Agency, office: Office | None = None) -> list[Day]:
    """Monday to Sunday with the hours of the office (or the house)."""
    rows = list(OpeningHours.objects.filter(agency=agency, office=office)) if office else []
    if not rows:
        rows = list(OpeningHours.objects.filter(agency=agency, office__isnull=True))
    days = [Day(value, str(label)) for value, label in OpeningHours.Weekday.choices]
    for row in rows:
        days[row.weekday].spans.append((row.opens, row.closes))
    for day in days:
        day.spans.sort()
    return days


def closures(agency: Agency, office: Office | None, start: dt.date, days: int = 60) -> list[Closure]:
    """Closures of the house (and of the office) that touch the next `days` days."""
    end = start + dt.timedelta(days=days)
    found = Closure.objects.filter(agency=agency, last_day__gte=start, first_day__lte=end)
    if office is None:
        found = found.filter(office__isnull=True)
    else:
        found = found.filter(office__isnull=True) | found.filter(office=office)
    return list(found.order_by("first_day"))


def today(agency: Agency, office: Office | None, date: dt.date) -> Today:
    days = week(agency, office)
    closure = next((c for c in closures(agency, office, date, days=0) if c.covers(date)), None)
    return Today(date, days[date.weekday()].spans, closure, any(day.spans for day in days))
