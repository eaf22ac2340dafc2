"""Loading and measuring (called by __main__ once Django is set up)."""

from __future__ import annotations

import argparse
import datetime
import statistics
import time
from typing import Any
from unittest import mock

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def run(args: argparse.Namespace) -> dict[str, Any]:
    from kurzweg.cases import storage
    from kurzweg.cases.models import Case, CaseEvent, Document
    from kurzweg.core.models import AuditEntry, Membership, Office, Role, User
    from kurzweg.core.setup import create_agency
    from kurzweg.people.models import Person, SectionEntry
    from kurzweg.privacy import export, retention
    from kurzweg.servicepoint.models import Visit
    from kurzweg.servicepoint.setup import create_service_point

    from .__main__ import log

    call_command("migrate", verbosity=0, interactive=False)
    now = timezone.now()
    old = now - datetime.timedelta(days=4000)
    agency = create_agency("bench", "Migrationsagentur Bench")
    abh = Office.objects.get(agency=agency, code="abh")
    staff = User.objects.create_user("abh", agency=agency)
    Membership.objects.create(user=staff, office=abh, role=Role.objects.get(agency=agency, code="lead"))
    dpo = User.objects.create_user("dsb", agency=agency)
    Membership.objects.create(
        user=dpo,
        office=Office.objects.get(agency=agency, code="leitung"),
        role=Role.objects.get(agency=agency, code="dpo"),
    )
    point = create_service_point(agency, "Haus", ticket_prefix="B")

    log("the busy person")
    person = Person.objects.create(agency=agency, given_names="Mohammad", family_name="Ahmadi", birth_year=1995)
    SectionEntry.objects.bulk_create(
        SectionEntry(agency=agency, person=person, office=abh, title=f"Vermerk {i}", text="x" * 400, created_by=staff)
        for i in range(200)
    )
    cases = Case.objects.bulk_create(
        Case(agency=agency, office=abh, legal_area="aufenthg", person=person, title=f"Fall {i}", opened_by=staff)
        for i in range(30)
    )
    CaseEvent.objects.bulk_create(CaseEvent(case=c, kind="opened", actor=staff, to_status="open") for c in cases)
    for i in range(10):
        name, digest = storage.store(iter([b"%PDF-1.4\n" + b"0" * 200_000]))
        Document.objects.create(
            agency=agency, person=person, office=abh, kind="certificate", content_type=storage.PDF, size=200_009,
            sha256=digest, storage_name=name, original_name=f"zeugnis-{i}.pdf", uploaded_by=staff,
        )  # fmt: skip
    AuditEntry.objects.bulk_create(
        AuditEntry(agency=agency, actor=staff, action="read_section", person_id=person.pk, section_office=abh,
                   acting_office=abh, reason="own_office")
        for _ in range(args.person_audit)
    )  # fmt: skip

    log(f"the backlog: {args.visits} walk-in visits, {args.audit} audit entries, {args.cases} closed cases")
    # The old closed cases belong to other persons: the busy person's export stays realistic.
    others = Person.objects.bulk_create(
        Person(agency=agency, given_names="Alt", family_name=f"Fall {i}", birth_year=1980) for i in range(1000)
    )
    batch = 10_000
    for start in range(0, args.visits, batch):
        Visit.objects.bulk_create(
            Visit(agency=agency, service_point=point, day=(old + datetime.timedelta(days=n // 500)).date(),
                  number=n % 500 + 1, prefix="B", first_name="Olena", priority_at=old, issued_at=old, status="done")
            for n in range(start, min(start + batch, args.visits))
        )  # fmt: skip
    with mock.patch("django.utils.timezone.now", return_value=old):
        for start in range(0, args.audit, batch):
            AuditEntry.objects.bulk_create(
                AuditEntry(agency=agency, actor=staff, action="open_file", person_id=person.pk)
                for _ in range(min(batch, args.audit - start))
            )
    for start in range(0, args.cases, batch):
        made = Case.objects.bulk_create(
            Case(agency=agency, office=abh, legal_area="aufenthg", person=others[n % len(others)], title="alt",
                 opened_by=staff, status="closed", close_reason="decided", opened_at=old, closed_at=old)
            for n in range(start, min(start + batch, args.cases))
        )  # fmt: skip
        CaseEvent.objects.bulk_create(CaseEvent(case=c, kind="closed", actor=staff, to_status="closed") for c in made)

    log("export")
    times, size = [], 0
    for _ in range(args.exports):
        started = time.perf_counter()
        made_export = export.build(dpo, person)
        size = len(export.zip_bytes(made_export))
        times.append(time.perf_counter() - started)
    log("retention, dry run")
    started = time.perf_counter()
    dry = retention.run(agency, dry_run=True)
    dry_seconds = time.perf_counter() - started
    log("retention")
    started = time.perf_counter()
    real = retention.run(agency)
    real_seconds = time.perf_counter() - started
    counts = {line["kind"]: line["count"] for line in real.lines if line["count"]}
    with transaction.atomic():
        remaining = Visit.objects.exclude(first_name="").count()
    from django.db import connection

    return {
        "database": connection.vendor,
        # The backlog's old audit entries are the busy person's too: the export lists them all.
        "busy person: access-log entries / section entries / cases / documents": (
            f"{args.person_audit + args.audit} / 200 / 30 / 10"
        ),
        "export (build + ZIP incl. 2 MB of documents), p50": _ms(statistics.median(times)),
        "export, max": _ms(max(times)),
        "export ZIP size": f"{size / 1e6:.1f} MB",
        "retention dry run (counts only)": _ms(dry_seconds),
        "retention run": f"{real_seconds:.1f} s",
        "retention: records changed": counts,
        "dry run counted the same": {line["kind"]: line["count"] for line in dry.lines if line["count"]} == counts,
        "walk-in names left after the run": remaining,
    }
