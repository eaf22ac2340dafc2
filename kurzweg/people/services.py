"""Changes to persons and their files: plain functions, each one transaction with its audit
entries, each taking the acting staff member."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, Office, User
from kurzweg.languages import BY_CODE

from . import matching_store
from .access import section_access
from .merging import remember_different
from .models import Consent, Household, Person, SectionEntry

MASTER_FIELDS = [
    "given_names",
    "family_name",
    "given_names_original",
    "family_name_original",
    "birth_year",
    "birth_month",
    "birth_day",
    "sex",
    "place_of_birth",
    "country_of_birth",
    "phone",
    "email",
    "street",
    "postcode",
    "city",
    "household_relation",
]


def _require(user: User, capability: str) -> None:
    if not user.can(capability):
        raise PermissionDenied


def consent_offices(user: User) -> list[Office]:
    """The offices whose sections the user may ask the person to share."""
    return [m.office for m in user.memberships_with("may_record_consent") if m.office.has_section]


def may_withdraw(user: User, consent: Consent) -> bool:
    """A withdrawal is recorded by staff of an office the consent names (holder or recipient)
    whose role may record consents, or by data protection oversight."""
    named = {consent.section_office_id, consent.recipient_office_id}
    return user.can("may_oversee_all") or any(m.office_id in named for m in user.memberships_with("may_record_consent"))


def snapshot(person: Person) -> dict[str, Any]:
    return {f: getattr(person, f) for f in MASTER_FIELDS}


@transaction.atomic
def save_person(
    user: User,
    person: Person,
    related_formsets=(),
    *,
    before: dict[str, Any] | None = None,
    household_of: Person | None = None,
    despite_matches: Sequence[tuple[Person, float]] = (),
) -> Person:  # type: ignore[no-untyped-def]
    """Create or update a person with their nationalities, languages, spellings and identifiers
    (given as bound, valid formsets), and audit which fields changed.

    `despite_matches`: the persons (with their match score) that the search found at level
    likely or exact and that the user confirmed to be someone else. The confirmation is recorded
    in the audit entry, and each pair is remembered as different so it is not suggested again."""
    _require(user, "may_register_persons")
    creating = person._state.adding
    if creating:
        person.agency_id = user.agency_id
        person.created_by = user
    if household_of is not None:
        if household_of.household_id is None:
            household_of.household = Household.objects.create(agency_id=user.agency_id)
            household_of.household_relation = household_of.household_relation or Person.HouseholdRelation.HEAD
            household_of.save(update_fields=["household", "household_relation"])
            audit.record(
                user, AuditEntry.Action.UPDATE, person_id=household_of.pk, obj=household_of, fields=["household"]
            )
        person.household_id = household_of.household_id
    person.save()
    changed_related = []
    for formset in related_formsets:
        formset.instance = person
        formset.save()
        if formset.has_changed():
            changed_related.append(formset.prefix)
    alternative = [(a.given_names, a.family_name) for a in person.alternative_names.all()]
    person.refresh_name_index(alternative)
    person.save(update_fields=["name_index"])
    # The matching engine's blocking keys follow every change of names, birth date or nationality.
    matching_store.refresh_keys([person])
    if creating:
        fields = [f for f in MASTER_FIELDS if getattr(person, f) not in ("", None)] + changed_related
        reason = ""
        if despite_matches:
            reason = "registered_despite_match:" + ",".join(str(other.pk) for other, _score in despite_matches)
            remember_different(user, person, despite_matches)
        audit.record(user, AuditEntry.Action.CREATE, person_id=person.pk, obj=person, fields=fields, reason=reason)
    else:
        fields = audit.changed_fields(before or {}, snapshot(person)) + changed_related
        if fields:
            audit.record(user, AuditEntry.Action.UPDATE, person_id=person.pk, obj=person, fields=fields)
    return person


@transaction.atomic
def add_section_entry(
    user: User, person: Person, office: Office, *, title: str, text: str, special_category: str = ""
) -> SectionEntry:
    access = section_access(user, person, office)
    if not access.may_write or (special_category and not access.special_categories):
        raise PermissionDenied
    entry = SectionEntry.objects.create(
        agency_id=user.agency_id,
        person=person,
        office=office,
        title=title,
        text=text,
        special_category=special_category,
        created_by=user,
    )
    audit.record(
        user,
        AuditEntry.Action.CREATE,
        person_id=person.pk,
        section_office=office,
        acting_office=access.acting_office,
        obj=entry,
        fields=["title", "text", "special_category"],
    )
    return entry


@transaction.atomic
def record_consent(
    user: User,
    person: Person,
    *,
    section_office: Office,
    recipient_office: Office | None = None,
    form: str,
    covers_special_categories: bool = False,
    purpose: str = Consent.Purpose.SHARE_SECTION,
    valid_until: datetime.date | None = None,
    language: str = "",
) -> Consent:
    """Record the person's consent for one purpose, asked for by `section_office`: to share
    that office's section with `recipient_office`, or (without a recipient) to pass their
    profile to employers, or to be contacted by SMS or e-mail."""
    # Only the office that holds the section asks the person to share it; otherwise staff
    # could grant their own office access to another office's section.
    if section_office not in consent_offices(user) or person.agency_id != user.agency_id:
        raise PermissionDenied
    if purpose not in Consent.Purpose.values:
        raise ValueError("unknown purpose")
    sharing = purpose == Consent.Purpose.SHARE_SECTION
    if sharing:
        if recipient_office is None or recipient_office.agency_id != user.agency_id:
            raise PermissionDenied
        if section_office.pk == recipient_office.pk:
            raise ValueError(_("An office does not need consent to read its own section."))
    else:
        recipient_office, covers_special_categories = None, False
    if valid_until is not None and valid_until < timezone.localdate():
        raise ValueError(_("The end date lies in the past."))
    if language and language not in BY_CODE:
        language = ""
    consent = Consent.objects.create(
        agency_id=user.agency_id,
        person=person,
        purpose=purpose,
        section_office=section_office,
        recipient_office=recipient_office,
        form=form,
        covers_special_categories=covers_special_categories,
        valid_until=valid_until,
        language=language,
        recorded_by=user,
    )
    fields = (
        ["section_office", "recipient_office", "form", "covers_special_categories"]
        if sharing
        else ["purpose", "section_office", "form"]
    )
    if valid_until is not None:
        fields.append("valid_until")
    audit.record(
        user,
        AuditEntry.Action.CREATE,
        person_id=person.pk,
        section_office=section_office,
        obj=consent,
        reason=f"consent_for:{recipient_office.code}" if recipient_office else f"consent_purpose:{purpose}",
        fields=fields,
    )
    return consent


@transaction.atomic
def withdraw_consent(user: User, consent: Consent) -> Consent:
    if not may_withdraw(user, consent):
        raise PermissionDenied
    consent = Consent.objects.select_for_update().get(pk=consent.pk, agency_id=user.agency_id)
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.withdrawal_recorded_by = user
        consent.save(update_fields=["withdrawn_at", "withdrawal_recorded_by"])
        audit.record(
            user,
            AuditEntry.Action.UPDATE,
            person_id=consent.person_id,
            section_office=consent.section_office,
            obj=consent,
            fields=["withdrawn_at"],
        )
    return consent
