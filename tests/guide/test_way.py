"""Finding the way: opening hours with holidays and closures, the address, how to get there,
and the floor plan as an accessible SVG with the same rooms in a table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from kurzweg.core.models import Room
from kurzweg.guide.content import holidays_sachsen_anhalt, load_guide_content
from kurzweg.guide.models import AgencyGuide, Closure, OpeningHours, ServiceText
from kurzweg.servicepoint.setup import STANDARD_SERVICES
from tests.conftest import office

from .conftest import GUIDE

pytestmark = pytest.mark.django_db


def test_the_floor_plan_draws_every_room_and_lists_it_in_a_table(guide, agency):
    page = Client().get(f"{GUIDE}/en/way/").content.decode()
    assert page.count('role="img"') == 2, "one plan per floor: ground floor and first floor"
    assert "<title id=" in page and "aria-labelledby=" in page
    for room in Room.objects.filter(agency=agency):
        assert f'<th class="kern-table__cell" scope="row" dir="ltr">{room.number}</th>' in page
    assert "Foreigners authority" in page and "Adult education centre" in page
    assert "Ground floor" in page and "Floor 1" in page


def test_the_plan_marks_the_office_a_service_page_leads_to(guide):
    page = Client().get(f"{GUIDE}/de/services/vhs-kurs/").content.decode()
    assert "/guide/nord/de/way/?office=vhs#plan" in page
    plan = Client().get(f"{GUIDE}/de/way/?office=vhs").content.decode()
    assert plan.count("kurzweg-guide__room--highlighted") == 1
    assert 'hreflang="ar" href="/guide/nord/ar/way/?office=vhs"' in plan


def test_the_plan_is_not_mirrored_for_right_to_left_readers(guide):
    page = Client().get(f"{GUIDE}/ar/way/").content.decode()
    assert '<svg class="kurzweg-guide__plan" dir="ltr"' in page


def test_address_directions_and_hours(guide):
    page = Client().get(f"{GUIDE}/de/way/").content.decode()
    assert "Bahnhofstraße 14<br>06610 Lindwerder (Saale)" in page
    assert "Mit dem Zug" in page
    assert "08:00–18:00" in page
    assert "Samstag" in page or "Saturday" in page


def test_a_closure_today_says_so_and_stops_the_waiting_time(guide, agency):
    today = dt.date(2026, 11, 24)
    Closure.objects.create(agency=agency, first_day=today, last_day=today, reason="Personalversammlung")
    page = Client().get(f"{GUIDE}/de/services/abh-aufenthalt/").content.decode()
    assert "Personalversammlung" in page
    assert 'data-wait="closed"' in page


def test_an_office_with_hours_of_its_own_shows_those(guide, agency):
    OpeningHours.objects.create(
        agency=agency, office=office(agency, "vhs"), weekday=1, opens=dt.time(13), closes=dt.time(17)
    )
    page = Client().get(f"{GUIDE}/de/services/vhs-kurs/").content.decode()
    assert "13:00–17:00" in page and "08:00–16:00" not in page


def test_the_public_holidays_of_sachsen_anhalt():
    days = dict(holidays_sachsen_anhalt(2026))
    assert days[dt.date(2026, 4, 3)] == "Karfreitag"
    assert days[dt.date(2026, 5, 25)] == "Pfingstmontag"
    assert days[dt.date(2026, 1, 6)] == "Heilige Drei Könige"
    assert days[dt.date(2026, 10, 31)] == "Reformationstag"
    assert dict(holidays_sachsen_anhalt(2027))[dt.date(2027, 5, 6)] == "Christi Himmelfahrt"
    assert len(days) == 11


def test_the_demo_content_covers_the_standard_catalogue_and_loads_twice_without_duplicates(guide, agency):
    load_guide_content(agency)
    assert ServiceText.objects.filter(language="de").count() == len(STANDARD_SERVICES)
    assert ServiceText.objects.filter(language="en", status="reviewed").count() == len(STANDARD_SERVICES)
    assert OpeningHours.objects.filter(agency=agency).count() == 5
    assert Closure.objects.filter(agency=agency).count() == 22
    assert AgencyGuide.objects.get(agency=agency).directions


def test_the_leichte_sprache_page(guide):
    page = Client().get(f"{GUIDE}/de-ls/easy-read/").content.decode()
    assert '<html lang="de-ls"' in page
    assert "Was ist auf dieser Internet-Seite?" in page
    assert '/guide/nord/de-ls/easy-read/" lang="de"' in page, "every page links to it"


def test_a_sign_language_video_plays_when_one_is_configured(guide, agency):
    assert "<video" not in Client().get(f"{GUIDE}/de/").content.decode()
    settings = AgencyGuide.objects.get(agency=agency)  # as the administration saves it
    settings.sign_language_video_url = "https://video.example/dgs.mp4"
    settings.save()
    assert (
        '<video controls preload="metadata" src="https://video.example/dgs.mp4"'
        in Client().get(f"{GUIDE}/de/").content.decode()
    )


def test_every_office_kind_has_a_label_newcomers_can_read():
    from kurzweg.core.models import Office
    from kurzweg.guide.floorplan import OFFICE_LABELS

    assert set(OFFICE_LABELS) == set(Office.Kind) - {Office.Kind.OTHER}
    assert all(str(OFFICE_LABELS[kind]) == str(kind.label) for kind in OFFICE_LABELS), "same words as core"
