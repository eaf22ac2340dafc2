"""The public guide in the newcomer's language: German, Arabic (right to left), Ukrainian;
language suggestion and memory; the service page with its facts and today's waiting time."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from kurzweg.core.models import Agency
from kurzweg.guide.models import ServiceText
from kurzweg.guide.views.common import COOKIE
from kurzweg.languages import NEWCOMER_LANGUAGES
from kurzweg.servicepoint import queue
from tests.conftest import desk, service

from .conftest import GUIDE

pytestmark = pytest.mark.django_db


def html(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(("lang", "direction"), [("de", "ltr"), ("ar", "rtl"), ("uk", "ltr"), ("fa", "rtl")])
def test_every_page_speaks_the_language_of_its_address(guide, lang, direction):
    for path in ("", "services/abh-aufenthalt/", "finder/", "way/", "accessibility/", "easy-read/"):
        response = Client().get(f"{GUIDE}/{lang}/{path}")
        page = html(response)
        assert f'<html lang="{lang}" dir="{direction}"' in page, path
        assert response["Content-Language"] == lang


def test_the_language_menu_offers_every_language_by_its_native_name_on_the_same_page(guide):
    page = html(Client().get(f"{GUIDE}/ar/services/vhs-kurs/"))
    for lang in NEWCOMER_LANGUAGES:
        assert f'href="/guide/nord/{lang.code}/services/vhs-kurs/" lang="{lang.code}"' in page
        assert lang.native_name in page
    assert 'href="/guide/nord/ar/services/vhs-kurs/" lang="ar" hreflang="ar" dir="rtl" aria-current="page"' in page
    assert '<link rel="alternate" hreflang="uk" href="/guide/nord/uk/services/vhs-kurs/">' in page


def test_the_home_page_lists_the_active_services_by_office_in_the_visitors_language(guide, agency):
    service(agency, "sport-verein").__class__.objects.filter(code="sport-verein").update(active=False)
    page = html(Client().get(f"{GUIDE}/en/"))
    assert "Apply for or extend a residence permit" in page
    assert "/guide/nord/en/services/abh-aufenthalt/" in page
    assert "sport-verein" not in page, "an inactive service is not offered"
    german = html(Client().get(f"{GUIDE}/de/"))
    assert "Aufenthaltserlaubnis beantragen oder verlängern" in german


def test_a_service_page_says_what_it_is_who_it_is_for_what_to_bring_and_where(guide, agency):
    residence = service(agency, "abh-aufenthalt")
    residence.leika_key = "99010003001000"
    residence.save()
    page = html(Client().get(f"{GUIDE}/de/services/abh-aufenthalt/"))
    assert "Die Ausländerbehörde erteilt oder verlängert Ihre Aufenthaltserlaubnis." in page
    assert "Für alle, die keine Staatsangehörigkeit eines EU-Landes" in page
    assert "<li>Aktuelles biometrisches Passfoto</li>" in page
    assert "In der Regel 100 Euro" in page
    assert "E.01" in page, "the office's room"
    assert "99010003001000" in page
    assert "data-fallback" not in page
    assert "08:00–16:00" in page and "08:00–18:00" in page, "Mon–Fri 8–16, Thursday until 18"


def test_a_missing_translation_falls_back_to_german_with_a_notice(guide, agency):
    ServiceText.objects.filter(service=service(agency, "abh-aufenthalt"), language="uk").delete()
    page = html(Client().get(f"{GUIDE}/uk/services/abh-aufenthalt/"))
    assert 'data-fallback="missing"' in page
    assert 'lang="de" dir="ltr"' in page, "the German text is marked as German"
    assert "Die Ausländerbehörde erteilt oder verlängert" in page


def test_an_outdated_translation_falls_back_to_the_current_german_text(guide, agency):
    german = ServiceText.objects.get(service=service(agency, "abh-aufenthalt"), language="de")
    german.fees = "Neu: 100 Euro."
    german.save()
    page = html(Client().get(f"{GUIDE}/en/services/abh-aufenthalt/"))
    assert 'data-fallback="outdated"' in page
    assert "Neu: 100 Euro." in page
    assert "Usually 100 euros" not in page


def test_a_reviewed_translation_is_shown_and_a_draft_is_not(guide, agency):
    english = html(Client().get(f"{GUIDE}/en/services/abh-aufenthalt/"))
    assert "The foreigners authority issues or extends your residence permit." in english
    assert "data-fallback" not in english
    german = ServiceText.objects.get(service=service(agency, "abh-aufenthalt"), language="de")
    ServiceText.objects.filter(service=german.service, language="uk").delete()
    ServiceText.objects.create(
        service=german.service, language="uk", summary="Чернетка", source_hash=german.content_hash()
    )
    page = html(Client().get(f"{GUIDE}/uk/services/abh-aufenthalt/"))
    assert "Чернетка" not in page and 'data-fallback="missing"' in page


def test_the_waiting_time_comes_from_the_live_queue(guide, agency, abh_caseworker):
    address = f"{GUIDE}/de/services/abh-aufenthalt/"
    assert 'data-wait="none"' in html(Client().get(address)), "nobody waits: no queue"
    residence = service(agency, "abh-aufenthalt")
    for _ in range(2):
        queue.issue_ticket(guide, [residence], actor=None)
    cache.clear()  # the forecast is cached for a few seconds
    assert 'data-wait="unknown"' in html(Client().get(address)), "people wait, no desk open: no estimate"
    queue.open_desk(abh_caseworker, desk(agency, "Platz 1"))
    cache.clear()
    page = html(Client().get(address))
    minutes = int(page.split('data-wait="')[1].split('"')[0])
    assert minutes >= residence.expected_minutes, "behind two visitors of 25 minutes at one desk"


def test_unknown_languages_agencies_and_other_agencies_services_are_not_found(guide, other_agency):
    client = Client()
    assert client.get(f"{GUIDE}/xx/").status_code == 404
    assert client.get("/guide/nowhere/de/").status_code == 404
    assert client.get(f"{GUIDE}/de/services/no-such-service/").status_code == 404
    assert client.get("/guide/sued/de/services/abh-aufenthalt/").status_code == 404, "Süd has no catalogue"


def test_the_first_visit_is_sent_to_the_browsers_language(guide):
    for header, expected in [
        ("uk-UA,uk;q=0.9,en;q=0.5", "uk"),
        ("ar-SY", "ar"),
        ("prs-AF,fa;q=0.8", "fa"),
        ("fr-FR,fr;q=0.9", "de"),
        ("", "de"),
    ]:
        response = Client().get(f"{GUIDE}/", HTTP_ACCEPT_LANGUAGE=header)
        assert response.status_code == 302
        assert response["Location"] == f"{GUIDE}/{expected}/", header
        assert "Accept-Language" in response["Vary"]


def test_the_chosen_language_is_remembered(guide):
    client = Client()
    response = client.get(f"{GUIDE}/ar/way/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.cookies[COOKIE].value == "ar"
    assert response.cookies[COOKIE]["path"] == "/guide/"
    response = client.get(f"{GUIDE}/", HTTP_ACCEPT_LANGUAGE="de-DE")
    assert response["Location"] == f"{GUIDE}/ar/"


def test_the_guide_start_leads_to_the_only_agency_or_lists_them(guide, agency):
    assert Client().get("/guide/")["Location"] == "/guide/nord/"
    Agency.objects.create(slug="sued", name="Migrationsagentur Süd")
    page = html(Client().get("/guide/"))
    assert "/guide/nord/" in page and "/guide/sued/" in page


def test_the_browser_language_is_still_ignored_on_staff_pages(guide):
    """GermanByDefaultMiddleware keeps Accept-Language for the guide only."""
    page = html(Client().get("/sign-in/", HTTP_ACCEPT_LANGUAGE="en"))
    assert '<html lang="de"' in page
    page = html(Client().get("/guide/", HTTP_ACCEPT_LANGUAGE="uk", follow=True))
    assert '<html lang="uk"' in page, "the guide does see the browser's language"


def test_the_number_of_queries_does_not_grow_with_the_catalogue(guide, agency, django_assert_max_num_queries):
    from kurzweg.servicepoint.models import Service

    client = Client()
    with django_assert_max_num_queries(8):
        client.get(f"{GUIDE}/ar/")
    with django_assert_max_num_queries(8):
        client.get(f"{GUIDE}/ar/finder/checklist/?eu=no&why=refugee&kids=yes&work=yes&abroad=yes")
    for i in range(10):
        Service.objects.create(
            agency=agency, office=service(agency, "vhs-kurs").office, code=f"extra-{i}", name=f"Kurs {i}"
        )
    with django_assert_max_num_queries(8):
        client.get(f"{GUIDE}/ar/")
