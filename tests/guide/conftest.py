"""The guide's cast: the service point's house (tests/conftest.py) with a first floor, the
standard services with their German and English texts, and the demo's opening hours."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.cache import cache

from kurzweg.core.models import Room
from kurzweg.guide.content import load_guide_content
from kurzweg.servicepoint import clock
from tests.conftest import office

GUIDE = "/guide/nord"
# A Tuesday morning in the house's time zone: open, no holiday.
TUESDAY_MORNING = dt.datetime(2026, 11, 24, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))


@pytest.fixture(autouse=True)
def _tuesday_morning():
    clock.set_clock(lambda: TUESDAY_MORNING)
    yield
    clock.set_clock(None)


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rate limits and the cached forecast live in the cache: every test starts without them.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def guide(house, agency):
    """The house of tests/conftest.py, plus room 1.05 of the adult education centre upstairs."""
    Room.objects.create(agency=agency, office=office(agency, "vhs"), floor=1, number="1.05")
    agency.address = "Bahnhofstraße 14\n06610 Lindwerder (Saale)"
    agency.save()
    load_guide_content(agency)
    return house
