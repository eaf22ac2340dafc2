"""The accessibility statement and its feedback form: stored for staff, protected against
abuse without a CAPTCHA (honeypot, limits per client)."""

from __future__ import annotations

import pytest
from django.test import Client

from kurzweg.guide.models import AgencyGuide, Feedback
from kurzweg.guide.views.accessibility import PER_CLIENT_PER_HOUR
from tests.conftest import client_for

from .conftest import GUIDE

pytestmark = pytest.mark.django_db

STATEMENT = f"{GUIDE}/de/accessibility/"
MESSAGE = {
    "message": "Die Tabelle der Öffnungszeiten liest mein Screenreader falsch vor.",
    "page": "/guide/nord/de/way/",
}


def test_the_statement_has_what_the_law_asks_for(guide, agency):
    AgencyGuide.objects.filter(agency=agency).update(accessibility_contact="barrierefrei@example.org")
    page = Client().get(f"{GUIDE}/en/accessibility/").content.decode()
    assert "partially compliant" in page, "status of compliance"
    assert "There is no video in German Sign Language yet." in page, "known limitations"
    assert "mailto:barrierefrei@example.org" in page, "feedback contact"
    assert 'href="https://www.schlichtungsstelle-bgg.de/"' in page, "enforcement body"
    assert "§ 16" in page
    assert "has not yet been reviewed" in page, "the date, once the agency reviewed it"


def test_feedback_is_stored_for_staff(guide, agency):
    response = Client().post(f"{GUIDE}/uk/accessibility/", MESSAGE)
    assert response.status_code == 302 and response["Location"].endswith("?sent=1#feedback")
    feedback = Feedback.objects.get()
    assert (feedback.agency, feedback.language, feedback.page) == (agency, "uk", "/guide/nord/de/way/")


def test_a_bot_that_fills_the_hidden_field_is_thanked_and_ignored(guide):
    response = Client().post(STATEMENT, MESSAGE | {"website": "http://spam.example"})
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_one_client_can_send_only_a_few_messages_an_hour(guide):
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(PER_CLIENT_PER_HOUR):
        assert client.post(STATEMENT, MESSAGE).status_code == 302
    response = client.post(STATEMENT, MESSAGE)
    assert response.status_code == 429
    assert Feedback.objects.count() == PER_CLIENT_PER_HOUR
    assert Client(REMOTE_ADDR="198.51.100.2").post(STATEMENT, MESSAGE).status_code == 302, "others still can"


def test_an_empty_message_is_refused(guide):
    response = Client().post(STATEMENT, {"message": ""})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_administrators_read_their_own_agencys_feedback_only(guide, agency, other_agency, administrator):
    Feedback.objects.create(agency=agency, language="ar", message="Schrift zu klein")
    Feedback.objects.create(agency=other_agency, language="de", message="Andere Agentur")
    page = client_for(administrator).get("/admin/guide/feedback/").content.decode()
    assert "(ar)" in page and "(de)" not in page


def test_administrators_enter_closures_for_their_own_offices(guide, agency, other_agency, administrator):
    from kurzweg.core.models import Office
    from kurzweg.guide.models import Closure

    client = client_for(administrator)
    form = client.get("/admin/guide/closure/add/").content.decode()
    assert Office.objects.get(agency=agency, code="abh").name in form
    foreign = Office.objects.get(agency=other_agency, code="abh")
    assert f'value="{foreign.pk}"' not in form
    response = client.post(
        "/admin/guide/closure/add/",
        {"first_day": "2026-12-24", "last_day": "2026-12-31", "reason": "Betriebsferien", "office": ""},
    )
    assert response.status_code == 302
    assert Closure.objects.get(reason="Betriebsferien").agency == agency
