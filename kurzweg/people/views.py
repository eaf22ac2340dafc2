"""Staff pages for finding persons and working with their file. Each view checks access in
its first lines through kurzweg.people.access; none filters personal data by hand."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kurzweg.core.decorators import StaffRequest, staff_required
from kurzweg.languages import BY_CODE, NEWCOMER_LANGUAGES, newcomer_language

from . import access, merging, services
from .consent_forms import ConsentForm
from .forms import RELATED_FORMSETS, DifferentPersonForm, PersonForm, SearchForm, SectionEntryForm
from .models import Person
from .printout import printout_language
from .search import BirthFilter, PersonQuery, find_persons

MATCH_LIMIT = 10  # persons shown in the "Is this the person?" panel


@staff_required
def home(request: StaffRequest) -> HttpResponse:
    return render(request, "people/search.html", {"form": SearchForm(), "searched": False})


@staff_required
@require_POST
def search(request: StaffRequest) -> HttpResponse:
    # POST, not GET: names and birth dates must not end up in URLs, browser history or logs.
    form = SearchForm(request.POST)
    matches = find_persons(request.user, form.query()) if form.is_valid() else []
    context = {"form": form, "matches": matches, "searched": form.is_valid()}
    template = "people/search.html#results" if request.htmx else "people/search.html"
    return render(request, template, context)


def _formsets(request: StaffRequest, person: Person | None):  # type: ignore[no-untyped-def]
    data = request.POST if request.method == "POST" else None
    formsets = []
    for prefix, cls in RELATED_FORMSETS:
        formset = cls(data, instance=person, prefix=prefix)
        formset.title = cls.model._meta.verbose_name_plural
        formsets.append(formset)
    return formsets


LIKELY_LEVELS = ("likely", "exact")


def _likely_matches(user, data) -> list:  # type: ignore[no-untyped-def]
    """Persons the search finds at level likely or exact for the names and birth date typed into
    the registration form. (The simple search has no levels: all it finds counts as likely.)"""
    name = " ".join(str(data.get(f) or "").strip() for f in ("given_names", "family_name")).strip()
    if len(name.replace(" ", "")) < 3:
        return []
    birth = None
    try:
        year, month, day = (int(data[f]) if data.get(f) else None for f in ("birth_year", "birth_month", "birth_day"))
    except (TypeError, ValueError):
        year = month = day = None
    if year and 1900 <= year <= 2100:
        month = month if month and 1 <= month <= 12 else None
        day = day if month and day and 1 <= day <= 31 else None
        birth = BirthFilter(year, year, month, day)
    matches = find_persons(user, PersonQuery(name=name, birth=birth), limit=MATCH_LIMIT)
    return [m for m in matches if getattr(m, "level", "likely") in LIKELY_LEVELS]


@staff_required
@require_POST
def person_new_matches(request: StaffRequest) -> HttpResponse:
    """While the new person's names and birth date are typed: who might this be already?"""
    if not request.user.can("may_register_persons"):
        raise PermissionDenied
    matches = _likely_matches(request.user, request.POST)
    # Unbound: while typing, an unticked box is no error yet; a ticked one stays ticked.
    confirm = DifferentPersonForm(initial={"confirm_different": bool(request.POST.get("confirm_different"))})
    return render(request, "people/person_form.html#matches", {"matches": matches, "confirm": confirm})


@staff_required
def person_new(request: StaffRequest) -> HttpResponse:
    household_of = None
    if relative_id := request.GET.get("household_of"):
        household_of = access.get_person(request.user, relative_id)
    if not request.user.can("may_register_persons"):
        raise PermissionDenied
    initial = {}
    if household_of is not None:
        initial = {f: getattr(household_of, f) for f in ("family_name", "street", "postcode", "city")}
    form = PersonForm(request.POST or None, initial=initial)
    formsets = _formsets(request, Person())
    matches, confirm = [], None
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        # Register only after searching: a likely match needs the user's confirmation.
        matches = _likely_matches(request.user, form.cleaned_data)
        confirm = DifferentPersonForm(request.POST) if matches else None
        if confirm is None or confirm.is_valid():
            despite = [(m.person, float(getattr(m, "score", 1.0) or 0.0)) for m in matches]
            person = services.save_person(
                request.user, form.save(commit=False), formsets, household_of=household_of, despite_matches=despite
            )
            messages.success(request, _("The person has been registered."))
            return redirect("people:file", person.pk)
    return render(
        request,
        "people/person_form.html",
        {
            "form": form,
            "formsets": formsets,
            "household_of": household_of,
            "creating": True,
            "matches": matches,
            "confirm": confirm,
        },
    )


@staff_required
def person_edit(request: StaffRequest, person_id: str) -> HttpResponse:
    person = access.get_person(request.user, person_id)
    if not request.user.can("may_register_persons"):
        raise PermissionDenied
    before = services.snapshot(person)
    form = PersonForm(request.POST or None, instance=person)
    formsets = _formsets(request, person)
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        services.save_person(request.user, form.save(commit=False), formsets, before=before)
        messages.success(request, _("The changes have been saved."))
        return redirect("people:file", person.pk)
    return render(
        request, "people/person_form.html", {"form": form, "formsets": formsets, "person": person, "creating": False}
    )


