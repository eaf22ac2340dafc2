"""Suspected duplicates and merges: deciding a pair, merging one person into another, and
undoing a merge. Plain functions, each one transaction with its audit entries, each taking the
acting data steward (capability `may_steward_data`).

A merge moves every row that hangs off the merged person to the survivor and records their ids
in `Merge.moved`, so that an undo moves exactly those rows back:

    {"people.sectionentry": [ids], "people.consent": [...], "people.nationality": [...],
     "people.spokenlanguage": [...], "people.alternativename": [...], "people.identifier": [...],
     "people.personkey": [...],
     "created": {"people.alternativename": [ids]},   # rows the merge made (deleted on undo)
     "skipped": {"people.nationality": [ids], ...},  # exact duplicates, left on the merged person
     "household": {"household": id, "relation": "..."}}  # only if the survivor took it over

Audit entries keep their person id: the merged person's history stays theirs, and the access
log of the survivor shows it as well (access.access_log).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kurzweg.core import audit
from kurzweg.core.models import AuditEntry, User

from . import matching_store
from .models import (
    AlternativeName,
    Consent,
    DuplicateSuspicion,
    Identifier,
    Merge,
    Nationality,
    Person,
    PersonKey,
    SectionEntry,
    SpokenLanguage,
)

CAPABILITY = "may_steward_data"
MERGE_NOTE = "merged record"  # note on the spelling added from the merged person's own name


class MergeRefused(ValueError):
    """A merge or undo that cannot be done (already merged, already undone, ...); the message is
    shown to the steward."""


def may_steward(user: User) -> bool:
    return user.can(CAPABILITY)


def require_steward(user: User) -> None:
    if not may_steward(user):
        raise PermissionDenied


# Reading ---------------------------------------------------------------------------------------


def open_suspicions(user: User) -> models.QuerySet[DuplicateSuspicion]:
    """The review queue: open pairs of the user's agency, highest score first; pairs with a
    person that has been merged meanwhile wait until the merge is undone."""
    return (
        DuplicateSuspicion.objects.filter(agency_id=user.agency_id, status=DuplicateSuspicion.Status.OPEN)
        .filter(person_a__merged_into__isnull=True, person_b__merged_into__isnull=True)
        .select_related("person_a", "person_b")
        .prefetch_related("person_a__nationalities", "person_b__nationalities")
        .order_by("-score", "pk")
    )


def get_suspicion(user: User, suspicion_id: int) -> DuplicateSuspicion:
    """A pair of the user's agency, or 404."""
    try:
        return DuplicateSuspicion.objects.select_related("person_a", "person_b").get(
            pk=suspicion_id, agency_id=user.agency_id
        )
    except DuplicateSuspicion.DoesNotExist as error:
        raise Http404 from error


def merges_for(user: User) -> models.QuerySet[Merge]:
    return Merge.objects.filter(agency_id=user.agency_id).select_related("survivor", "merged", "merged_by", "undone_by")


def get_merge(user: User, merge_id: int) -> Merge:
    try:
        return merges_for(user).get(pk=merge_id)
    except Merge.DoesNotExist as error:
        raise Http404 from error


def merges_into(user: User, person: Person) -> list[Merge]:
    """Merges into this person that are in force (for the undo button on the file)."""
    return list(merges_for(user).filter(survivor=person, undone_at__isnull=True))


def survivor_of(user: User, person_id: UUID | str) -> Person | None:
    """For a merged person of the user's agency: the record it lives on in (following merges of
    merges); None for anyone else."""
    try:
        person = Person.objects.get(pk=person_id, agency_id=user.agency_id)
    except (Person.DoesNotExist, ValueError):
        return None
    seen = set()
    while person.merged_into_id is not None and person.pk not in seen:
        seen.add(person.pk)
        person = Person.objects.get(pk=person.merged_into_id)
    return person if seen else None


def open_pair(user: User, suspicion: DuplicateSuspicion) -> None:
    """Record that the steward looked at the master data of both persons."""
    with transaction.atomic():
        for person_id in (suspicion.person_a_id, suspicion.person_b_id):
            audit.record(user, AuditEntry.Action.OPEN_FILE, person_id=person_id, reason="duplicate_review")


# Deciding --------------------------------------------------------------------------------------


def _ordered(a_id: Any, b_id: Any) -> tuple[Any, Any]:
    return (a_id, b_id) if str(a_id) < str(b_id) else (b_id, a_id)


def remember_different(user: User, person: Person, others: Iterable[tuple[Person, float]]) -> None:
    """The user confirmed that `person` is none of `others`: remember each pair as different, so
    that it is never suggested again. Runs inside the caller's transaction."""
    now = timezone.now()
    for other, score in others:
        a_id, b_id = _ordered(person.pk, other.pk)
        DuplicateSuspicion.objects.update_or_create(
            person_a_id=a_id,
            person_b_id=b_id,
            defaults={
                "agency_id": user.agency_id,
                "status": DuplicateSuspicion.Status.DIFFERENT,
                "decided_by": user,
                "decided_at": now,
            },
            create_defaults={
                "agency_id": user.agency_id,
                "score": score,
                "status": DuplicateSuspicion.Status.DIFFERENT,
                "decided_by": user,
                "decided_at": now,
            },
        )


