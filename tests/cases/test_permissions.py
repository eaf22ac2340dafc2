"""The permission matrix of case management, in the style of tests/test_permission_matrix.py:
every role × every page × where the staff member works, with the exact status code, the texts
that must not leak, and the "denied" audit entry of every refused access to a section.

Where the staff member works (as in tests/test_permission_matrix.py):
  own           the Ausländerbehörde (abh), which owns the abh case, the residence status and
                the abh task
  other_office  the Jugendamt: owns the Jugendamt case; no basis for the abh section
  basis         the Jobcenter: a legal basis lets it read the abh section (not write)
  other_agency  the abh of another agency: every object of the first agency is 404
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from kurzweg.cases import services
from kurzweg.cases.models import Case, ResidenceStatus, Task
from kurzweg.core.models import AuditEntry
from tests.conftest import office
from tests.test_permission_matrix import DONE, RELATIONS, ROLES, SIGN_IN, Redirect, cell, client_of, staff_member

pytestmark = pytest.mark.django_db

READ_ROLES = {"caseworker", "specialist", "lead"}  # may_read_section and may_write_section

# Columns (all on the conftest `person`, of the first agency):
#   tl      GET  /persons/<id>/timeline/
#   case+   POST /persons/<id>/cases/new/       (a case of the abh)
#   abhc    GET  /cases/<abh case>/
#   abhc+   POST /cases/<abh case>/             (status → in progress)
#   jugc    GET  /cases/<Jugendamt case>/
#   res     GET  /persons/<id>/residence/
#   res+    POST /persons/<id>/residence/       (a Duldung)
#   mine    GET  /tasks/
#   queue   GET  /tasks/offices/abh/            (the abh of the staff member's own agency)
#   task    GET  /tasks/<abh task of the person>/
#   task+   POST /tasks/<abh task>/done/
#   new     GET  /tasks/new/
# case+ for staff who write in other offices: the form does not offer the abh (200, error, nothing
# made). The timeline and the residence page are 200 for every staff member of the agency: what
# they show is decided entry by entry (see the leak checks).
PAGES = ("tl", "case+", "abhc", "abhc+", "jugc", "res", "res+", "mine", "queue", "task", "task+", "new")
NEW_CASE = Redirect("new-case")
# fmt: off
MATRIX = {
    #                                tl    case+     abhc  abhc+ jugc  res   res+  mine  queue task  task+ new
    ("caseworker", "own"):          (200,  NEW_CASE, 200,  DONE, 403,  200,  DONE, 200,  200,  200,  DONE, 200),
    ("caseworker", "other_office"): (200,  200,      403,  403,  200,  200,  403,  200,  403,  403,  403,  200),
    ("caseworker", "basis"):        (200,  200,      200,  403,  403,  200,  403,  200,  403,  200,  403,  200),
    ("caseworker", "other_agency"): (404,  404,      404,  404,  404,  404,  404,  200,  200,  404,  404,  200),
    ("specialist", "own"):          (200,  NEW_CASE, 200,  DONE, 403,  200,  DONE, 200,  200,  200,  DONE, 200),
    ("specialist", "other_office"): (200,  200,      403,  403,  200,  200,  403,  200,  403,  403,  403,  200),
    ("specialist", "basis"):        (200,  200,      200,  403,  403,  200,  403,  200,  403,  200,  403,  200),
    ("specialist", "other_agency"): (404,  404,      404,  404,  404,  404,  404,  200,  200,  404,  404,  200),
    ("lead", "own"):                (200,  NEW_CASE, 200,  DONE, 403,  200,  DONE, 200,  200,  200,  DONE, 200),
    ("lead", "other_office"):       (200,  200,      403,  403,  200,  200,  403,  200,  403,  403,  403,  200),
    ("lead", "basis"):              (200,  200,      200,  403,  403,  200,  403,  200,  403,  200,  403,  200),
    ("lead", "other_agency"):       (404,  404,      404,  404,  404,  404,  404,  200,  200,  404,  404,  200),
    ("reception", "own"):           (200,  403,      403,  403,  403,  200,  403,  200,  403,  403,  403,  403),
    ("reception", "other_office"):  (200,  403,      403,  403,  403,  200,  403,  200,  403,  403,  403,  403),
    ("reception", "basis"):         (200,  403,      403,  403,  403,  200,  403,  200,  403,  403,  403,  403),
    ("reception", "other_agency"):  (404,  404,      404,  404,  404,  404,  404,  200,  403,  404,  404,  403),
    ("dpo", "own"):                 (200,  403,      403,  403,  403,  200,  403,  200,  403,  403,  403,  403),
    ("dpo", "other_office"):        (200,  403,      403,  403,  403,  200,  403,  200,  403,  403,  403,  403),
    ("dpo", "basis"):               (200,  403,      403,  403,  403,  200,  403,  200,  403,  403,  403,  403),
    ("dpo", "other_agency"):        (404,  404,      404,  404,  404,  404,  404,  200,  403,  404,  404,  403),
    ("admin", "own"):               (200,  403,      403,  403,  403,  200,  403,  200,  403,  403,  403,  403),
    ("admin", "other_office"):      (200,  403,      403,  403,  403,  200,  403,  200,  403,  403,  403,  403),
    ("admin", "basis"):             (200,  403,      403,  403,  403,  200,  403,  200,  403,  403,  403,  403),
    ("admin", "other_agency"):      (404,  404,      404,  404,  404,  404,  404,  200,  403,  404,  404,  403),
    ("anonymous", "any"):           (SIGN_IN,) * 12,
}
# fmt: on

# Refusals that must leave a "denied" audit entry: (section office, reason).
AUDITED_DENIALS = {
    "abhc": ("abh", "no_basis"),
    "abhc+": ("abh", "write_section"),
    "jugc": ("jugendamt", "no_basis"),
    "res+": ("abh", "write_section"),
    "task": ("abh", "no_basis"),
    "task+": ("abh", "write_section"),
}

ABH_CASE_TEXT = "Verlängerung Aufenthalt"
JUG_CASE_TEXT = "Hilfe zur Erziehung"
RESIDENCE_DETAILS = "§ 25 Abs. 2 AufenthG"
ABH_TASK_TEXT = "Pass abholen lassen"


def test_the_table_is_complete():
    keys = {(role, relation) for role in ROLES for relation in RELATIONS} | {("anonymous", "any")}
    assert set(MATRIX) == keys
    assert all(len(row) == len(PAGES) for row in MATRIX.values())


@pytest.fixture
def cast(agency, person, abh_caseworker, jugendamt_caseworker):  # type: ignore[no-untyped-def]
    abh = office(agency, "abh")
    return {
        "abh_case": services.open_case(abh_caseworker, abh, title=ABH_CASE_TEXT, person=person),
        "jug_case": services.open_case(
            jugendamt_caseworker, office(agency, "jugendamt"), title=JUG_CASE_TEXT, person=person
        ),
        "permit": services.record_residence_status(
            abh_caseworker,
            person,
            kind="erlaubnis",
            legal_paragraph=RESIDENCE_DETAILS,
            valid_until=datetime.date(2099, 9, 30),
        ),
        "task": services.create_task(
            abh_caseworker, abh, title=ABH_TASK_TEXT, due_date=datetime.date(2099, 1, 1), person=person
        ),
    }


def _request(client: Client, page: str, person, cast, agency):  # type: ignore[no-untyped-def]
    urls = {
        "tl": reverse("cases:timeline", args=[person.pk]),
        "case+": reverse("cases:case_new", args=[person.pk]),
        "abhc": reverse("cases:case", args=[cast["abh_case"].pk]),
        "abhc+": reverse("cases:case", args=[cast["abh_case"].pk]),
        "jugc": reverse("cases:case", args=[cast["jug_case"].pk]),
        "res": reverse("cases:residence", args=[person.pk]),
        "res+": reverse("cases:residence", args=[person.pk]),
        "mine": reverse("cases:tasks"),
        "queue": reverse("cases:office_tasks", args=["abh"]),
        "task": reverse("cases:task", args=[cast["task"].pk]),
        "task+": reverse("cases:task_done", args=[cast["task"].pk]),
        "new": reverse("cases:task_new"),
    }
    posts = {
        "case+": {"office": office(agency, "abh").pk, "title": "Neuer Fall"},
        "abhc+": {"status": "in_progress", "owner": cast["abh_case"].owner_id},
        "res+": {"kind": "duldung"},
        "task+": {},
    }
    url = urls[page]
    response = client.post(url, posts[page]) if page in posts else client.get(url)
    return url, response, {"abhc+": urls["abhc"], "res+": urls["res"], "task+": urls["task"]}.get(page)


def _assert_status(response, url: str, expected, done_url) -> None:  # type: ignore[no-untyped-def]
    __tracebackhide__ = True
    if expected is SIGN_IN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    elif expected is NEW_CASE:
        case = Case.objects.get(title="Neuer Fall")
        assert response.status_code == 302 and response["Location"] == reverse("cases:case", args=[case.pk])
    elif isinstance(expected, Redirect):
        assert response.status_code == 302, f"{url}: {response.status_code}, expected {expected}"
        assert response["Location"] == done_url
    else:
        assert response.status_code == expected, f"{url}: {response.status_code}, expected {expected}"


@pytest.mark.parametrize(("role", "relation"), [pytest.param(role, rel, id=f"{role}-{rel}") for role, rel in MATRIX])
def test_case_management_pages(role, relation, agency, other_agency, person, cast, subtests):
    user = staff_member(role, relation, agency, other_agency)
    for page, expected in zip(PAGES, MATRIX[(role, relation)], strict=True):
        with cell(subtests, page, expected):
            _check(user, role, relation, page, expected, agency, person, cast)


def _check(user, role, relation, page, expected, agency, person, cast):  # type: ignore[no-untyped-def]
    url, response, done_url = _request(client_of(user), page, person, cast, agency)
    _assert_status(response, url, expected, done_url)
    body = response.content.decode() if response.status_code == 200 else ""
    reads_abh = role in READ_ROLES and relation in ("own", "basis")

    # What a page shows, and nothing more: not in a timeline, a list, a 403 or a 404.
    assert (ABH_CASE_TEXT in body) == (page in ("tl", "abhc") and reads_abh), ABH_CASE_TEXT
    assert (JUG_CASE_TEXT in body) == (page in ("tl", "jugc") and role in READ_ROLES and relation == "other_office"), (
        JUG_CASE_TEXT
    )
    assert (RESIDENCE_DETAILS in body) == (page in ("tl", "res") and reads_abh), RESIDENCE_DETAILS
    shows_task = (page in ("tl", "task") and reads_abh) or (page == "queue" and expected == 200 and relation == "own")
    assert (ABH_TASK_TEXT in body) == shows_task, ABH_TASK_TEXT
    if page in ("tl", "res") and expected == 200:
        assert "30.09.2099" in body, "every staff member sees until when the residence status is valid"

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
    if page == "case+":
        assert Case.objects.filter(title="Neuer Fall").exists() == (expected is NEW_CASE)
    if page == "abhc+":
        cast["abh_case"].refresh_from_db()
        assert (cast["abh_case"].status == "in_progress") == (expected is DONE)
    if page == "res+":
        assert ResidenceStatus.objects.filter(kind="duldung").exists() == (expected is DONE)
    if page == "task+":
        assert (Task.objects.get(pk=cast["task"].pk).status == "done") == (expected is DONE)

    # The timeline offers links only to what opens.
    if page == "tl" and expected == 200:
        row = dict(zip(PAGES, MATRIX[(role, relation)], strict=True))
        assert (f'href="{reverse("cases:case", args=[cast["abh_case"].pk])}"' in body) == (row["abhc"] == 200)
        assert (f'href="{reverse("cases:case", args=[cast["jug_case"].pk])}"' in body) == (row["jugc"] == 200)
        assert (f'href="{reverse("cases:task", args=[cast["task"].pk])}"' in body) == (row["task"] == 200)
        assert (f'href="{reverse("cases:case_new", args=[person.pk])}"' in body) == (role in READ_ROLES)
