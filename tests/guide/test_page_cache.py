"""The guide's pages are kept in the cache all server processes share: a kept page is served
without asking the database, yet every edit shows at the next visit, the live waiting time
on a kept page is never older than a minute, and nothing personal or per visitor (a CSRF
token) is ever kept."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kurzweg.guide import waits
from kurzweg.guide.models import Closure, ServiceText
from kurzweg.servicepoint import clock, queue
from tests.conftest import client_for, desk, service

from .conftest import GUIDE, TUESDAY_MORNING

pytestmark = pytest.mark.django_db

RESIDENCE = f"{GUIDE}/de/services/abh-aufenthalt/"
CHECKLIST = f"{GUIDE}/ar/finder/checklist/?eu=no&why=refugee&kids=yes&work=yes&abroad=yes"


def get(path: str, client: Client | None = None, **extra: str) -> str:
    response = (client or Client()).get(path, **extra)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def queries_for(path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        get(path)
    return len(captured.captured_queries)


def wait_of(page: str) -> str:
    return page.split('data-wait="')[1].split('"')[0]


@pytest.fixture
def live(monkeypatch):
    """As on the live server, where waiting times are shared and refreshed every 30 s (on a
    simulated clock, as in the other guide tests, they are worked out on every request) — but
    still on Tuesday morning, so that the house is open."""
    monkeypatch.setattr(clock, "is_real", lambda: True)


def test_a_kept_page_is_served_without_asking_the_database(guide, live):
    for path in (RESIDENCE, CHECKLIST, f"{GUIDE}/uk/", f"{GUIDE}/fa/way/?office=abh", f"{GUIDE}/de-ls/easy-read/"):
        assert queries_for(path) > 0, path
        assert queries_for(path) == 0, path


def test_a_kept_page_answers_exactly_like_a_fresh_one(guide):
    client = Client()
    fresh = client.get(CHECKLIST)
    kept = client.get(CHECKLIST)
    assert kept.content == fresh.content
    assert dict(kept.headers) == dict(fresh.headers)
    assert kept["Content-Language"] == "ar"
    assert kept.cookies["kurzweg_guide_language"].value == "ar", "the language is remembered"
    assert "Accept-Language" in kept["Vary"]


def test_a_page_first_seen_by_signed_in_staff_keeps_nothing_of_theirs(guide, administrator):
    get(RESIDENCE, client_for(administrator))
    kept = get(RESIDENCE)
    caches["shared"].clear()
    assert kept == get(RESIDENCE), "the same page as an anonymous visitor's own"


def test_each_language_and_each_set_of_answers_is_a_page_of_its_own(guide):
    assert '<html lang="ar" dir="rtl"' in get(CHECKLIST)
    assert '<html lang="uk" dir="ltr"' in get(CHECKLIST.replace("/ar/", "/uk/"))
    fewer = get(CHECKLIST.replace("kids=yes", "kids=no"))
    assert fewer != get(CHECKLIST)


def test_the_share_link_names_the_host_the_visitor_used(guide):
    assert "http://testserver/guide/nord/ar/finder/checklist/?" in get(CHECKLIST)
    other = get(CHECKLIST, HTTP_HOST="localhost")
    assert "http://localhost/guide/nord/ar/finder/checklist/?" in other
    assert "testserver" not in other


def test_a_text_saved_in_the_content_editor_shows_at_the_next_visit(guide, agency, administrator):
    assert "Neu: Termine auch samstags." not in get(RESIDENCE)
    german = ServiceText.objects.get(service=service(agency, "abh-aufenthalt"), language="de")
    fields = {"summary": german.summary + " Neu: Termine auch samstags.", "who_for": german.who_for}
    fields |= {"documents": german.documents, "fees": german.fees, "status": "reviewed"}
    assert client_for(administrator).post("/content/services/abh-aufenthalt/de/", fields).status_code == 302
    assert "Neu: Termine auch samstags." in get(RESIDENCE)


def test_a_closure_entered_in_the_administration_shows_at_the_next_visit(guide, agency):
    assert "Betriebsausflug" not in get(RESIDENCE)
    day = TUESDAY_MORNING.date() + dt.timedelta(days=3)
    closure = Closure.objects.create(agency=agency, first_day=day, last_day=day, reason="Betriebsausflug")
    assert "Betriebsausflug" in get(RESIDENCE)
    closure.delete()
    assert "Betriebsausflug" not in get(RESIDENCE)


def test_a_desk_given_a_service_moves_its_waiting_time_to_that_service_point(guide, agency):
    """Which service point shows a service's waiting time follows the desks (a many-to-many
    change, which saves no row of the service)."""
    get(RESIDENCE)
    residence = service(agency, "abh-aufenthalt")
    version = caches["shared"].get("guide:content-version")
    residence.desks.remove(desk(agency, "Platz 2"))
    assert caches["shared"].get("guide:content-version") != version


def test_a_kept_page_shows_the_live_waiting_time(guide, agency, abh_caseworker):
    assert wait_of(get(RESIDENCE)) == "none"
    residence = service(agency, "abh-aufenthalt")
    queue.issue_ticket(guide, [residence], actor=None)
    queue.issue_ticket(guide, [residence], actor=None)
    caches["default"].delete(queue.forecast_key(guide.pk))  # the forecast is kept for 3 s
    assert wait_of(get(RESIDENCE)) == "unknown", "two wait, no desk open: no estimate"
    queue.open_desk(abh_caseworker, desk(agency, "Platz 1"))
    assert int(wait_of(get(RESIDENCE))) >= residence.expected_minutes


def test_a_page_kept_yesterday_is_not_shown_today(guide, agency):
    """Opening hours say "today", and closures begin today: the day is part of the key."""
    assert "Dienstag (heute)" in get(RESIDENCE)
    clock.set_clock(lambda: TUESDAY_MORNING + dt.timedelta(days=1))
    page = get(RESIDENCE)
    assert "Mittwoch (heute)" in page and "Dienstag (heute)" not in page


def test_the_booking_and_feedback_forms_are_never_kept(guide, agency):
    """Each visitor's form carries a CSRF token that matches their own cookie: a form kept
    from another visitor would be refused."""
    for path in (f"{GUIDE}/de/services/integration-beratung/book/", f"{GUIDE}/de/accessibility/"):
        first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
        get(path, first)
        page = get(path, second)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token is not None, path
        response = second.post(path, {"csrfmiddlewaretoken": token.group(1)})
        assert response.status_code != 403, path
        assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value


# --- The shared waiting times -----------------------------------------------------------------


class Ticking:
    """time.time() for waits.py, moved on by the test."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticking(monkeypatch, live) -> Ticking:
    ticking = Ticking()
    monkeypatch.setattr(waits.time, "time", ticking)
    return ticking


