"""The permission matrix of the data protection pages, in the shape of tests/test_permission_matrix.py:
every role × where the staff member works × every page, with the exact status code. Only roles
with `may_handle_data_protection` (the dpo) get anywhere; the other agency's dpo finds nothing
of this agency (404); anonymous visitors are sent to sign in."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kurzweg.core.models import AuditEntry
from kurzweg.people.models import Person
from kurzweg.privacy import deletion
from kurzweg.privacy.models import DeletionRequest, RetentionPeriod
from tests.conftest import make_person, make_staff
from tests.test_permission_matrix import (
    ADMIN_LOGIN,
    DONE,
    RELATIONS,
    ROLES,
    SIGN_IN,
    _assert_status,
    _rows,
    cell,
    client_of,
    staff_member,
)

pytestmark = pytest.mark.django_db

# Columns:
#   over    GET  /privacy/
#   page    GET  /privacy/persons/<id>/
#   zip     POST /privacy/persons/<id>/export/           (format zip)
#   html    POST /privacy/persons/<id>/export/           (format html)
#   req     POST /privacy/persons/<id>/deletion/         (a request, confirmed)
#   appr    POST /privacy/deletions/<id>/                (approve a request another dpo made)
#   rper    GET  /admin/privacy/retentionperiod/         (the agency's retention periods)
PAGES = ("over", "page", "zip", "html", "req", "appr", "rper")
_NO = (403, 403, 403, 403, 403, 403, ADMIN_LOGIN)
_DPO = (200, 200, 200, 200, DONE, DONE, ADMIN_LOGIN)
_ADMIN = (403, 403, 403, 403, 403, 403, 200)
_FOREIGN_DPO = (200, 404, 404, 404, 404, 404, ADMIN_LOGIN)
_FOREIGN_ADMIN = (403, 403, 403, 403, 403, 403, 200)
MATRIX = {
    **{(role, relation): _NO for role in ROLES for relation in RELATIONS},
    **{("dpo", relation): _DPO for relation in ("own", "other_office", "basis")},
    **{("admin", relation): _ADMIN for relation in ("own", "other_office", "basis")},
    ("dpo", "other_agency"): _FOREIGN_DPO,
    ("admin", "other_agency"): _FOREIGN_ADMIN,
    ("anonymous", "any"): (SIGN_IN,) * 6 + (ADMIN_LOGIN,),
}


def test_the_table_is_complete():
    keys = {(role, relation) for role in ROLES for relation in RELATIONS} | {("anonymous", "any")}
    assert set(MATRIX) == keys and all(len(row) == len(PAGES) for row in MATRIX.values())


@pytest.fixture
def pending(agency, person) -> DeletionRequest:
    """A request by a dpo who is none of the matrix's staff, so that any dpo may approve it."""
    requester = make_staff(agency, "datenschutz-antrag", ("leitung", "dpo"))
    return deletion.request(requester, person, DeletionRequest.Ground.NOT_NEEDED)


def _request(client, page, person, pending):  # type: ignore[no-untyped-def]
    urls = {
        "over": reverse("privacy:overview"),
        "page": reverse("privacy:person", args=[person.pk]),
        "zip": reverse("privacy:export", args=[person.pk]),
        "html": reverse("privacy:export", args=[person.pk]),
        "req": reverse("privacy:request_deletion", args=[person.pk]),
        "appr": reverse("privacy:decide", args=[pending.pk]),
        "rper": reverse("admin:privacy_retentionperiod_changelist"),
    }
    posts = {
        "zip": {"format": "zip"},
        "html": {"format": "html"},
        "req": {"ground": "not_needed", "confirm": "on"},
        "appr": {"decision": "approve"},
    }
    done = {"req": reverse("privacy:person", args=[person.pk]), "appr": reverse("privacy:overview")}
    url = urls[page]
    response = client.post(url, posts[page]) if page in posts else client.get(url)
    return url, response, done.get(page)


@pytest.mark.parametrize(("role", "relation"), _rows(MATRIX))
def test_privacy_pages(role, relation, agency, other_agency, person, pending, subtests):
    user = staff_member(role, relation, agency, other_agency)
    for page, expected in zip(PAGES, MATRIX[(role, relation)], strict=True):
        with cell(subtests, page, expected):
            if page == "req":  # one open request per person: the pending one would refuse another
                DeletionRequest.objects.filter(pk=pending.pk).update(status="cancelled")
            url, response, done_url = _request(client_of(user), page, person, pending)
            _assert_status(response, url, expected, done_url)
            body = response.content.decode() if page != "zip" else ""
            exported = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT)
            assert exported.exists() == (page in ("zip", "html") and expected == 200)
            if expected in (403, 404) and page != "over":
                assert "Ahmadi" not in body and "AHMADI" not in body
            if page == "appr":
                assert Person.objects.filter(pk=person.pk).exists() == (expected is not DONE)


@pytest.mark.parametrize("role", ROLES)
def test_the_links_to_data_protection_only_for_those_who_may(role, agency, other_agency, person):
    user = staff_member(role, "own", agency, other_agency)
    client = client_of(user)
    may = MATRIX[(role, "own")][0] == 200
    assert (f'href="{reverse("privacy:overview")}"' in client.get(reverse("home")).content.decode()) == may
    file_page = client.get(reverse("people:file", args=[person.pk])).content.decode()
    assert (f'href="{reverse("privacy:person", args=[person.pk])}"' in file_page) == may


def test_the_administrator_sets_a_period_for_their_own_agency_only(agency, other_agency, administrator):
    RetentionPeriod.objects.create(agency=other_agency, kind="guide.feedback", days=99, note="Süd")
    client = client_of(administrator)
    url = reverse("admin:privacy_retentionperiod_add")
    response = client.post(url, {"kind": "guide.feedback", "days": 365, "active": "on", "note": "BITV-Bericht"})
    assert response.status_code == 302
    assert RetentionPeriod.objects.get(agency=agency).days == 365
    listing = client.get(reverse("admin:privacy_retentionperiod_changelist")).content.decode()
    assert "BITV-Bericht" in listing and "Süd" not in listing
    again = client.post(url, {"kind": "guide.feedback", "days": 30, "active": "on"})
    assert again.status_code == 200 and "kind" in again.context["adminform"].form.errors


def test_the_overview_does_not_grow_in_queries_with_the_number_of_requests(agency, dpo, second_dpo):
    def queries() -> int:
        client = client_of(dpo)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("privacy:overview")).status_code == 200
        return len(captured)

    def add(n: int) -> None:
        for i in range(n):
            made = deletion.request(dpo, make_person(agency, family_name=f"Test{i}"), DeletionRequest.Ground.OBJECTION)
            if i % 2:
                deletion.reject(second_dpo, made.pk)

    add(2)
    few = queries()
    add(10)
    assert queries() == few
