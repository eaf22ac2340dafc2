"""The subject access export (Art. 15 GDPR): everything stored about the person, from every app,
with who read or changed it; a readable German document and a JSON file in one ZIP with the
documents; made only by data protection, by POST, and audited."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.urls import reverse

from kurzweg.core.models import AuditEntry
from kurzweg.people.models import Person, SectionEntry
from kurzweg.privacy import export, registry
from kurzweg.privacy.models import DeletionRequest
from tests.conftest import client_for, office

from .conftest import PDF

pytestmark = pytest.mark.django_db


def _download(user, person):  # type: ignore[no-untyped-def]
    response = client_for(user).post(reverse("privacy:export", args=[person.pk]), {"format": "zip"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return response, zipfile.ZipFile(io.BytesIO(response.content))


def test_the_zip_holds_the_document_the_json_and_the_files(full_file, dpo):
    response, archive = _download(dpo, full_file.person)
    names = set(archive.namelist())
    assert {"auskunft.html", "auskunft.json"} <= names
    [document_name] = [n for n in names if n.startswith("dokumente/")]
    assert archive.read(document_name) == PDF
    # The download's name carries no name of the person.
    disposition = response["Content-Disposition"]
    assert "Ahmadi" not in disposition and "ahmadi" not in disposition.lower()
    assert str(full_file.person.pk)[:8] in disposition


def test_the_json_has_every_kind_of_record(full_file, dpo):
    _response, archive = _download(dpo, full_file.person)
    data = json.loads(archive.read("auskunft.json"))
    assert data["format"] == export.FORMAT
    assert data["person_id"] == str(full_file.person.pk)
    assert set(data["record_ids"]) == {str(full_file.person.pk), str(full_file.merged.pk)}
    sections = data["sections"]
    text = json.dumps(sections, ensure_ascii=False)
    # Master data of both records (the merged one is the same person), spellings, identifiers.
    names = {(r["given_names"], r["family_name"]) for r in sections["person"]["records"]}
    assert names == {("Mohammad", "Ahmadi"), ("Muhammad", "Ahmady")}
    for expected in (
        "m.ahmadi@example.org", "Achmadi", "AZR-0042-7731", "AFG",
        # every office's section, special categories included
        "Fiktionsbescheinigung ausgestellt", "Verfolgung wegen politischer Betätigung", "Hilfeplangespräch",
        # cases (the household's too), residence, tasks, referrals, documents
        "Verlängerung Aufenthalt", "Familienhilfe", "§ 25 Abs. 2 AufenthG", "Passkopie anfordern",
        "Beratung zur Familienhilfe", "reisepass.pdf",
        # the service point: visit, hand-over note, appointment
        "B-007", "Bitte Passkopie prüfen",
    ):  # fmt: skip
        assert expected in text, expected
    assert len(sections["consents"]["records"]) == 1
    assert len(sections["appointments"]["records"]) == 1
    assert sections["household"]["records"] == [
        {"household": str(full_file.person.household_id), "relation": "Haushaltsvorstand", "other_members": 1}
    ]
    # Other people's data are not part of it: the spouse's name, the walk-in's first name.
    assert "Rahimi" not in text and "Fatima" not in text and "Olena" not in text


def test_the_access_log_says_who_read_what_including_this_export(full_file, dpo, abh_caseworker):
    _response, archive = _download(dpo, full_file.person)
    log = json.loads(archive.read("auskunft.json"))["access_log"]
    read = [e for e in log if e["action"] == "read_section"]
    assert [(e["who"], e["section"], e["why"]) for e in read] == [("Anna Berger", "Ausländerbehörde", "eigenes Amt")]
    assert any(e["action"] == "export" and e["section"] == "" for e in log)


def test_the_document_is_german_and_readable(full_file, dpo):
    _response, archive = _download(dpo, full_file.person)
    html = archive.read("auskunft.html").decode()
    assert '<html lang="de">' in html
    assert "Art. 15 DSGVO" in html
    assert "AHMADI, Mohammad" in html
    assert "Fiktionsbescheinigung ausgestellt" in html
    assert "Anna Berger" in html  # who read it
    # Dates German-style, not as stored.
    assert full_file.document.valid_until.strftime("%d.%m.%Y") in html
    assert full_file.document.valid_until.isoformat() not in html


def test_the_export_is_audited_for_the_person_and_each_office_whose_section_it_holds(full_file, dpo, agency):
    _download(dpo, full_file.person)
    entries = AuditEntry.objects.filter(actor=dpo, action=AuditEntry.Action.EXPORT, person_id=full_file.person.pk)
    offices = {e.section_office.code if e.section_office else None for e in entries}
    assert offices == {None, "abh", "jugendamt"}
    # An office lead of the abh sees it in the file's access log (section of their own office).
    assert entries.filter(section_office=office(agency, "abh")).get().reason == "subject_access"


def test_the_printable_document_is_shown_by_post_and_never_by_get(full_file, dpo):
    url = reverse("privacy:export", args=[full_file.person.pk])
    client = client_for(dpo)
    assert client.get(url).status_code == 405
    response = client.post(url, {"format": "html"})
    assert response.status_code == 200
    assert "Hilfeplangespräch" in response.content.decode()


def test_a_missing_file_is_named_in_the_zip(full_file, dpo, documents_dir):
    from kurzweg.cases import storage

    storage.remove(full_file.document.storage_name)
    _response, archive = _download(dpo, full_file.person)
    [name] = [n for n in archive.namelist() if n.startswith("dokumente/")]
    assert name.endswith(".fehlt.txt")


def test_every_model_naming_a_person_is_claimed_by_an_apps_contribution():
    """A new app that keeps rows naming a person must say how they are exported and deleted
    (its privacy.py); otherwise an Art. 15 answer would silently miss them."""
    claimed = {m for c in registry.contributions() for m in c.models}
    naming = {
        model
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Person
    }
    assert naming - claimed - {DeletionRequest} == set()


def test_the_document_escapes_what_staff_typed(full_file, dpo, abh_caseworker, agency):
    SectionEntry.objects.create(
        agency=agency, person=full_file.person, office=office(agency, "abh"), title="<script>alert(1)</script>",
        text="Zeile 1\nZeile <b>2</b>", created_by=abh_caseworker,
    )  # fmt: skip
    _response, archive = _download(dpo, full_file.person)
    html = archive.read("auskunft.html").decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Zeile 1<br>Zeile &lt;b&gt;2&lt;/b&gt;" in html
