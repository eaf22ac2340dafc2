"""Referrals and hand-overs between offices: plain functions, each one transaction with its
audit entries (field names only), each taking the acting staff member.

    requested ──accept──▶ accepted ──finish──▶ done
        │  └──decline (reason)──▶ declined
        └──────────┴──revoke (by the referring office)──▶ revoked

Passing parts of the referring office's section needs the person's consent to share that
section with the receiving office (Consent, purpose "share_section"); without it the referral
is refused, unless the caseworker records the consent in the same step, or overrides with the
permission Role.may_override_consent and a reason (audited, reason "consent_override").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, Office, User
from kurzweg.people import services as people_services
from kurzweg.people.models import Consent, Person

from . import access as policy
from .deadlines import ensure_consent_task
from .models import Referral, ReferralEvent


class ReferralRefused(ValueError):
    pass


class ConsentMissing(ReferralRefused):
    """Data is to be passed, but the person has not agreed (and nobody overrode)."""


def consent_in_force(person: Person, from_office: Office, to_office: Office) -> Consent | None:
    return (
        Consent.objects.in_force()
        .sharing()
        .filter(person=person, section_office=from_office, recipient_office=to_office)
        .order_by("-given_at")
        .first()
    )


def allowed_parts(from_office: Office) -> list[str]:
    parts = [Referral.Part.ENTRIES, Referral.Part.CASES, Referral.Part.DOCUMENTS]
    if from_office.kind == Office.Kind.AUSLAENDERBEHOERDE:
        parts.append(Referral.Part.RESIDENCE)
    return [str(p) for p in parts]


@transaction.atomic
def refer(
    user: User,
    person: Person,
    *,
    from_office: Office,
    to_office: Office,
    reason: str,
    parts: Iterable[str] = (),
    override_reason: str = "",
    origin: str = Referral.Origin.MANUAL,
) -> Referral:
    """Refer the person from one of the user's offices to another office of the agency."""
    if from_office.pk not in {o.pk for o in policy.referral_sender_offices(user)}:
        raise PermissionDenied
    if to_office.agency_id != user.agency_id or not to_office.has_section:
        raise PermissionDenied
    if to_office.pk == from_office.pk:
        raise ReferralRefused(_("An office does not refer a person to itself."))
    if person.agency_id != user.agency_id:
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ReferralRefused(_("Give a reason for the referral."))
    parts = list(dict.fromkeys(parts))
    if any(p not in allowed_parts(from_office) for p in parts):
        raise ReferralRefused(_("This office cannot pass these data."))
    consent = consent_in_force(person, from_office, to_office) if parts else None
    override_reason = override_reason.strip()
    if parts and consent is None:
        if not override_reason:
            raise ConsentMissing(_("The person has not agreed that these data are passed to this office."))
        if not policy.may_override_consent(user, from_office):
            raise PermissionDenied
    else:
        override_reason = ""
    referral = Referral.objects.create(
        agency_id=user.agency_id,
        person=person,
        from_office=from_office,
        to_office=to_office,
        reason=reason,
        parts=parts,
        consent=consent,
        override_reason=override_reason,
        origin=origin,
        created_by=user,
    )
    ReferralEvent.objects.create(referral=referral, status=referral.status, actor=user, reason=override_reason)
    audit.record(
        user,
        AuditEntry.Action.CREATE,
        person_id=person.pk,
        section_office=from_office,
        acting_office=from_office,
        obj=referral,
        reason=f"referral_to:{to_office.code}",
        fields=["from_office", "to_office", "reason", "parts"],
    )
    if override_reason:
        audit.record(
            user,
            AuditEntry.Action.UPDATE,
            person_id=person.pk,
            section_office=from_office,
            acting_office=from_office,
            obj=referral,
            reason="consent_override",
            fields=["override_reason"],
        )
    return referral


@transaction.atomic
def refer_with_consent(
    user: User,
    person: Person,
    *,
    from_office: Office,
    to_office: Office,
    reason: str,
    parts: Iterable[str],
    consent_form: str,
    consent_valid_until: datetime.date | None = None,
    consent_language: str = "",
    today: datetime.date | None = None,
) -> Referral:
    """Record the person's consent to share the office's section with the receiving office (the
    ordinary consent recording), then refer: one step, one transaction."""
    consent = people_services.record_consent(
        user,
        person,
        section_office=from_office,
        recipient_office=to_office,
        form=consent_form,
        valid_until=consent_valid_until,
        language=consent_language,
    )
    ensure_consent_task(consent, today=today)
    return refer(user, person, from_office=from_office, to_office=to_office, reason=reason, parts=parts)


def _move(user: User, referral: Referral, to: str, *, reason: str = "") -> Referral:
    if not policy.may_move_referral(user, referral, to):
        raise PermissionDenied
    referral = Referral.objects.select_for_update().get(pk=referral.pk, agency_id=user.agency_id)
    if to not in referral.next_statuses():
        raise ReferralRefused(_("The referral cannot go from this status to that one."))
    reason = reason.strip()
    if to == Referral.Status.DECLINED and not reason:
        raise ReferralRefused(_("Give a reason for declining."))
    now = timezone.now()
    referral.status = to
    referral.changed_at = now
    fields = ["status"]
    if to == Referral.Status.DECLINED:
        referral.decline_reason = reason
        fields.append("decline_reason")
    referral.save(update_fields=[*fields, "changed_at"])
    ReferralEvent.objects.create(referral=referral, status=to, at=now, actor=user, reason=reason)
    office = referral.to_office if to in Referral.BY_RECEIVER else referral.from_office
    audit.record(
        user,
        AuditEntry.Action.UPDATE,
        person_id=referral.person_id,
        section_office=office,
        acting_office=office,
        obj=referral,
        fields=fields,
    )
    return referral


@transaction.atomic
def accept(user: User, referral: Referral) -> Referral:
    return _move(user, referral, Referral.Status.ACCEPTED)


@transaction.atomic
def decline(user: User, referral: Referral, reason: str) -> Referral:
    return _move(user, referral, Referral.Status.DECLINED, reason=reason)


@transaction.atomic
def finish(user: User, referral: Referral) -> Referral:
    return _move(user, referral, Referral.Status.DONE)


@transaction.atomic
def revoke(user: User, referral: Referral) -> Referral:
    return _move(user, referral, Referral.Status.REVOKED)


def hand_over_referral(
    user: User, person: Person, from_office: Office, to_office: Office, note: str
) -> Referral | None:
    """A hand-over at the service point of a registered visitor: a referral that passes no
    data (the note says why). None when the offices keep no sections or the user may not refer
    from their desk's office."""
    if not (from_office.has_section and to_office.has_section) or from_office.pk == to_office.pk:
        return None
    if from_office.pk not in {o.pk for o in policy.referral_sender_offices(user)}:
        return None
    return refer(
        user,
        person,
        from_office=from_office,
        to_office=to_office,
        reason=note or _("Hand-over at the service point"),
        origin=Referral.Origin.HAND_OVER,
    )
