"""The person registry's part of data protection (kurzweg/privacy/registry.py): master data,
spellings, nationalities, languages, identifiers, office sections, consents, household, merges
and duplicate decisions in a subject access export; their deletion with the person; how long
ended consents are kept."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kurzweg.privacy import registry
from kurzweg.privacy.registry import Erased, ExportSection, Subject, model_section

from .models import (
    AlternativeName,
    Consent,
    DuplicateSuspicion,
    Household,
    Identifier,
    Merge,
    Nationality,
    Person,
    PersonKey,
    SectionEntry,
    SpokenLanguage,
)

PERSON_FIELDS = (
    "id", "given_names", "family_name", "given_names_original", "family_name_original", "birth_year",
    "birth_month", "birth_day", "sex", "place_of_birth", "country_of_birth", "phone", "email", "street",
    "postcode", "city", "household_relation", "external_id", "created_at", "updated_at",
)  # fmt: skip


def export(subject: Subject) -> list[ExportSection]:
    ids = subject.person_ids
    persons = Person.objects.filter(pk__in=ids).order_by("created_at")
    entries = list(SectionEntry.objects.filter(person_id__in=ids).select_related("office", "created_by"))
    sections = [
        model_section(
            "person",
            _("Master data"),
            persons,
            PERSON_FIELDS,
            note=_("More than one record: records of the same person were merged.") if len(ids) > 1 else "",
        ),
        model_section(
            "other_spellings",
            _("Other spellings"),
            AlternativeName.objects.filter(person_id__in=ids),
            ("given_names", "family_name", "note"),
        ),
        model_section("nationalities", _("Nationalities"), Nationality.objects.filter(person_id__in=ids), ("code",)),
        model_section("languages", _("Languages"), SpokenLanguage.objects.filter(person_id__in=ids), ("code", "level")),
        model_section(
            "identifiers",
            _("Identifiers"),
            Identifier.objects.filter(person_id__in=ids),
            ("kind", "value", "issuing_country", "valid_until"),
        ),
        model_section(
            "section_entries",
            _("Entries in the offices' sections"),
            entries,
            ("office", "title", "text", "special_category", "created_at", "created_by"),
        ),
        model_section(
            "consents",
            _("Consents"),
            Consent.objects.filter(person_id__in=ids).select_related("section_office", "recipient_office"),
            (
                "purpose",
                "section_office",
                "recipient_office",
                "covers_special_categories",
                "form",
                "language",
                "given_at",
                "valid_until",
                "recorded_by",
                "withdrawn_at",
            ),
        ),
        _household(subject),
        model_section(
            "merges",
            _("Merged records"),
            Merge.objects.filter(Q(survivor_id__in=ids) | Q(merged_id__in=ids)),
            ("survivor", "merged", "merged_at", "merged_by", "undone_at", "undone_by"),
        ),
        model_section(
            "duplicate_decisions",
            _("Checks for duplicate records"),
            DuplicateSuspicion.objects.filter(Q(person_a_id__in=ids) | Q(person_b_id__in=ids)),
            ("person_a", "person_b", "score", "found_at", "status", "decided_at", "decided_by"),
        ),
    ]
    sections[5].office_ids = {e.office_id for e in entries}
    return sections


def _household(subject: Subject) -> ExportSection:
    """Only the person's own place in the household: the other members' data are theirs."""
    person = subject.person
    records = []
    if person.household_id:
        others = Person.objects.filter(household_id=person.household_id).exclude(pk__in=subject.person_ids).count()
        records.append(
            {
                "household": str(person.household_id),
                "relation": str(person.get_household_relation_display()),
                "other_members": others,
            }
        )
    labels = {"household": str(_("household")), "relation": str(_("relation in household")),
              "other_members": str(_("other members"))}  # fmt: skip
    return ExportSection("household", str(_("Household")), records, labels)


def erase(subject: Subject) -> list[Erased]:
    """Runs last: every other app has let go of the person's rows by now."""
    ids = subject.person_ids
    household_id = subject.person.household_id
    counted: list[tuple[type[models.Model], int]] = [
        (model, model._default_manager.filter(person_id__in=ids).count())
        for model in (SectionEntry, Consent, Identifier, AlternativeName, Nationality, SpokenLanguage)
    ]
    merges = Merge.objects.filter(Q(survivor_id__in=ids) | Q(merged_id__in=ids))
    suspicions = DuplicateSuspicion.objects.filter(Q(person_a_id__in=ids) | Q(person_b_id__in=ids))
    counted += [(Merge, merges.count()), (DuplicateSuspicion, suspicions.count()), (Person, len(ids))]
    merges.delete()
    # Records merged into this one point at it (protected); they are the same person and go too.
    Person.objects.filter(pk__in=ids).update(merged_into=None)
    Person.objects.filter(pk__in=ids).delete()  # cascades: entries, consents, keys, spellings, ...
    if household_id and not Person.objects.filter(household_id=household_id).exists():
        Household.objects.filter(pk=household_id).delete()  # with its household cases
        counted.append((Household, 1))
    return [Erased(m._meta.label_lower, registry.DELETED, n) for m, n in counted if n]


def _apply_consents(agency_id: int, cutoff: datetime.datetime, dry_run: bool) -> int:
    ended = Consent.objects.filter(agency_id=agency_id).filter(
        Q(withdrawn_at__lt=cutoff) | Q(valid_until__lt=cutoff.date())
    )
    return registry.delete_rows(ended, dry_run)


registry.register(
    registry.Contribution(
        key="people",
        order=90,
        models=(
            Person,
            AlternativeName,
            Nationality,
            SpokenLanguage,
            Identifier,
            SectionEntry,
            Consent,
            PersonKey,
            DuplicateSuspicion,
            Merge,
        ),
        export=export,
        erase=erase,
    )
)
registry.register_rule(
    registry.RetentionRule(
        kind="people.ended_consent",
        label=_("withdrawn or ended consents"),
        action=registry.DELETED,
        default_days=3 * 365,
        basis=_(
            "Kept as proof that passing data was lawful while the consent was in force (Art. 7(1) GDPR), "
            "for the regular limitation period of three years (§ 195 BGB)."
        ),
        apply=_apply_consents,
    )
)
