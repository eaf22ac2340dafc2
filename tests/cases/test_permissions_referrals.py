"""The permission matrix of referrals, documents and the consent printout, in the style of
tests/test_permission_matrix.py: every role × every page × where the staff member works.

Where the staff member works (as in tests/test_permission_matrix.py):
  own           the Ausländerbehörde (abh): it referred the person to the Jugendamt (passing its
                cases and documents, by an authorised override, without consent) and owns the
                document
  other_office  the Jugendamt: receives the referral; reads the abh documents through it
  basis         the Jobcenter: a legal basis lets it read the abh section; not involved in the
                referral
  other_agency  the abh of another agency: every object of the first agency is 404
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kurzweg.cases import documents, referrals
from kurzweg.cases.models import Document, Referral
from kurzweg.core.models import AuditEntry, Role
from kurzweg.people import services as people_services
from tests.conftest import grant, office
from tests.test_permission_matrix import DONE, RELATIONS, ROLES, SIGN_IN, Redirect, cell, client_of, staff_member

from .conftest import PDF, upload

pytestmark = pytest.mark.django_db

READ_ROLES = {"caseworker", "specialist", "lead"}

# Columns (all on the conftest `person`, of the first agency):
#   refs    GET  /referrals/                         (inbox and outgoing list of one's offices)
#   ref+    GET  /persons/<id>/referrals/new/
#   ref     GET  /referrals/<abh → Jugendamt>/
#   docs    GET  /persons/<id>/documents/
#   dl      GET  /documents/<abh document>/download/
#   up      POST /persons/<id>/documents/            (a PDF for the abh)
#   print   GET  /persons/<id>/consents/<abh → Jobcenter>/print/
#   rev     POST /referrals/<id>/revoke/
#   acc     POST /referrals/<id>/accept/
# up for staff who write in other offices: the form does not offer the abh (200, error, nothing
# stored). refs and docs are 200 for every staff member: what they list is decided row by row.
# print: a consent is shown to the offices it names and to oversight (see the consent matrix).
PAGES = ("refs", "ref+", "ref", "docs", "dl", "up", "print", "rev", "acc")
STORED = Redirect("documents")
# fmt: off
MATRIX = {
    #                                refs  ref+  ref   docs  dl    up      print rev   acc
    ("caseworker", "own"):          (200,  200,  200,  200,  200,  STORED, 200,  DONE, 403),
    ("caseworker", "other_office"): (200,  200,  200,  200,  200,  200,    404,  403,  DONE),
    ("caseworker", "basis"):        (200,  200,  403,  200,  200,  200,    200,  403,  403),
    ("caseworker", "other_agency"): (200,  404,  404,  404,  404,  404,    404,  404,  404),
    ("specialist", "own"):          (200,  200,  200,  200,  200,  STORED, 200,  DONE, 403),
    ("specialist", "other_office"): (200,  200,  200,  200,  200,  200,    404,  403,  DONE),
    ("specialist", "basis"):        (200,  200,  403,  200,  200,  200,    200,  403,  403),
    ("specialist", "other_agency"): (200,  404,  404,  404,  404,  404,    404,  404,  404),
    ("lead", "own"):                (200,  200,  200,  200,  200,  STORED, 200,  DONE, 403),
    ("lead", "other_office"):       (200,  200,  200,  200,  200,  200,    404,  403,  DONE),
    ("lead", "basis"):              (200,  200,  403,  200,  200,  200,    200,  403,  403),
    ("lead", "other_agency"):       (200,  404,  404,  404,  404,  404,    404,  404,  404),
    ("reception", "own"):           (200,  403,  403,  200,  403,  403,    404,  403,  403),
    ("reception", "other_office"):  (200,  403,  403,  200,  403,  403,    404,  403,  403),
    ("reception", "basis"):         (200,  403,  403,  200,  403,  403,    404,  403,  403),
    ("reception", "other_agency"):  (200,  404,  404,  404,  404,  404,    404,  404,  404),
    ("dpo", "own"):                 (200,  403,  403,  200,  403,  403,    200,  403,  403),
    ("dpo", "other_office"):        (200,  403,  403,  200,  403,  403,    200,  403,  403),
    ("dpo", "basis"):               (200,  403,  403,  200,  403,  403,    200,  403,  403),
    ("dpo", "other_agency"):        (200,  404,  404,  404,  404,  404,    404,  404,  404),
    ("admin", "own"):               (200,  403,  403,  200,  403,  403,    404,  403,  403),
    ("admin", "other_office"):      (200,  403,  403,  200,  403,  403,    404,  403,  403),
    ("admin", "basis"):             (200,  403,  403,  200,  403,  403,    404,  403,  403),
    ("admin", "other_agency"):      (200,  404,  404,  404,  404,  404,    404,  404,  404),
    ("anonymous", "any"):           (SIGN_IN,) * 9,
}
# fmt: on

# Refusals that must leave a "denied" audit entry: (section office, reason).
AUDITED_DENIALS = {
    "ref": ("abh", "no_basis"),
    "dl": ("abh", "no_basis"),
    "rev": ("abh", "write_section"),
    "acc": ("abh", "write_section"),
}

REASON = "Hilfeplan abstimmen"
DOC_TITLE = "Reisepass Scan"


def test_the_table_is_complete():
    keys = {(role, relation) for role in ROLES for relation in RELATIONS} | {("anonymous", "any")}
    assert set(MATRIX) == keys
    assert all(len(row) == len(PAGES) for row in MATRIX.values())


@pytest.fixture
def cast(agency, person, abh_caseworker, documents_dir):  # type: ignore[no-untyped-def]
    abh = office(agency, "abh")
    # The referral passes data without consent, by an override only this fixture may make.
    grant("may_override_consent", abh_caseworker)
    referral = referrals.refer(
        abh_caseworker,
        person,
        from_office=abh,
        to_office=office(agency, "jugendamt"),
        reason=REASON,
        parts=["cases", "documents"],
        override_reason="Kindeswohl",
    )
    Role.objects.update(may_override_consent=False)
    abh_caseworker.__dict__.pop("_memberships_cache", None)
    document = documents.upload_document(
        abh_caseworker, person, office=abh, kind="passport", upload=upload("pass.pdf", PDF), title=DOC_TITLE
    )
    consent = people_services.record_consent(
        abh_caseworker, person, section_office=abh, recipient_office=office(agency, "jobcenter"), form="written"
    )
    return {"referral": referral, "document": document, "consent": consent}


def _request(client: Client, page: str, person, cast, agency):  # type: ignore[no-untyped-def]
    referral = cast["referral"]
    urls = {
        "refs": reverse("cases:referrals"),
        "ref+": reverse("cases:referral_new", args=[person.pk]),
        "ref": reverse("cases:referral", args=[referral.pk]),
        "docs": reverse("cases:documents", args=[person.pk]),
        "dl": reverse("cases:document_download", args=[cast["document"].pk]),
        "up": reverse("cases:documents", args=[person.pk]),
        "print": reverse("cases:consent_print", args=[person.pk, cast["consent"].pk]),
        "rev": reverse("cases:referral_revoke", args=[referral.pk]),
        "acc": reverse("cases:referral_accept", args=[referral.pk]),
    }
    posts = {
        "up": {"file": upload("neu.pdf", PDF), "office": office(agency, "abh").pk, "kind": "decision"},
        "rev": {},
        "acc": {},
    }
    url = urls[page]
    response = client.post(url, posts[page]) if page in posts else client.get(url)
    done = {"up": urls["docs"], "rev": urls["ref"], "acc": urls["ref"]}.get(page)
    return url, response, done


def _assert_status(response, url: str, expected, done_url) -> None:  # type: ignore[no-untyped-def]
    __tracebackhide__ = True
    if expected is SIGN_IN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    elif isinstance(expected, Redirect):
        assert response.status_code == 302, f"{url}: {response.status_code}, expected {expected}"
        assert response["Location"] == done_url
    else:
        assert response.status_code == expected, f"{url}: {response.status_code}, expected {expected}"


@pytest.mark.parametrize(("role", "relation"), [pytest.param(role, rel, id=f"{role}-{rel}") for role, rel in MATRIX])
def test_referral_and_document_pages(role, relation, agency, other_agency, person, cast, subtests):
    user = staff_member(role, relation, agency, other_agency)
    for page, expected in zip(PAGES, MATRIX[(role, relation)], strict=True):
        with cell(subtests, page, expected):
            _check(user, role, relation, page, expected, agency, person, cast)


def _check(user, role, relation, page, expected, agency, person, cast):  # type: ignore[no-untyped-def]
    url, response, done_url = _request(client_of(user), page, person, cast, agency)
    _assert_status(response, url, expected, done_url)
    body = response.content.decode() if response.status_code == 200 and page != "dl" else ""
    involved = role in READ_ROLES and relation in ("own", "other_office")

    # What a page shows, and nothing more.
    assert (REASON in body) == (page == "ref" and expected == 200), REASON
    # The document list (also under a refused upload's form), and the receiving office's view of
    # the referral (it passes the documents).
    reads_docs = role in READ_ROLES and relation in ("own", "other_office", "basis")
    shows_doc = (page in ("docs", "up") and expected == 200 and reads_docs) or (
        page == "ref" and expected == 200 and relation == "other_office"
    )
    assert (DOC_TITLE in body) == shows_doc, DOC_TITLE
    if page == "refs" and expected == 200:
        listed = {r.pk for r in response.context["incoming"]} | {r.pk for r in response.context["outgoing"]}
        assert (cast["referral"].pk in listed) == involved
    if page == "dl" and expected == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["X-Content-Type-Options"] == "nosniff"
        read = AuditEntry.objects.get(actor=user, action="read_section", object_type="document")
        reason = {"own": "own_office", "other_office": f"referral:{cast['referral'].pk}"}.get(relation, "law:")
        assert read.reason.startswith(reason)

    # Every refused access to a section leaves one "denied" entry; nothing else does.
    if user is not None:
        denied = AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.DENIED)
        if expected == 403 and page in AUDITED_DENIALS:
            entry = denied.get()
            section, reason = AUDITED_DENIALS[page]
            assert (entry.section_office, entry.reason) == (office(agency, section), reason)
            assert entry.person_id == person.pk
        else:
            assert not denied.exists()
        if expected == 404:
            assert not AuditEntry.objects.filter(actor=user, person_id=person.pk).exists()

    # What the POSTs did, or did not do.
    if page == "up":
        assert Document.objects.filter(kind="decision").exists() == (expected is STORED)
        if expected == 200:
            assert "office" in response.context["form"].errors
    if page in ("rev", "acc"):
        status = Referral.objects.get(pk=cast["referral"].pk).status
        changed = {"rev": "revoked", "acc": "accepted"}[page]
        assert (status == changed) == (expected is DONE)
