"""Retention: what has passed its period (the agency's own, or the rule's default) is deleted or
anonymised by the daily job, which reports what it did; younger records, other agencies'
records and kinds switched off stay. Time is fixed: the job is given `now`."""

from __future__ import annotations

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from kurzweg.cases.models import Case, Document, Referral, Task
from kurzweg.core import audit
from kurzweg.core.models import AuditEntry
from kurzweg.guide.models import Feedback
from kurzweg.people.models import Consent
from kurzweg.privacy import registry, retention
from kurzweg.privacy.models import RetentionPeriod, RetentionRun
from kurzweg.servicepoint.models import Appointment, Visit

from .conftest import NOW

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _age(model, pk, **fields) -> None:  # type: ignore[no-untyped-def]
    model.objects.filter(pk=pk).update(**fields)


def _lines(run: RetentionRun) -> dict[str, int]:
    return {line["kind"]: line["count"] for line in run.lines}


def test_each_kind_goes_after_its_default_period_and_not_a_day_before(full_file, agency, documents_dir):
    f = full_file
    # Just past the default period ...
    _age(Case, f.case.pk, status="closed", close_reason="decided", closed_at=NOW - 3651 * DAY)
    _age(Referral, f.referral.pk, status="done", changed_at=NOW - (3 * 365 + 1) * DAY)
    _age(Consent, f.consent.pk, withdrawn_at=NOW - (3 * 365 + 1) * DAY)
    _age(Document, f.document.pk, valid_until=(NOW - 366 * DAY).date())
    _age(Visit, f.walk_in.pk, day=(NOW - 31 * DAY).date())
    _age(Appointment, f.appointment.pk, starts_at=NOW - 31 * DAY)
    # ... and just inside it.
    _age(Case, f.household_case.pk, status="closed", close_reason="decided", closed_at=NOW - 3649 * DAY)
    _age(Visit, f.visit.pk, day=(NOW - 29 * DAY).date())

    run = retention.run(agency, now=NOW)

    assert not Case.objects.filter(pk=f.case.pk).exists()
    assert not Task.objects.filter(pk=f.task.pk).exists(), "the closed case's task goes with it"
    assert Case.objects.filter(pk=f.household_case.pk).exists()
    assert not Referral.objects.filter(pk=f.referral.pk).exists()
    assert not Consent.objects.filter(pk=f.consent.pk).exists()
    assert not Document.objects.filter(pk=f.document.pk).exists()
    walk_in = Visit.objects.get(pk=f.walk_in.pk)
    assert walk_in.first_name == ""
    appointment = Appointment.objects.get(pk=f.appointment.pk)
    assert (appointment.name, appointment.email, appointment.person_id) == ("", "", None)
    visit = Visit.objects.get(pk=f.visit.pk)
    assert visit.person_id == f.person.pk, "a visit of a registered person keeps its link for three years"
    counts = _lines(run)
    assert counts["cases.closed_case"] == 1 and counts["cases.ended_referral"] == 1
    assert counts["servicepoint.walk_in"] == 1 and counts["servicepoint.appointment"] == 1
    assert counts["servicepoint.registered_visit"] == 0
    assert set(counts) == {r.kind for r in registry.rules()}


def test_a_dry_run_counts_and_changes_nothing(full_file, agency):
    _age(Visit, full_file.walk_in.pk, day=(NOW - 40 * DAY).date())
    run = retention.run(agency, now=NOW, dry_run=True)
    assert _lines(run)["servicepoint.walk_in"] == 1
    assert Visit.objects.get(pk=full_file.walk_in.pk).first_name == "Olena"
    assert run.dry_run and not AuditEntry.objects.filter(reason__startswith="retention:").exists()