@transaction.atomic
def mark_different(user: User, suspicion: DuplicateSuspicion) -> DuplicateSuspicion:
    require_steward(user)
    suspicion = DuplicateSuspicion.objects.select_for_update().get(pk=suspicion.pk, agency_id=user.agency_id)
    if suspicion.status != DuplicateSuspicion.Status.OPEN:
        raise MergeRefused(_("This pair has already been decided."))
    suspicion.status = DuplicateSuspicion.Status.DIFFERENT
    suspicion.decided_by = user
    suspicion.decided_at = timezone.now()
    suspicion.save(update_fields=["status", "decided_by", "decided_at"])
    for person_id, other_id in (
        (suspicion.person_a_id, suspicion.person_b_id),
        (suspicion.person_b_id, suspicion.person_a_id),
    ):
        audit.record(
            user, AuditEntry.Action.UPDATE, person_id=person_id, obj=suspicion, reason=f"different_from:{other_id}"
        )
    return suspicion


# Merging ---------------------------------------------------------------------------------------

_LABEL: dict[type[models.Model], str] = {
    model: model._meta.label_lower
    for model in (SectionEntry, Consent, Nationality, SpokenLanguage, AlternativeName, Identifier, PersonKey)
}


# Rows of apps built on people (cases, visits) that name a person and move with a merge. Those
# apps register them when Django starts (their AppConfig.ready), since people must not import them.
_EXTRA: list[type[models.Model]] = []


def register_person_rows(*extra: type[models.Model]) -> None:
    for model in extra:
        if model not in _EXTRA:
            _EXTRA.append(model)
            _LABEL[model] = model._meta.label_lower


def _move(model: type[models.Model], ids: list[int], to: Person) -> None:
    if ids:
        model.objects.filter(pk__in=ids).update(person=to)  # type: ignore[attr-defined]


def _split(rows: Iterable[Any], existing: set[Any], key) -> tuple[list[int], list[int]]:  # type: ignore[no-untyped-def]
    """Ids to move and ids to skip (an exact duplicate of a row the survivor already has)."""
    move, skip = [], []
    for row in rows:
        k = key(row)
        if k in existing:
            skip.append(row.pk)
        else:
            existing.add(k)
            move.append(row.pk)
    return move, skip


def _lock(person_ids: Iterable[Any], agency_id: int) -> dict[Any, Person]:
    locked = Person.objects.select_for_update().filter(agency_id=agency_id, pk__in=list(person_ids)).order_by("pk")
    return {p.pk: p for p in locked}


@transaction.atomic
def merge(user: User, survivor: Person, merged: Person) -> Merge:
    """Merge `merged` into `survivor`: every office's section entries, consents, nationalities,
    languages, spellings, identifiers, match keys and (if the survivor has none) the household
    move over; `merged` stays as a row pointing at the survivor."""
    require_steward(user)
    persons = _lock([survivor.pk, merged.pk], user.agency_id)
    if survivor.pk == merged.pk or len(persons) != 2:
        raise MergeRefused(_("These records cannot be merged."))
    survivor, merged = persons[survivor.pk], persons[merged.pk]
    if survivor.merged_into_id or merged.merged_into_id:
        raise MergeRefused(_("One of the records has already been merged into another."))

    moved: dict[str, Any] = {"created": {}, "skipped": {}}

    def take(model: type[models.Model], move: list[int], skip: list[int] | None = None) -> None:
        _move(model, move, survivor)
        moved[_LABEL[model]] = move
        if skip:
            moved["skipped"][_LABEL[model]] = list(skip)

    take(SectionEntry, list(SectionEntry.objects.filter(person=merged).values_list("pk", flat=True)))
    take(Consent, list(Consent.objects.filter(person=merged).values_list("pk", flat=True)))
    take(
        Nationality,
        *_split(
            Nationality.objects.filter(person=merged),
            set(survivor.nationalities.values_list("code", flat=True)),
            lambda n: n.code,
        ),
    )
    # One row per language and person (a constraint): a language the survivor already has stays
    # with the merged record, whatever its level, and is listed as skipped.
    take(
        SpokenLanguage,
        *_split(
            SpokenLanguage.objects.filter(person=merged),
            set(survivor.languages.values_list("code", flat=True)),
            lambda lang: lang.code,
        ),
    )
    take(
        Identifier,
        *_split(
            Identifier.objects.filter(person=merged),
            {(i.kind, i.value, i.issuing_country, i.valid_until) for i in survivor.identifiers.all()},
            lambda i: (i.kind, i.value, i.issuing_country, i.valid_until),
        ),
    )
    spellings = {(a.given_names, a.family_name) for a in survivor.alternative_names.all()}
    spellings.add((survivor.given_names, survivor.family_name))
    take(
        AlternativeName,
        *_split(AlternativeName.objects.filter(person=merged), spellings, lambda a: (a.given_names, a.family_name)),
    )
    created = []
    for names in {(merged.given_names, merged.family_name), (merged.given_names_original, merged.family_name_original)}:
        if any(names) and names not in spellings:
            spellings.add(names)
            created.append(
                AlternativeName.objects.create(
                    person=survivor, given_names=names[0], family_name=names[1], note=MERGE_NOTE
                ).pk
            )
    if created:
        moved["created"][_LABEL[AlternativeName]] = created
    take(
        PersonKey,
        *_split(
            PersonKey.objects.filter(person=merged),
            set(survivor.match_keys.values_list("key", flat=True)),
            lambda k: k.key,
        ),
    )
    for model in _EXTRA:
        take(model, list(model._default_manager.filter(person=merged).values_list("pk", flat=True)))
    if survivor.household_id is None and merged.household_id is not None:
        moved["household"] = {
            "household": str(merged.household_id),
            "relation": merged.household_relation,
            "survivor_relation": survivor.household_relation,
        }
        survivor.household_id, survivor.household_relation = merged.household_id, merged.household_relation
        merged.household_id = None
    survivor.refresh_name_index()
    survivor.save(update_fields=["household", "household_relation", "name_index", "updated_at"])
    merged.merged_into = survivor
    merged.save(update_fields=["merged_into", "household", "updated_at"])

    entry = Merge.objects.create(
        agency_id=user.agency_id, survivor=survivor, merged=merged, moved=moved, merged_by=user
    )
    a_id, b_id = _ordered(survivor.pk, merged.pk)
    DuplicateSuspicion.objects.filter(person_a_id=a_id, person_b_id=b_id).update(
        status=DuplicateSuspicion.Status.MERGED, decided_by=user, decided_at=timezone.now()
    )
    _audit_both(user, entry, survivor, merged, moved, "merge")
    return entry


