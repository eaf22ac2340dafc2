"""Two approvers press "approve" on the same request at the same moment, and an approval races a
withdrawal: one wins, the other is told the request is decided, and the person is deleted once.
PostgreSQL only (row locks); SQLite serialises every writer."""

from __future__ import annotations

import pytest
from django.db import connection

from kurzweg.core.models import AuditEntry
from kurzweg.people.models import Person
from kurzweg.privacy import deletion
from kurzweg.privacy.models import DeletionRequest
from tests.conftest import make_staff
from tests.servicepoint.test_concurrency import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def _try(action):  # type: ignore[no-untyped-def]
    def run(args):  # type: ignore[no-untyped-def]
        user, request_id = args
        try:
            return action(user, request_id).status
        except deletion.DeletionRefused:
            return "refused"

    return run


def test_two_approvers_at_once_delete_once(agency, person, dpo, second_dpo):
    third = make_staff(agency, "datenschutz-3", ("leitung", "dpo"))
    made = deletion.request(dpo, person, DeletionRequest.Ground.NOT_NEEDED)
    results = at_once(_try(deletion.approve), [(second_dpo, made.pk), (third, made.pk)])
    assert sorted(results) == ["done", "refused"]
    assert not Person.objects.filter(pk=person.pk).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.DELETE, person_id=person.pk).count() == 1


def test_an_approval_racing_a_withdrawal(agency, person, dpo, second_dpo):
    made = deletion.request(dpo, person, DeletionRequest.Ground.NOT_NEEDED)

    def act(args):  # type: ignore[no-untyped-def]
        user, request_id = args
        action = deletion.cancel if user == dpo else deletion.approve
        try:
            return action(user, request_id).status
        except deletion.DeletionRefused:
            return "refused"

    results = at_once(act, [(dpo, made.pk), (second_dpo, made.pk)])
    final = DeletionRequest.objects.get(pk=made.pk).status
    assert "refused" in results and final in results
    assert Person.objects.filter(pk=person.pk).exists() == (final == "cancelled")
