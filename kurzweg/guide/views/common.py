"""What every public guide page shares: the agency from the address, the language from the
address (activated for the whole view), the language menu that leads to the same page in
every other language, and the cookie that remembers the visitor's choice."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from kurzweg.core.models import Agency
from kurzweg.languages import BY_CODE, NEWCOMER_LANGUAGES, Language

from ..models import AgencyGuide

COOKIE = "kurzweg_guide_language"
COOKIE_MAX_AGE = 365 * 24 * 3600
# Browser language tags that name one of our languages differently: Dari is written "prs".
ALIASES = {"prs": "fa"}


@dataclass
class Guide:
    """What a guide view knows about the request: whose guide, in which language."""

    agency: Agency
    language: Language
    settings: AgencyGuide


def suggested_language(request: HttpRequest) -> str:
    """The remembered choice, else the best match of the browser's Accept-Language, else German.
    Leichte Sprache is never suggested by a browser: it is chosen on the page."""
    remembered = request.COOKIES.get(COOKIE, "")
    if remembered in BY_CODE:
        return remembered
    header = request.headers.get("Accept-Language", "")
    for tag, _quality in trans_real.parse_accept_lang_header(header):
        tag = tag.lower()
        for candidate in (tag, tag.split("-")[0]):
            candidate = ALIASES.get(candidate, candidate)
            if candidate in BY_CODE and candidate != "de-ls":
                return candidate
    return "de"


def remember(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(COOKIE, language, max_age=COOKIE_MAX_AGE, path="/guide/", samesite="Lax")
    return response


def guide_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For views at /guide/<agency>/<lang>/…: finds the agency (404 if unknown), speaks the
    language of the address and remembers it for the next visit."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, agency: str, lang: str, **kwargs: Any) -> HttpResponse:
        found = get_object_or_404(Agency, slug=agency)
        # No write on a public GET: an agency without settings yet gets the defaults.
        settings = AgencyGuide.objects.filter(agency=found).first() or AgencyGuide(agency=found)
        guide = Guide(found, BY_CODE[lang], settings)
        with translation.override(lang):
            response = view(request, guide, **kwargs)
        response["Content-Language"] = lang
        return remember(response, lang)

    return wrapper


def alternates(request: HttpRequest, current: str, query: str = "") -> list[dict[str, Any]]:
    """The same page in every newcomer language, with the query the view passes on (a
    checklist stays the same checklist; nothing else of the address is copied)."""
    match = request.resolver_match
    assert match is not None
    links = []
    for lang in NEWCOMER_LANGUAGES:
        url = reverse(match.view_name, kwargs={**match.kwargs, "lang": lang.code})
        links.append({"language": lang, "url": f"{url}?{query}" if query else url, "current": lang.code == current})
    return links


def page(
    request: HttpRequest, guide: Guide, template: str, context: dict[str, Any], *, status: int = 200, query: str = ""
) -> HttpResponse:
    base = {
        "guide": guide,
        "lang": guide.language.code,
        "agency_slug": guide.agency.slug,
        "agency_name": guide.agency.name,
        "alternates": alternates(request, guide.language.code, query),
    }
    # The page depends on its address only; the language cookie matters at /guide/<agency>/.
    return render(request, template, base | context, status=status)