@pytest.fixture
def counted(monkeypatch) -> list[int]:
    """How often the waiting times were worked out."""
    calls: list[int] = []
    original = waits._waits_at

    def counting(service_point_id: int) -> dict[int, waits.Wait]:
        calls.append(service_point_id)
        return original(service_point_id)

    monkeypatch.setattr(waits, "_waits_at", counting)
    return calls


def test_waiting_times_are_worked_out_once_for_every_process_for_30_seconds(guide, ticking, counted):
    waits.waits_at(guide.pk)
    ticking.now += 29
    waits.waits_at(guide.pk)
    assert counted == [guide.pk]
    ticking.now += 2
    waits.waits_at(guide.pk)
    assert counted == [guide.pk, guide.pk], "30 s old: worked out again"


def test_while_one_process_refreshes_the_others_show_the_previous_figures(guide, agency, ticking, counted):
    before = waits.waits_at(guide.pk)
    queue.issue_ticket(guide, [service(agency, "abh-aufenthalt")], actor=None)
    caches["default"].delete(queue.forecast_key(guide.pk))  # each process keeps it for 3 s
    ticking.now += 31
    key = f"guide:waits:{guide.pk}"
    assert caches["shared"].add(f"{key}:refresh", 1, 15), "another process claims the refresh"
    assert waits.waits_at(guide.pk) == before
    assert len(counted) == 1
    ticking.now += 30  # the other process never finished: the figures are over a minute old
    caches["shared"].delete(key)  # (the cache lets them expire after a minute)
    after = waits.waits_at(guide.pk)
    assert after[service(agency, "abh-aufenthalt").pk].waiting == 1
    assert len(counted) == 2


# --- Where the shared cache lives -------------------------------------------------------------


def cache_settings(**env: str) -> str:
    """CACHES as the settings make them for an environment (in a fresh interpreter: settings
    are read once per process)."""
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "KURZWEG_ENV", "DATABASE_URL"}}
    environment |= {"SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "example.org"} | env
    code = "import kurzweg.settings as s; print(s.CACHES['default']['BACKEND'], s.CACHES['shared']['BACKEND'])"
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_shared_cache_is_redis_when_configured_else_a_directory_in_production_else_memory():
    local = "django.core.cache.backends.locmem.LocMemCache"
    assert cache_settings(REDIS_URL="redis://127.0.0.1:6379/3") == (
        f"{local} django.core.cache.backends.redis.RedisCache"
    )
    assert cache_settings(KURZWEG_ENV="production") == f"{local} django.core.cache.backends.filebased.FileBasedCache"
    assert cache_settings(KURZWEG_ENV="development") == f"{local} {local}"


@pytest.fixture
def redis_cache(settings):
    """The shared cache on the Redis server CI runs at 127.0.0.1:6379, under a prefix of this
    test's own (xdist workers share the server)."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server at 127.0.0.1:6379")
    prefix = f"kurzweg-test-{uuid.uuid4().hex}"
    settings.CACHES = settings.CACHES | {
        "shared": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        }
    }
    yield
    client = redis.Redis(host="127.0.0.1", port=6379)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def test_pages_and_waiting_times_are_kept_in_redis(guide, agency, redis_cache, live):
    queue.issue_ticket(guide, [service(agency, "abh-aufenthalt")], actor=None)
    fresh = get(RESIDENCE)
    assert wait_of(fresh) == "unknown"
    assert queries_for(RESIDENCE) == 0
    assert get(RESIDENCE) == fresh
    german = ServiceText.objects.get(service=service(agency, "abh-aufenthalt"), language="de")
    german.summary = "Neuer Text."
    german.save()
    assert "Neuer Text." in get(RESIDENCE)
