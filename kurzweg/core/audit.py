"""Writing the audit log. Every read of a protected section and every change calls `record`
inside the transaction of the read or change, so that one cannot happen without the other."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import AuditEntry, Office

if TYPE_CHECKING:
    from .models import User


# Why an access was granted, as stored in AuditEntry.reason: "own_office", "law:<reference>",
# "consent:<id>"; language-neutral, translated only for display.
OWN_OFFICE, LEGAL_BASIS, CONSENT = "own_office", "law", "consent"


def reason_display(reason: str) -> str:
    kind, _sep, ref = reason.partition(":")
    if kind == OWN_OFFICE:
        return _("own office")
    if kind == LEGAL_BASIS:
        return _("legal basis: %(reference)s") % {"reference": ref}
    if kind == CONSENT:
        return _("consent no. %(id)s") % {"id": ref}
    if kind == "referral":
        return _("referral no. %(id)s") % {"id": ref}
    if kind == "referral_to":
        return _("referral to office %(code)s") % {"code": ref}
    if kind == "consent_purpose":
        return _("consent for the purpose %(purpose)s") % {"purpose": ref}
    if kind == "consent_for":
        return _("consent for office %(code)s") % {"code": ref}
    # Written by the duplicate review and merging (kurzweg/people/merging.py, services.py).
    if kind == "merge_from":
        return _("merge: record %(id)s was merged into this record") % {"id": ref}
    if kind == "merge_into":
        return _("merge: this record was merged into record %(id)s") % {"id": ref}
    if kind == "undo_merge_from":
        return _("merge undone: record %(id)s was separated from this record again") % {"id": ref}
    if kind == "undo_merge_into":
        return _("merge undone: this record was separated from record %(id)s again") % {"id": ref}
    if kind == "different_from":
        return _("duplicate review: not the same person as record %(id)s") % {"id": ref}
    if kind == "registered_despite_match":
        ids = [i for i in ref.split(",") if i]
        return ngettext(
            "registered despite a possible match with record %(ids)s",
            "registered despite possible matches with records %(ids)s",
            len(ids),
        ) % {"ids": ", ".join(ids)}
    # Written by data protection (kurzweg/privacy): deletion requests and the retention job.
    if kind == "deletion_request":
        return _("deletion request no. %(id)s") % {"id": ref}
    if kind == "retention":
        what, _sep, how_many = ref.partition(":")
        return _("retention period ended: %(what)s (%(count)s records)") % {"what": what, "count": how_many or "?"}
    if kind == "plan_step":
        return _("integration plan: steps of the own office (plan no. %(id)s)") % {"id": ref}
    if kind == "import_persons" and ref.isdigit():
        count = int(ref)
        return ngettext("import of %(count)d person", "import of %(count)d persons", count) % {"count": count}
    return {
        "master_data": _("master data"),
        "no_basis": _("no legal basis and no consent"),
        "access_log": _("access log"),
        "write_section": _("writing in a section"),
        "duplicate_review": _("duplicate review"),
        "automatic": _("made automatically from data"),
        "consent_override": _("referral without consent (override with a reason)"),
        "data_protection": _("data protection (subject access or deletion)"),
        "subject_access": _("subject access export (Art. 15 GDPR)"),
    }.get(reason, reason)


class AuditOutsideTransaction(RuntimeError):
    pass


def record(
    actor: User | None,
    action: str,
    *,
    person_id: UUID | None = None,
    section_office: Office | None = None,
    acting_office: Office | None = None,
    reason: str = "",
    obj: Any = None,
    fields: Iterable[str] = (),
    agency_id: int | None = None,
) -> AuditEntry:
    """`actor` is None for changes made by a device without a staff member (the kiosk); then
    `agency_id` says whose log it is."""
    if not connection.in_atomic_block:
        # Outside a transaction the read or change could survive a failed audit write.
        raise AuditOutsideTransaction("audit.record must run inside transaction.atomic()")
    entry = _entry(
        actor, action, person_id=person_id, section_office=section_office, acting_office=acting_office,
        reason=reason, obj=obj, fields=fields, agency_id=agency_id,
    )  # fmt: skip
    entry.save(force_insert=True)
    return entry


def record_reads(actor: User, *, person_id: UUID, grants: Iterable[tuple[Office, Office | None, str]]) -> None:
    """Several section reads of one person at once (e.g. a timeline page showing entries of
    several offices), written in one INSERT: each grant is (section office, acting office,
    reason)."""
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction("audit.record_reads must run inside transaction.atomic()")
    AuditEntry.objects.bulk_create(
        [
            _entry(actor, AuditEntry.Action.READ_SECTION, person_id=person_id, section_office=section,
                   acting_office=acting, reason=reason)
            for section, acting, reason in grants
        ]
    )  # fmt: skip


def _entry(
    actor: User | None,
    action: str,
    *,
    person_id: UUID | None = None,
    section_office: Office | None = None,
    acting_office: Office | None = None,
    reason: str = "",
    obj: Any = None,
    fields: Iterable[str] = (),
    agency_id: int | None = None,
) -> AuditEntry:
    agency_id = actor.agency_id if actor is not None else agency_id
    assert agency_id is not None
    return AuditEntry(
        agency_id=agency_id,
        actor=actor,
        action=action,
        person_id=person_id,
        section_office=section_office,
        acting_office=acting_office,
        reason=reason[:300],
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        fields=sorted(fields),
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(k for k in after if before.get(k) != after[k])
