"""Retention: the periods in force for an agency (its own or the rules' defaults) and the job
that deletes or anonymises what has passed its period (`kurzweg apply_retention`).

Each rule runs in its own transaction with its audit entry, so a failing rule leaves the others
done and is reported; the run's report (kind, action, how many) is stored without personal data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kurzweg.core import audit
from kurzweg.core.models import Agency, AuditEntry

from . import registry
from .models import RetentionPeriod, RetentionRun


@dataclass(frozen=True)
class Period:
    rule: registry.RetentionRule
    days: int
    active: bool
    own: bool  # the agency set it (else the rule's default)
    note: str = ""


def periods(agency_id: int) -> list[Period]:
    own = {p.kind: p for p in RetentionPeriod.objects.filter(agency_id=agency_id)}
    result = []
    for rule in registry.rules():
        period = own.get(rule.kind)
        if period is None:
            result.append(Period(rule, rule.default_days, True, False))
        else:
            result.append(Period(rule, period.days, period.active, True, period.note))
    return result


def run(agency: Agency, *, now: datetime.datetime | None = None, dry_run: bool = False) -> RetentionRun:
    now = now or timezone.now()
    lines = []
    for period in periods(agency.pk):
        if not period.active:
            continue
        cutoff = now - datetime.timedelta(days=period.days)
        line = {
            "kind": period.rule.kind,
            "action": period.rule.action,
            "days": period.days,
            "cutoff": cutoff.isoformat(),
            "count": 0,
        }
        try:
            with transaction.atomic():
                line["count"] = period.rule.apply(agency.pk, cutoff, dry_run)
                if line["count"] and not dry_run:
                    action = (
                        AuditEntry.Action.DELETE if period.rule.action == registry.DELETED else AuditEntry.Action.UPDATE
                    )
                    audit.record(
                        None, action, agency_id=agency.pk, reason=f"retention:{period.rule.kind}:{line['count']}"
                    )
        except Exception as error:  # reported, and the other rules still run
            line["error"] = type(error).__name__
        lines.append(line)
    return RetentionRun.objects.create(agency=agency, started_at=now, dry_run=dry_run, lines=lines)


def last_runs(agency_id: int, limit: int = 5) -> list[RetentionRun]:
    return list(RetentionRun.objects.filter(agency_id=agency_id, dry_run=False)[:limit])
