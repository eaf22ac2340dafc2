"""Data protection in the browser: the officer exports everything about a person (the printable
German document and the ZIP) and requests their deletion; the deputy approves it — in German and
in English, with axe-core on every page."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.urls import reverse

from kurzweg.people.models import Person
from kurzweg.privacy.models import DeletionRequest
from tests.conftest import make_staff

from .conftest import arrived, assert_no_axe_violations, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_export_then_delete_with_four_eyes(page, sign_in, agency, person, dpo):
    deputy = make_staff(agency, "datenschutz-vertretung", ("leitung", "dpo"), first_name="Dora", last_name="Vogt")
    privacy_url = reverse("privacy:person", args=[person.pk])

    # The officer opens "Datenschutz" from the person's file.
    sign_in(dpo)
    visit(page, reverse("people:file", args=[person.pk]))
    page.locator(f"main a[href='{privacy_url}']").click()
    arrived(page, privacy_url)
    assert page.get_attribute("html", "lang") == "de"

    # The ZIP: the document, the JSON and nothing with a name in the file name.
    with page.expect_download() as info:
        page.locator("button[name=format][value=zip]").click()
    download = info.value
    assert "Ahmadi" not in download.suggested_filename
    with open(download.path(), "rb") as stream:
        archive = zipfile.ZipFile(io.BytesIO(stream.read()))
    data = json.loads(archive.read("auskunft.json"))
    assert "Fiktionsbescheinigung ausgestellt" in json.dumps(data, ensure_ascii=False)

    # The printable document, German, with the sections and who read the file.
    with page.expect_navigation():
        page.locator("button[name=format][value=html]").click()
    assert_no_axe_violations(page)
    assert page.get_attribute("html", "lang") == "de"
    assert page.locator("h1").inner_text().startswith("Auskunft")
    assert "Hilfeplangespräch" in page.locator("main").inner_text()

    # The deletion request, with its ground and the confirmation.
    visit(page, privacy_url)
    page.get_by_label("Grund der Löschung").select_option("not_needed")
    page.get_by_label("Hinweis für die Freigabe").fill("Kein Verfahren mehr offen; keine Aufbewahrungspflicht.")
    page.get_by_label("Ich habe geprüft", exact=False).check()
    page.get_by_role("button", name="Löschung beantragen").click()
    arrived(page, privacy_url)
    assert page.get_by_role("button", name="Antrag zurückziehen").is_visible()
    assert page.get_by_role("button", name="Freigeben und löschen").count() == 0, "four eyes: not the requester"

    # The deputy approves, in English.
    sign_in(deputy)
    visit(page, reverse("privacy:overview"))
    with page.expect_navigation():
        page.locator("header button[name=language][value=en]").click()
    assert_no_axe_violations(page)
    assert page.get_attribute("html", "lang") == "en"
    row = page.locator("main table tbody tr").filter(has_text="AHMADI, Mohammad")
    row.get_by_role("button", name="Approve and delete").click()
    arrived(page, reverse("privacy:overview"))
    assert "The person's data have been deleted." in page.locator("main").inner_text()
    assert not Person.objects.filter(pk=person.pk).exists()
    decided = page.locator("main table").filter(has_text=str(person.pk))
    assert decided.count() == 1 and "AHMADI" not in decided.inner_text()
    assert DeletionRequest.objects.get().decided_by == deputy