def test_the_agencys_own_period_and_switching_a_kind_off(full_file, agency):
    _age(Visit, full_file.walk_in.pk, day=(NOW - 10 * DAY).date())
    RetentionPeriod.objects.create(agency=agency, kind="servicepoint.walk_in", days=7)
    RetentionPeriod.objects.create(agency=agency, kind="servicepoint.appointment", days=1, active=False)
    _age(Appointment, full_file.appointment.pk, starts_at=NOW - 400 * DAY)

    run = retention.run(agency, now=NOW)

    assert Visit.objects.get(pk=full_file.walk_in.pk).first_name == ""
    assert Appointment.objects.get(pk=full_file.appointment.pk).name == "Mohammad Ahmadi"
    assert "servicepoint.appointment" not in _lines(run)
    line = next(line for line in run.lines if line["kind"] == "servicepoint.walk_in")
    assert line["days"] == 7 and line["action"] == "anonymised"


def test_other_agencies_are_untouched(full_file, agency, other_agency, other_person):
    Feedback.objects.create(agency=other_agency, language="de", message="Kontrast zu schwach")
    Feedback.objects.create(agency=agency, language="de", message="Schrift zu klein", contact="a@example.org")
    Feedback.objects.update(received_at=NOW - 800 * DAY)
    retention.run(agency, now=NOW)
    assert list(Feedback.objects.values_list("agency", flat=True)) == [other_agency.pk]


def test_old_audit_entries_are_deleted_and_the_deletion_itself_is_audited(agency, abh_caseworker, person):
    # Entries cannot be changed (a trigger refuses UPDATE): the old one is written in the past.
    with mock.patch("django.utils.timezone.now", return_value=NOW - 731 * DAY), transaction.atomic():
        very_old = audit.record(abh_caseworker, AuditEntry.Action.OPEN_FILE, person_id=person.pk)
    with mock.patch("django.utils.timezone.now", return_value=NOW - 729 * DAY), transaction.atomic():
        old = audit.record(abh_caseworker, AuditEntry.Action.OPEN_FILE, person_id=person.pk)

    run = retention.run(agency, now=NOW)

    assert not AuditEntry.objects.filter(pk=very_old.pk).exists()
    assert AuditEntry.objects.filter(pk=old.pk).exists()
    assert _lines(run)["core.audit_entry"] == 1
    entry = AuditEntry.objects.get(reason="retention:core.audit_entry:1")
    assert entry.actor is None and entry.action == AuditEntry.Action.DELETE


def test_the_command_reports_what_it_did_and_stores_the_report(full_file, agency):
    _age(Visit, full_file.walk_in.pk, day=(NOW - 40 * DAY).date())
    out = StringIO()
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        call_command("apply_retention", "--dry-run", "--agency", "nord", stdout=out)
        assert "nord: servicepoint.walk_in: would anonymise 1 (older than 30 days)" in out.getvalue()
        assert Visit.objects.get(pk=full_file.walk_in.pk).first_name == "Olena"
        call_command("apply_retention", stdout=out)
    assert "nord: servicepoint.walk_in: anonymised 1 (older than 30 days)" in out.getvalue()
    assert Visit.objects.get(pk=full_file.walk_in.pk).first_name == ""
    assert RetentionRun.objects.filter(agency=agency).count() == 2
    with pytest.raises(CommandError):
        call_command("apply_retention", "--agency", "nirgendwo")


def test_a_failing_rule_is_reported_and_the_others_still_run(full_file, agency, monkeypatch):
    def broken(agency_id, cutoff, dry_run):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    rule = registry.rule("guide.feedback")
    assert rule is not None
    monkeypatch.setitem(registry._RULES, "guide.feedback", registry.RetentionRule(**{**rule.__dict__, "apply": broken}))
    _age(Visit, full_file.walk_in.pk, day=(NOW - 40 * DAY).date())
    run = retention.run(agency, now=NOW)
    failed = next(line for line in run.lines if line["kind"] == "guide.feedback")
    assert failed["error"] == "RuntimeError"
    assert Visit.objects.get(pk=full_file.walk_in.pk).first_name == ""
    with mock.patch("django.utils.timezone.now", return_value=NOW), pytest.raises(CommandError):
        call_command("apply_retention", stdout=StringIO(), stderr=StringIO())