@transaction.atomic
def undo_merge(user: User, merge_entry: Merge) -> Merge:
    """Move back exactly what the merge moved, delete what it created, and make the merged
    person a record of their own again."""
    require_steward(user)
    entry = Merge.objects.select_for_update().get(pk=merge_entry.pk, agency_id=user.agency_id)
    if entry.undone_at is not None:
        raise MergeRefused(_("This merge has already been undone."))
    persons = _lock([entry.survivor_id, entry.merged_id], user.agency_id)
    survivor, merged = persons[entry.survivor_id], persons[entry.merged_id]
    if merged.merged_into_id != survivor.pk:
        raise MergeRefused(_("This merge is no longer in force."))
    if survivor.merged_into_id is not None:
        raise MergeRefused(_("The surviving record has since been merged into another: undo that merge first."))
    moved = entry.moved
    for model, label in _LABEL.items():
        ids = moved.get(label) or []
        if ids:
            model.objects.filter(pk__in=ids, person=survivor).update(person=merged)  # type: ignore[attr-defined]
    for label, ids in (moved.get("created") or {}).items():
        if label == _LABEL[AlternativeName]:
            AlternativeName.objects.filter(pk__in=ids, person=survivor).delete()
    if household := moved.get("household"):
        if str(survivor.household_id) == household["household"]:
            survivor.household_id, survivor.household_relation = None, household.get("survivor_relation", "")
        merged.household_id = household["household"]
    survivor.refresh_name_index()
    survivor.save(update_fields=["household", "household_relation", "name_index", "updated_at"])
    merged.merged_into = None
    merged.refresh_name_index()
    merged.save(update_fields=["merged_into", "household", "name_index", "updated_at"])

    # Keys are derived data: if the survivor's were recomputed since the merge (an edit), the moved
    # ones are gone; recompute both persons' keys from what they have now.
    matching_store.refresh_keys([survivor, merged])

    entry.undone_by, entry.undone_at = user, timezone.now()
    entry.save(update_fields=["undone_by", "undone_at"])
    a_id, b_id = _ordered(survivor.pk, merged.pk)
    DuplicateSuspicion.objects.filter(
        person_a_id=a_id, person_b_id=b_id, status=DuplicateSuspicion.Status.MERGED
    ).update(status=DuplicateSuspicion.Status.OPEN, decided_by=None, decided_at=None)
    _audit_both(user, entry, survivor, merged, moved, "undo_merge")
    return entry


def _audit_both(user, entry, survivor, merged, moved, action: str) -> None:  # type: ignore[no-untyped-def]
    """A merge (or its undo) changes both files: one audit entry on each person, naming the other."""
    fields = sorted(k for k, v in moved.items() if k not in ("created", "skipped") and v)
    audit.record(
        user,
        AuditEntry.Action.UPDATE,
        person_id=survivor.pk,
        obj=entry,
        reason=f"{action}_from:{merged.pk}",
        fields=fields,
    )
    audit.record(
        user,
        AuditEntry.Action.UPDATE,
        person_id=merged.pk,
        obj=entry,
        reason=f"{action}_into:{survivor.pk}",
        fields=["merged_into"],
    )
