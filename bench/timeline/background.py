"""Case management and service point rows of other persons, so that the timeline's queries run
against tables of a realistic size, not empty ones: for a share of the persons (default 20 %)
a case with a step of its history, tasks, visits with one to three concerns, appointments,
documents and referrals — about 1.5 million rows per million persons. Written with COPY
(bench.open_file's TableSpec and load_postgres), with explicit ids where other rows point to them."""

from __future__ import annotations

import random
import secrets
import time
import uuid
from datetime import UTC, datetime, timedelta

from bench.open_file import load_postgres
from bench.open_file.common import log
from bench.open_file.database import random_person_ids
from bench.open_file.load import TableSpec

from .busy import House

CHUNK = 20_000  # persons per COPY round
STATUSES = ["open", "in_progress", "waiting"]


def specs() -> dict[str, TableSpec]:
    from kurzweg.cases import models as cases
    from kurzweg.servicepoint.models import Appointment, Concern, Visit

    return {
        "case": TableSpec(
            cases.Case,
            [
                "id",
                "agency_id",
                "office_id",
                "legal_area",
                "person_id",
                "title",
                "status",
                "close_reason",
                "opened_at",
                "opened_by_id",
            ],
        ),
        "event": TableSpec(
            cases.CaseEvent, ["case_id", "kind", "at", "actor_id", "from_status", "to_status", "close_reason"]
        ),
        "task": TableSpec(
            cases.Task, ["agency_id", "office_id", "person_id", "title", "due_date", "created_at", "created_by_id"]
        ),
        "referral": TableSpec(
            cases.Referral,
            [
                "agency_id",
                "person_id",
                "from_office_id",
                "to_office_id",
                "reason",
                "override_reason",
                "decline_reason",
                "created_at",
                "created_by_id",
            ],
        ),
        "document": TableSpec(
            cases.Document,
            [
                "agency_id",
                "person_id",
                "office_id",
                "kind",
                "title",
                "content_type",
                "size",
                "sha256",
                "storage_name",
                "original_name",
                "uploaded_at",
                "uploaded_by_id",
            ],
        ),
        "visit": TableSpec(
            Visit,
            [
                "id",
                "agency_id",
                "service_point_id",
                "day",
                "number",
                "prefix",
                "token",
                "person_id",
                "first_name",
                "status",
                "priority_at",
                "issued_at",
            ],
        ),
        "concern": TableSpec(Concern, ["visit_id", "service_id", "status", "queued_at", "handover_note"]),
        "appointment": TableSpec(
            Appointment,
            [
                "agency_id",
                "service_point_id",
                "service_id",
                "starts_at",
                "minutes",
                "code",
                "name",
                "email",
                "phone",
                "person_id",
                "created_at",
            ],
        ),
    }


def load_background(
    house: House, persons: int, share: float, rng: random.Random, *, exclude: set[str]
) -> dict[str, int]:
    from django.db import connection

    from kurzweg.cases.models import legal_area_of

    count = int(persons * share)
    if count == 0:
        return {}
    started = time.perf_counter()
    ids = [pid for pid in dict.fromkeys(random_person_ids(count)) if pid not in exclude]
    tables = specs()
    for spec in tables.values():
        spec.prepare(connection)
    codes = [c for c, o in house.offices.items() if o.has_section]
    office_ids = {c: house.offices[c].pk for c in codes}
    areas = {c: legal_area_of(house.offices[c]) for c in codes}
    staff = {c: house.author(c).pk for c in codes}
    services = {c: s.pk for c, s in house.services.items()}
    service_codes = list(services)
    agency, sp = house.agency.pk, house.service_point.pk
    now = datetime.now(UTC)
    counts = {spec.table: 0 for spec in tables.values()}
    case_id = visit_id = 0
    connection.ensure_connection()
    raw = connection.connection
    load_postgres.begin_load(raw)
    for start in range(0, count, CHUNK):
        rows: dict[str, list[tuple]] = {name: [] for name in tables}
        for person in ids[start : start + CHUNK]:
            pid = uuid.UUID(person)

            def at() -> datetime:
                return now - timedelta(seconds=rng.uniform(3600, 5 * 365 * 86400))

            code = rng.choice(codes)
            case_id += 1
            opened = at()
            rows["case"].append(
                (
                    case_id,
                    agency,
                    office_ids[code],
                    areas[code],
                    pid,
                    "Vorgang",
                    rng.choice(STATUSES),
                    "",
                    opened,
                    staff[code],
                )
            )
            rows["event"].append(
                (case_id, "status", opened + timedelta(days=3), staff[code], "open", "in_progress", "")
            )
            for _ in range(rng.choice((0, 1, 1, 2))):
                when = at()
                rows["task"].append(
                    (
                        agency,
                        office_ids[code],
                        pid,
                        "Unterlagen prüfen",
                        (when + timedelta(days=14)).date(),
                        when,
                        staff[code],
                    )
                )
            for _ in range(rng.choice((0, 1, 1, 2, 3))):
                visit_id += 1
                when = at()
                # Ticket numbers are unique per service point and day: one "day" per 5,000 visits.
                day = (now - timedelta(days=visit_id // 5000)).date()
                rows["visit"].append(
                    (
                        visit_id,
                        agency,
                        sp,
                        day,
                        visit_id % 5000 + 1,
                        "B",
                        secrets.token_urlsafe(16),
                        pid,
                        "",
                        "done",
                        when,
                        when,
                    )
                )
                for s in rng.sample(service_codes, rng.choice((1, 1, 2, 3))):
                    rows["concern"].append((visit_id, services[s], "done", when, ""))
            if rng.random() < 0.5:
                s = rng.choice(service_codes)
                rows["appointment"].append(
                    (agency, sp, services[s], at(), 30, secrets.token_hex(6).upper(), "Termin", "", "", pid, now)
                )
            if rng.random() < 0.5:
                rows["document"].append(
                    (
                        agency,
                        pid,
                        office_ids[code],
                        rng.choice(("decision", "certificate")),
                        "",
                        "application/pdf",
                        100_000,
                        "0" * 64,
                        uuid.uuid4().hex,
                        "",
                        at(),
                        staff[code],
                    )
                )
            if rng.random() < 0.25:
                to = rng.choice([c for c in codes if c != code])
                rows["referral"].append(
                    (agency, pid, office_ids[code], office_ids[to], "Beratung", "", "", at(), staff[code])
                )
        for name, spec in tables.items():
            spec.write(raw, rows[name], load_postgres)
            counts[spec.table] += len(rows[name])
    load_postgres.end_load(raw)
    with connection.cursor() as cur:  # explicit ids: the sequences must go on after them
        for table in ("cases_case", "servicepoint_visit"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    log(
        f"background rows for {count:,} persons in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items())
    )
    return counts
