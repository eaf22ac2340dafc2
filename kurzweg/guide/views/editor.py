"""Content editors (staff): the texts of every service in every newcomer language, with the
status of each translation. Mounted under a staff address (`urls_staff.py`), never under the
public /guide/.

Who may edit: a role with `may_edit_content` (administrators and office leads by default)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kurzweg.core.decorators import StaffRequest, staff_required
from kurzweg.core.models import User
from kurzweg.languages import BY_CODE, NEWCOMER_LANGUAGES
from kurzweg.servicepoint.models import Service

from .. import texts
from ..forms import ServiceTextForm
from ..models import SOURCE_LANGUAGE, ServiceText, text_state


def may_edit_content(user: User) -> bool:
    return user.can("may_edit_content")


def _editor(request: StaffRequest) -> None:
    if not may_edit_content(request.user):
        raise PermissionDenied


@staff_required
def overview(request: StaffRequest) -> HttpResponse:
    _editor(request)
    services = Service.objects.filter(agency=request.agency).select_related("office").prefetch_related("texts")
    rows = [(service, texts.statuses(service)) for service in services]
    return render(request, "guide/staff/overview.html", {"rows": rows, "languages": NEWCOMER_LANGUAGES})


@staff_required
def edit_text(request: StaffRequest, code: str, lang: str) -> HttpResponse:
    _editor(request)
    if lang not in BY_CODE:
        raise Http404
    service = get_object_or_404(Service, agency=request.agency, code=code)
    german = ServiceText.objects.filter(service=service, language=SOURCE_LANGUAGE).first()
    text = ServiceText.objects.filter(service=service, language=lang).first()
    if lang != SOURCE_LANGUAGE and german is None:
        messages.warning(request, _("Write the German text first: translations are made from it."))
        return redirect("guide_staff:edit", code=code, lang=SOURCE_LANGUAGE)
    form = ServiceTextForm(request.POST or None, instance=text or ServiceText(service=service, language=lang))
    for name in ("summary", "who_for", "documents", "fees"):  # typed in the language edited
        form.fields[name].widget.attrs.update(lang=lang, dir="rtl" if BY_CODE[lang].rtl else "ltr")
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        # Saving a translation confirms it matches the German text as it is now.
        saved.source_hash = german.content_hash() if german and lang != SOURCE_LANGUAGE else ""
        saved.updated_by = request.user
        saved.save()
        messages.success(request, _("Saved."))
        return redirect("guide_staff:overview")
    context = {
        "service": service,
        "language": BY_CODE[lang],
        "form": form,
        "german": german if lang != SOURCE_LANGUAGE else None,
        "state": text_state(text, german),
    }
    return render(request, "guide/staff/edit.html", context)
