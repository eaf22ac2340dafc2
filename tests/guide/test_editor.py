"""Content editors: every service's text in every language with its status; German is the
source, a changed German text makes translations outdated until they are saved again."""

from __future__ import annotations

import re

import pytest

from kurzweg.guide.models import ServiceText
from tests.conftest import client_for, service

pytestmark = pytest.mark.django_db


def state_of(page: str, code: str, lang: str) -> str:
    """The state in the overview's cell of a service and a language."""
    cells = re.findall(
        r'data-language="(\S+)" data-state="(\w+)">\s*<a class="kern-link" href="/content/services/([a-z-]+)/', page
    )
    return next(state for language, state, service_code in cells if (service_code, language) == (code, lang))


def test_only_content_editors_may_edit(guide, abh_caseworker, administrator):
    assert client_for(abh_caseworker).get("/content/").status_code == 403
    assert client_for(abh_caseworker).get("/content/services/vhs-kurs/de/").status_code == 403
    assert client_for(administrator).get("/content/").status_code == 200


def test_the_overview_shows_each_translations_status(guide, agency, administrator):
    first = service(agency, "abh-aufenthalt")
    german = ServiceText.objects.get(service=first, language="de")
    ServiceText.objects.filter(service=first, language__in=("uk", "ar")).delete()  # not translated yet
    ServiceText.objects.create(service=first, language="uk", summary="…", source_hash=german.content_hash())
    page = client_for(administrator).get("/content/").content.decode()
    assert state_of(page, "abh-aufenthalt", "de") == "reviewed"
    assert state_of(page, "abh-aufenthalt", "en") == "reviewed"
    assert state_of(page, "abh-aufenthalt", "uk") == "draft"
    assert state_of(page, "abh-aufenthalt", "ar") == "missing"


def test_changing_the_german_text_outdates_the_translations_until_they_are_saved_again(guide, agency, administrator):
    client = client_for(administrator)
    german = ServiceText.objects.get(service=service(agency, "vhs-kurs"), language="de")
    response = client.post(
        "/content/services/vhs-kurs/de/",
        {
            "summary": german.summary + " Neu.",
            "who_for": german.who_for,
            "documents": german.documents,
            "fees": german.fees,
            "status": "reviewed",
        },
    )
    assert response.status_code == 302
    english = ServiceText.objects.get(service=german.service, language="en")
    german.refresh_from_db()
    assert english.state(german) == ServiceText.OUTDATED
    assert 'data-state="outdated"' in client.get("/content/services/vhs-kurs/en/").content.decode()

    client.post(
        "/content/services/vhs-kurs/en/",
        {
            "summary": english.summary + " New.",
            "who_for": english.who_for,
            "documents": english.documents,
            "fees": english.fees,
            "status": "reviewed",
        },
    )
    english.refresh_from_db()
    assert english.state(german) == ServiceText.Status.REVIEWED
    assert english.updated_by == administrator


def test_a_new_translation_is_written_against_the_german_text(guide, agency, administrator):
    client = client_for(administrator)
    page = client.get("/content/services/vhs-kurs/ar/").content.decode()
    assert "Die Volkshochschule hilft Ihnen" in page, "the German source is shown"
    assert 'lang="ar" dir="rtl"' in page, "the Arabic text is typed right to left"
    client.post("/content/services/vhs-kurs/ar/", {"summary": "دورات اللغة", "status": "draft"})
    arabic = ServiceText.objects.get(service__code="vhs-kurs", language="ar")
    assert arabic.status == "draft" and arabic.source_hash


def test_other_agencies_services_are_not_found(guide, outsider, other_agency):
    from kurzweg.core.models import Membership, Role

    Membership.objects.filter(user=outsider).update(role=Role.objects.get(agency=other_agency, code="admin"))
    assert client_for(outsider).get("/content/services/vhs-kurs/de/").status_code == 404
