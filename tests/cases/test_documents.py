"""Documents: PDF, JPEG and PNG only, told from the content; a size limit; the virus scanner
(a fake clamd speaking the real INSTREAM protocol) refuses EICAR; random names outside the web
root; downloads only through the permission-checked, audited view."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from kurzweg.cases import documents, storage
from kurzweg.cases.access import accesses_for
from kurzweg.cases.models import Document
from kurzweg.cases.scanner import Clamd, ScannerError, configured_scanner
from kurzweg.cases.timeline import timeline
from kurzweg.core.models import AuditEntry
from tests.conftest import client_for, office

from .conftest import EICAR, JPEG, PDF, PNG, upload
from .fake_clamd import FakeClamd

pytestmark = pytest.mark.django_db


@pytest.fixture
def clamd(settings):  # type: ignore[no-untyped-def]
    server = FakeClamd()
    settings.CLAMD_HOST = "127.0.0.1"
    settings.CLAMD_PORT = server.port
    settings.CLAMD_SOCKET = ""
    yield server
    server.close()


def _upload(user, person, name, content, kind="passport", **extra):  # type: ignore[no-untyped-def]
    return documents.upload_document(
        user, person, office=office(person.agency, "abh"), kind=kind, upload=upload(name, content), **extra
    )


def _files(directory) -> list:  # type: ignore[no-untyped-def]
    return [p for p in directory.rglob("*") if p.is_file()] if directory.exists() else []


def test_a_pdf_is_stored_under_a_random_name_and_downloaded_through_the_audited_view(
    documents_dir, person, abh_caseworker
):
    client = client_for(abh_caseworker)
    response = client.post(
        reverse("cases:documents", args=[person.pk]),
        {
            "file": upload("Reisepass Ahmadi.pdf", PDF),
            "office": office(person.agency, "abh").pk,
            "kind": "passport",
            "title": "Reisepass",
            "valid_until": "2030-01-31",
        },
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.content_type, document.size, document.original_name) == (
        "application/pdf",
        len(PDF),
        "Reisepass Ahmadi.pdf",
    )
    [stored] = _files(documents_dir)
    assert stored.read_bytes() == PDF
    assert "Ahmadi" not in str(stored) and "Reisepass" not in str(stored)
    assert stored.stat().st_mode & 0o077 == 0  # readable by the application only
    assert AuditEntry.objects.filter(action="create", object_type="document", object_id=str(document.pk)).exists()

    download = client.get(reverse("cases:document_download", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    read = AuditEntry.objects.filter(action="read_section", object_type="document").get()
    assert (read.actor, read.section_office, read.reason) == (
        abh_caseworker,
        office(person.agency, "abh"),
        "own_office",
    )


def test_the_type_comes_from_the_content_not_the_name_or_the_browser(documents_dir, person, abh_caseworker):
    # A program named like a PDF, announced by the browser as a PDF: refused.
    with pytest.raises(documents.UploadRefused):
        _upload(abh_caseworker, person, "zeugnis.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100)
    with pytest.raises(documents.UploadRefused):
        _upload(abh_caseworker, person, "bescheid.pdf", b"<html><script>alert(1)</script></html>")
    assert not Document.objects.exists() and not _files(documents_dir)
    # A PNG named .pdf is stored as what it is, and offered with the name that fits.
    png = _upload(abh_caseworker, person, "scan.pdf", PNG)
    jpeg = _upload(abh_caseworker, person, "foto.png", JPEG)
    assert (png.content_type, png.original_name) == ("image/png", "scan.png")
    assert (jpeg.content_type, jpeg.original_name) == ("image/jpeg", "foto.jpg")


def test_an_oversized_file_is_refused(documents_dir, settings, person, abh_caseworker):
    assert storage.max_bytes() == 10 * 1024 * 1024  # the default
    settings.KURZWEG_DOCUMENT_MAX_BYTES = 1000
    with pytest.raises(documents.UploadRefused), translation.override("en"):
        _upload(abh_caseworker, person, "gross.pdf", PDF + b"0" * 1000)
    assert not Document.objects.exists() and not _files(documents_dir)
    _upload(abh_caseworker, person, "klein.pdf", PDF)
    assert Document.objects.count() == 1


def test_path_traversal_names_are_harmless(documents_dir, tmp_path, person, abh_caseworker):
    for name in ("../../../etc/passwd.pdf", "..\\..\\windows\\system.ini.pdf", "/etc/shadow", "\x00.pdf"):
        document = _upload(abh_caseworker, person, name, PDF)
        assert "/" not in document.original_name and "\\" not in document.original_name
        assert not document.original_name.startswith(".")
    stored = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(stored) == 4
    assert all(documents_dir in p.parents for p in stored)
    assert {d.original_name for d in Document.objects.all()} >= {"passwd.pdf", "system.ini.pdf", "shadow.pdf"}
    with pytest.raises(ValueError):
        storage.path_of("../../etc/passwd")
    # Through the web form, too: the file lands in the documents directory under a random name.
    client = client_for(abh_caseworker)
    response = client.post(
        reverse("cases:documents", args=[person.pk]),
        {"file": upload("../../../../tmp/evil.pdf", PDF), "office": office(person.agency, "abh").pk, "kind": "other"},
    )
    assert response.status_code == 302
    assert Document.objects.latest("pk").original_name == "evil.pdf"
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 5


def test_eicar_is_refused_when_a_scanner_is_configured(documents_dir, clamd, person, abh_caseworker):
    pdf_with_eicar = PDF + EICAR
    client = client_for(abh_caseworker)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("cases:documents", args=[person.pk]),
        {"file": upload("rechnung.pdf", pdf_with_eicar), "office": office(person.agency, "abh").pk, "kind": "other"},
    )
    assert response.status_code == 200
    assert "Win.Test.EICAR_HDB-1" in response.content.decode()
    assert not Document.objects.exists() and not _files(documents_dir)
    assert clamd.commands == [b"zINSTREAM\0"] and clamd.received == [pdf_with_eicar]
    # A clean file passes the scanner and is stored.
    _upload(abh_caseworker, person, "sauber.pdf", PDF)
    assert Document.objects.count() == 1 and clamd.received[-1] == PDF


def test_the_scanner_over_a_unix_socket(documents_dir, settings, tmp_path, person, abh_caseworker):
    path = str(tmp_path / "clamd.sock")
    server = FakeClamd(unix_path=path)
    try:
        settings.CLAMD_HOST, settings.CLAMD_SOCKET = "", path
        assert configured_scanner() == Clamd(unix_socket=path)
        with pytest.raises(documents.UploadRefused, match="EICAR"), translation.override("en"):
            _upload(abh_caseworker, person, "x.pdf", PDF + EICAR)
        assert server.received == [PDF + EICAR]
    finally:
        server.close()


def test_an_unreachable_scanner_refuses_the_upload(documents_dir, settings, person, abh_caseworker):
    settings.CLAMD_HOST, settings.CLAMD_PORT = "127.0.0.1", 1  # nothing listens there
    with pytest.raises(ScannerError):
        configured_scanner().scan([PDF])  # type: ignore[union-attr]
    with pytest.raises(documents.UploadRefused, match="could not check"), translation.override("en"):
        _upload(abh_caseworker, person, "x.pdf", PDF)
    assert not Document.objects.exists() and not _files(documents_dir)


def test_no_scanner_configured(documents_dir):
    assert configured_scanner() is None


def test_a_document_is_part_of_its_offices_section(
    documents_dir, person, abh_caseworker, jobcenter_caseworker, jugendamt_caseworker, outsider
):
    document = _upload(abh_caseworker, person, "pass.pdf", PDF, title="Reisepass")
    url = reverse("cases:document_download", args=[document.pk])
    # The Jobcenter reads the abh section by law; the Jugendamt does not.
    assert client_for(jobcenter_caseworker).get(url).status_code == 200
    assert client_for(jugendamt_caseworker).get(url).status_code == 403
    denied = AuditEntry.objects.get(actor=jugendamt_caseworker, action="denied")
    assert (denied.section_office, denied.reason) == (office(person.agency, "abh"), "no_basis")
    assert client_for(outsider).get(url).status_code == 404
    # The Jugendamt cannot upload into the abh section.
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        _upload(jugendamt_caseworker, person, "x.pdf", PDF)
    # The list and the timeline show it only where it may be read.
    page = client_for(jugendamt_caseworker).get(reverse("cases:documents", args=[person.pk])).content.decode()
    assert "Reisepass" not in page
    page = client_for(jobcenter_caseworker).get(reverse("cases:documents", args=[person.pk])).content.decode()
    assert "Reisepass" in page
    with translation.override("en"):
        entries = timeline(jobcenter_caseworker, person).entries
    assert [e.title for e in entries if e.kind == "document"] == ["Document: Reisepass"]
    assert not [e for e in timeline(jugendamt_caseworker, person).entries if e.kind == "document"]
    assert accesses_for(jugendamt_caseworker, person)[office(person.agency, "abh").pk].granted is False
