"""Staff pages of the data steward: the queue of suspected duplicates, a pair side by side with
its decision (same person → merge, different persons → remembered), and the list of merges with
their undo. Every view checks the capability `may_steward_data` in its first lines; objects of
other agencies are not found (404)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kurzweg.core.decorators import StaffRequest, staff_required

from . import access, merging
from .countries import country_name, language_name
from .forms import MergeForm
from .models import DuplicateSuspicion, Person

PAGE_SIZE = 50


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    a: list[str]
    b: list[str]

    @property
    def differs(self) -> bool:
        return sorted(self.a) != sorted(self.b)


def _lines(items: list[str]) -> list[str]:
    return items or ["—"]


def _person_values(user, person: Person) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    household = access.household_of(user, person)
    place = ", ".join(p for p in (person.place_of_birth, country_name(person.country_of_birth)) if p)
    address = " ".join(p for p in (person.street, person.postcode, person.city) if p)
    return {
        "given_names": [person.given_names],
        "family_name": [person.family_name],
        "original": [" ".join(p for p in (person.given_names_original, person.family_name_original) if p)],
        "birth": [f"{person.birth_date_display} ({person.birth_date_precision_label})"],
        "sex": [str(person.get_sex_display())],
        "place_of_birth": [place],
        "nationalities": [f"{country_name(n.code)} ({n.code})" for n in person.nationalities.all()],
        "languages": [f"{language_name(lang.code)}: {lang.get_level_display()}" for lang in person.languages.all()],
        "spellings": [f"{a.given_names} {a.family_name}".strip() for a in person.alternative_names.all()],
        "identifiers": [
            f"{i.get_kind_display()}: {i.value}" + (f" ({i.issuing_country})" if i.issuing_country else "")
            for i in person.identifiers.all()
        ],
        "phone": [person.phone],
        "email": [person.email],
        "address": [address],
        "household": [
            *([str(person.get_household_relation_display())] if person.household_relation else []),
            *[
                f"{m.display_name} ({m.get_household_relation_display() or '—'}, {m.birth_date_display})"
                for m in household
            ],
        ],
    }


ROW_LABELS = [
    ("given_names", gettext_lazy("Given names")),
    ("family_name", gettext_lazy("Family name")),
    ("original", gettext_lazy("Name in original script")),
    ("birth", gettext_lazy("Birth date")),
    ("sex", gettext_lazy("Sex")),
    ("place_of_birth", gettext_lazy("Place of birth")),
    ("nationalities", gettext_lazy("Nationalities")),
    ("languages", gettext_lazy("Languages")),
    ("spellings", gettext_lazy("Other spellings")),
    ("identifiers", gettext_lazy("Identifiers")),
    ("phone", gettext_lazy("Phone")),
    ("email", gettext_lazy("E-mail")),
    ("address", gettext_lazy("Address")),
    ("household", gettext_lazy("Household")),
]


def compare(user, a: Person, b: Person) -> list[Row]:  # type: ignore[no-untyped-def]
    """Both records' master data row by row (never an office section)."""
    values_a, values_b = _person_values(user, a), _person_values(user, b)
    return [
        Row(key, str(label), _lines([v for v in values_a[key] if v]), _lines([v for v in values_b[key] if v]))
        for key, label in ROW_LABELS
    ]


@staff_required
def queue(request: StaffRequest) -> HttpResponse:
    merging.require_steward(request.user)
    page = Paginator(merging.open_suspicions(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/duplicates.html", {"page": page})


@staff_required
def pair(request: StaffRequest, suspicion_id: int) -> HttpResponse:
    merging.require_steward(request.user)
    suspicion = merging.get_suspicion(request.user, suspicion_id)
    return _render_pair(request, suspicion)


def _render_pair(request: StaffRequest, suspicion: DuplicateSuspicion, form: MergeForm | None = None) -> HttpResponse:
    a, b = suspicion.person_a, suspicion.person_b
    merging.open_pair(request.user, suspicion)
    decidable = suspicion.status == DuplicateSuspicion.Status.OPEN and not (a.merged_into_id or b.merged_into_id)
    return render(
        request,
        "people/duplicate_pair.html",
        {
            "suspicion": suspicion,
            "a": a,
            "b": b,
            "rows": compare(request.user, a, b),
            "decidable": decidable,
            "form": form or MergeForm(persons=(a, b)),
            "registered_a": date_format(a.created_at, "SHORT_DATE_FORMAT"),
            "registered_b": date_format(b.created_at, "SHORT_DATE_FORMAT"),
        },
    )


@staff_required
@require_POST
def merge(request: StaffRequest, suspicion_id: int) -> HttpResponse:
    merging.require_steward(request.user)
    suspicion = merging.get_suspicion(request.user, suspicion_id)
    form = MergeForm(request.POST, persons=(suspicion.person_a, suspicion.person_b))
    if not form.is_valid():
        return _render_pair(request, suspicion, form)
    survivor, merged = form.survivor_and_merged()
    try:
        merging.merge(request.user, survivor, merged)
    except merging.MergeRefused as error:
        messages.error(request, str(error))
        return redirect("people:duplicate_pair", suspicion.pk)
    messages.success(request, _("The records have been merged into this file. The merge can be undone below."))
    return redirect("people:file", survivor.pk)


@staff_required
@require_POST
def different(request: StaffRequest, suspicion_id: int) -> HttpResponse:
    merging.require_steward(request.user)
    suspicion = merging.get_suspicion(request.user, suspicion_id)
    try:
        merging.mark_different(request.user, suspicion)
    except merging.MergeRefused as error:
        messages.error(request, str(error))
        return redirect("people:duplicate_pair", suspicion.pk)
    messages.success(request, _("Recorded as different persons. This pair will not be suggested again."))
    return redirect("people:duplicates")


@staff_required
def merges(request: StaffRequest) -> HttpResponse:
    merging.require_steward(request.user)
    page = Paginator(merging.merges_for(request.user).order_by("-merged_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "people/merges.html", {"page": page})


@staff_required
@require_POST
def undo(request: StaffRequest, merge_id: int) -> HttpResponse:
    merging.require_steward(request.user)
    entry = merging.get_merge(request.user, merge_id)
    try:
        merging.undo_merge(request.user, entry)
    except merging.MergeRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The merge has been undone. Both records are separate again."))
    if request.POST.get("back") == "merges":
        return redirect("people:merges")
    return redirect("people:file", entry.survivor_id)