@staff_required
def person_file(request: StaffRequest, person_id: str) -> HttpResponse:
    try:
        person = access.get_person(request.user, person_id)
    except Http404:
        survivor = merging.survivor_of(request.user, person_id)
        if survivor is None:
            raise
        messages.info(
            request,
            _("This record has been merged into another one. You are now seeing the record it was merged into."),
        )
        return redirect("people:file", survivor.pk)
    sections = access.open_file(request.user, person)
    may_steward = merging.may_steward(request.user)
    household = access.household_of(request.user, person)
    return render(
        request,
        "people/file.html",
        {
            "person": person,
            "sections": [s for s in sections if s.granted],
            "household": household,
            "nationalities": person.nationalities.all(),
            "languages": person.languages.all(),
            "alternative_names": person.alternative_names.all(),
            "identifiers": person.identifiers.all(),
            "may_view_access_log": access.may_view_access_log(request.user),
            "merges": merging.merges_into(request.user, person) if may_steward else [],
        },
    )


@staff_required
def section(request: StaffRequest, person_id: str, office_code: str) -> HttpResponse:
    person = access.get_person(request.user, person_id)
    office = access.get_office(request.user, office_code)
    form = None
    if request.method == "POST":
        grant = access.section_access(request.user, person, office)
        if not grant.may_write:
            access.log_refusal(request.user, person, office, "write_section")
            raise PermissionDenied
        form = SectionEntryForm(request.POST, may_special=grant.special_categories)
        if form.is_valid():
            services.add_section_entry(request.user, person, office, **form.cleaned_data)
            messages.success(request, _("The entry has been saved."))
            return redirect("people:section", person.pk, office.code)
    grant, entries = access.read_section(request.user, person, office)
    if grant.may_write and form is None:
        form = SectionEntryForm(may_special=grant.special_categories)
    return render(
        request,
        "people/section.html",
        {"person": person, "office": office, "grant": grant, "entries": entries, "form": form},
    )


@staff_required
def access_log(request: StaffRequest, person_id: str) -> HttpResponse:
    person = access.get_person(request.user, person_id)
    entries = access.access_log(request.user, person)
    return render(request, "people/access_log.html", {"person": person, "entries": entries})


@staff_required
def consents(request: StaffRequest, person_id: str) -> HttpResponse:
    person = access.get_person(request.user, person_id)
    section_offices = services.consent_offices(request.user)
    may_record = bool(section_offices)
    form = None
    if may_record:
        form = ConsentForm(
            request.POST or None,
            agency_id=request.user.agency_id,
            section_offices=section_offices,
            initial={"language": printout_language(person)},
        )
        if request.method == "POST" and form.is_valid():
            services.record_consent(request.user, person, **form.cleaned_data)
            messages.success(
                request, _("The consent has been recorded. Print it (“Printout”) for the person to sign and keep.")
            )
            return redirect("people:consents", person.pk)
    elif request.method == "POST":
        raise PermissionDenied
    rows = list(access.consents_for(request.user, person))
    for consent in rows:
        consent.may_withdraw = consent.is_in_force and services.may_withdraw(request.user, consent)
    return render(
        request, "people/consents.html", {"person": person, "consents": rows, "form": form, "may_record": may_record}
    )


@staff_required
@require_POST
def consent_withdraw(request: StaffRequest, person_id: str, consent_id: int) -> HttpResponse:
    person = access.get_person(request.user, person_id)
    consent = get_object_or_404(access.consents_for(request.user, person), pk=consent_id)
    with transaction.atomic():
        services.withdraw_consent(request.user, consent)
    messages.success(request, _("The consent has been withdrawn. Sharing has stopped."))
    return redirect("people:consents", person.pk)


@staff_required
def consent_print(request: StaffRequest, person_id: str, consent_id: int) -> HttpResponse:
    """What the person agreed to, for them to sign and keep: in German and in their language
    (right-to-left for Arabic and Farsi), as a print page."""
    person = access.get_person(request.user, person_id)
    consent = get_object_or_404(access.consents_for(request.user, person), pk=consent_id)
    language = newcomer_language(request.GET.get("lang") or consent.language or printout_language(person))
    blocks = []
    for lang in dict.fromkeys(["de", language.code]):
        with translation.override(lang):
            blocks.append(
                {
                    "language": lang,
                    "rtl": BY_CODE[lang].rtl,
                    "html": render_to_string("people/consent_print_block.html", {"person": person, "consent": consent}),
                }
            )
    return render(
        request,
        "people/consent_print.html",
        {"person": person, "consent": consent, "blocks": blocks, "language": language, "languages": NEWCOMER_LANGUAGES},
    )
