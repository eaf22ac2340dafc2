"""What each app contributes to data protection: its part of a subject access export (Art. 15
GDPR), what it deletes or anonymises when a whole person is deleted, and its retention rules.

Apps register here from a module `privacy.py` of their own, which the privacy app imports at
start-up (like Django's admin.py). This module imports nothing of ours, so that every app may
import it without depending on the privacy app's models, views or services — and the privacy
app never imports the other apps' models.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils.functional import Promise

DELETED, ANONYMISED = "deleted", "anonymised"

# Titles and labels are translated when the export or page is rendered (lazy), so plain or lazy.
Text = str | Promise


@dataclass
class ExportSection:
    """One part of the export: records of one kind, as machine names and values (JSON) with
    their labels (the readable document)."""

    key: str
    title: Text
    records: list[dict[str, Any]]
    labels: dict[str, str]
    note: Text = ""
    # Offices whose protected sections the records come from: the export is audited per office.
    office_ids: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class ExportFile:
    """A stored file that belongs in the export (a document), under its name in the ZIP."""

    name: str
    path: Path


@dataclass
class Subject:
    """The person an export or a deletion is about: the record itself and the records that
    were merged into it (they are the same person)."""

    agency_id: int
    person: Any  # kurzweg.people.models.Person; typed loosely to keep this module import-free
    person_ids: list[uuid.UUID]
    files: list[ExportFile] = field(default_factory=list)


@dataclass(frozen=True)
class Erased:
    """What a deletion did to one kind of record."""

    what: str  # model label, e.g. "cases.document"
    action: str  # DELETED or ANONYMISED
    count: int


@dataclass(frozen=True)
class Contribution:
    key: str
    order: int  # export order; erasure runs in the same order (people last: the person row goes last)
    # Every model with a foreign key to a person that this contribution exports and erases; a test
    # checks that each such model of every app is claimed by some contribution.
    models: tuple[type[models.Model], ...]
    export: Callable[[Subject], list[ExportSection]]
    erase: Callable[[Subject], list[Erased]]


@dataclass(frozen=True)
class RetentionRule:
    """Records of one kind are deleted or anonymised `days` after their reference date (the
    agency may change the period). `apply(agency_id, cutoff, dry_run)` returns how many records
    passed the cutoff and — unless dry_run — deletes or anonymises them; it runs inside the
    job's transaction."""

    kind: str
    label: Text
    action: str  # DELETED or ANONYMISED
    default_days: int
    basis: Text  # why this default: shown next to the period
    apply: Callable[[int, datetime.datetime, bool], int]


_CONTRIBUTIONS: dict[str, Contribution] = {}
_RULES: dict[str, RetentionRule] = {}


def register(contribution: Contribution) -> None:
    _CONTRIBUTIONS[contribution.key] = contribution


def register_rule(rule: RetentionRule) -> None:
    _RULES[rule.kind] = rule


def contributions() -> list[Contribution]:
    return sorted(_CONTRIBUTIONS.values(), key=lambda c: c.order)


def rules() -> list[RetentionRule]:
    return sorted(_RULES.values(), key=lambda r: r.kind)


def rule(kind: str) -> RetentionRule | None:
    return _RULES.get(kind)


# Helpers for the contributions ------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A value as JSON can carry it."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def model_section(
    key: str, title: Text, rows: Iterable[models.Model], fields: Sequence[str], note: Text = ""
) -> ExportSection:
    """A section of model rows with the given fields: choices as their label, related rows as
    their text, labels from the fields' verbose names."""
    rows = list(rows)
    labels: dict[str, str] = {}
    if rows:
        meta = rows[0]._meta
        for name in fields:
            f = meta.get_field(name)
            labels[name] = str(getattr(f, "verbose_name", name))
    records = []
    for row in rows:
        record: dict[str, Any] = {}
        for name in fields:
            f = row._meta.get_field(name)
            if getattr(f, "choices", None):
                value: Any = getattr(row, f"get_{name}_display")() if getattr(row, name) not in ("", None) else ""
            elif f.is_relation:
                value = getattr(row, name)
                value = str(value) if value is not None else None
            else:
                value = getattr(row, name)
            record[name] = plain(value)
        records.append(record)
    return ExportSection(key=key, title=title, records=records, labels=labels, note=note)


def stored_fields(model: type[models.Model], exclude: Iterable[str] = ("id", "agency")) -> list[str]:
    """Every stored field of a model but the given ones: for sections that should follow the
    model as it grows, without a list to keep in step."""
    skip = set(exclude)
    return [f.name for f in model._meta.concrete_fields if f.name not in skip]


def delete_rows(queryset: models.QuerySet[Any], dry_run: bool = False, batch: int = 1000) -> int:
    """Count and (unless dry_run) delete the rows, in batches so that a year's worth of rows does
    not sit in memory at once. Returns the number of rows of the queryset's own model."""
    count = queryset.count()
    if dry_run or not count:
        return count
    model = queryset.model
    while ids := list(queryset.values_list("pk", flat=True)[:batch]):
        model._default_manager.filter(pk__in=ids).delete()
    return count


def remove_file_after_commit(remove: Callable[[], None]) -> None:
    """Files go only once the rows are gone for good: a rolled-back deletion keeps its files."""
    transaction.on_commit(remove)
