"""The subject access export (Art. 15 GDPR): everything stored about a person, gathered from
every app's contribution (registry.py), with who read or changed it (the audit log) — as a
readable German document, a JSON file, and both with the person's documents in one ZIP.

Making the export is audited in the same transaction, once for the person and once for each
office whose protected section went into it, so the offices see it in their access log."""

from __future__ import annotations

import datetime
import io
import json
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, Office, User
from kurzweg.people.models import Person

from . import policy, registry, retention
from .registry import ExportSection, Subject

FORMAT = "kurzweg-subject-access/1"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass
class Export:
    subject: Subject
    made_at: datetime.datetime
    made_by: User
    sections: list[ExportSection]
    access_log: list[dict[str, Any]]
    periods: list[dict[str, Any]]

    @property
    def person(self) -> Person:
        return self.subject.person  # type: ignore[no-any-return]

    def as_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "made_at": self.made_at.isoformat(),
            "made_by": str(self.made_by),
            "agency": {"name": self.made_by.agency.name, "address": self.made_by.agency.address},
            "person_id": str(self.person.pk),
            "record_ids": [str(i) for i in self.subject.person_ids],
            "sections": {
                s.key: {"title": str(s.title), "labels": s.labels, "records": s.records} for s in self.sections
            },
            "access_log": self.access_log,
            "retention_periods": self.periods,
            "files": [f"dokumente/{f.name}" for f in self.subject.files],
        }


def build(user: User, person: Person) -> Export:
    """Gather the export. German throughout: the answer goes to the person from a German office."""
    policy.require(user)
    subject = policy.subject_of(person)
    with translation.override("de"), transaction.atomic():
        made_at = timezone.now()
        audit.record(user, AuditEntry.Action.EXPORT, person_id=person.pk, reason="subject_access", obj=person)
        sections: list[ExportSection] = []
        for contribution in registry.contributions():
            sections += contribution.export(subject)
        offices = set().union(*(s.office_ids for s in sections)) if sections else set()
        for office in Office.objects.filter(agency_id=user.agency_id, pk__in=offices):
            audit.record(user, AuditEntry.Action.EXPORT, person_id=person.pk, section_office=office,
                         reason="subject_access")  # fmt: skip
        access_log = _access_log(subject)
        periods = [
            {"kind": p.rule.kind, "what": str(p.rule.label), "days": p.days, "action": p.rule.action}
            for p in retention.periods(user.agency_id)
        ]
    return Export(subject, made_at, user, sections, access_log, periods)


def _access_log(subject: Subject) -> list[dict[str, Any]]:
    entries = (
        AuditEntry.objects.filter(agency_id=subject.agency_id, person_id__in=subject.person_ids)
        .select_related("actor", "section_office", "acting_office")
        .order_by("at", "id")
    )
    # A busy file has tens of thousands of entries but few kinds of them: translate each once.
    actions = {value: str(label) for value, label in AuditEntry.Action.choices}
    reasons: dict[str, str] = {}
    device = _("a device of the agency (kiosk)")
    log = []
    for e in entries.iterator(chunk_size=2000):
        if e.reason not in reasons:
            reasons[e.reason] = e.reason_display
        log.append(
            {
                "at": e.at.isoformat(),
                "who": str(e.actor) if e.actor else device,
                "action": e.action,
                "what": actions.get(e.action, e.action),
                "section": e.section_office.name if e.section_office else "",
                "as_office": e.acting_office.name if e.acting_office else "",
                "why": reasons[e.reason],
                "fields": e.fields,
            }
        )
    return log


# Output ----------------------------------------------------------------------------------------


def display(value: Any) -> str:
    """A value for the readable document: German dates, yes/no, a dash for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list):
        return ", ".join(display(v) for v in value)
    if isinstance(value, str) and _ISO_DATETIME.match(value):
        moment = parse_datetime(value)
        if moment is not None:
            return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    if isinstance(value, str) and _ISO_DATE.match(value):
        return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    return str(value)


def render_document(export: Export) -> str:
    """The readable document. Its big tables (a busy file has thousands of rows) are built here
    with format_html_join — escaped like the template would — rather than cell by cell in the
    template language, which took seconds."""
    with translation.override("de"):
        sections = [
            {
                "key": s.key,
                "title": s.title,
                "note": s.note,
                "rows": [
                    format_html_join(
                        "",
                        '<tr><th scope="row">{}</th><td>{}</td></tr>',
                        ((s.labels.get(k, k), linebreaksbr(display(v), autoescape=True)) for k, v in record.items()),
                    )
                    for record in s.records
                ],
            }
            for s in export.sections
        ]
        log = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    display(e["at"]),
                    e["who"],
                    e["what"],
                    f" ({', '.join(e['fields'])})" if e["fields"] else "",
                    e["section"] or "—",
                    e["as_office"] or "—",
                    e["why"] or "—",
                )
                for e in export.access_log
            ),
        )
        return render_to_string(
            "privacy/export_document.html",
            {"export": export, "sections": sections, "log": log, "agency": export.made_by.agency},
        )


def filename(export: Export, extension: str) -> str:
    # No name in the file name: it ends up in download folders and mail attachments.
    return f"auskunft-{export.made_at:%Y-%m-%d}-{str(export.person.pk)[:8]}.{extension}"


def zip_bytes(export: Export) -> bytes:
    buffer = io.BytesIO()
    with translation.override("de"), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("auskunft.html", render_document(export))
        archive.writestr("auskunft.json", json.dumps(export.as_json(), ensure_ascii=False, indent=2))
        for file in export.subject.files:
            if file.path.exists():
                archive.write(file.path, f"dokumente/{file.name}")
            else:
                archive.writestr(f"dokumente/{file.name}.fehlt.txt", _("The file is no longer stored.") + "\n")
    return buffer.getvalue()
