"""The guide's start, its service pages and "finding the way"."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from kurzweg.core.models import Agency, Office
from kurzweg.servicepoint import clock
from kurzweg.servicepoint.models import Service, ServiceName

from .. import content, floorplan, hours, texts, waits
from ..models import SOURCE_LANGUAGE, ServiceText
from .common import Guide, guide_page, page, suggested_language
from .pagecache import WAIT_PLACEHOLDER, WaitSlot, cached_page, with_wait


def catalogue(agency: Agency, language: str, *, with_texts: bool = True) -> QuerySet[Service]:
    """The active services with their name in `language` and, for `texts.shown_text`, their
    text in `language` and in German (the fallback, and what says whether a translation is
    outdated) — not every language's, which a page never shows."""
    names = Prefetch("names", queryset=ServiceName.objects.filter(language=language))
    found = Service.objects.filter(agency=agency, active=True).select_related("office").prefetch_related(names)
    if with_texts:
        languages = {language, SOURCE_LANGUAGE}
        found = found.prefetch_related(Prefetch("texts", queryset=ServiceText.objects.filter(language__in=languages)))
    return found


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """/guide/: the agencies of this installation (straight on when there is one)."""
    agencies = list(Agency.objects.order_by("name"))
    if len(agencies) == 1:
        return redirect("guide:agency", agency=agencies[0].slug)
    return render(request, "guide/index.html", {"agencies": agencies})


@require_safe
def agency_start(request: HttpRequest, agency: str) -> HttpResponse:
    """/guide/<agency>/: on to the remembered language, or the browser's best match."""
    found = get_object_or_404(Agency, slug=agency)
    response = redirect("guide:home", agency=found.slug, lang=suggested_language(request))
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@require_safe
@cached_page
@guide_page
def home(request: HttpRequest, guide: Guide) -> HttpResponse:
    services = list(catalogue(guide.agency, guide.language.code, with_texts=False))
    by_office: dict[Office, list[dict[str, object]]] = {}
    for service in services:
        by_office.setdefault(service.office, []).append(
            {"service": service, "name": service.name_in(guide.language.code)}
        )
    offices = [(office, floorplan.office_label(office), entries) for office, entries in by_office.items()]
    return page(request, guide, "guide/home.html", {"offices": offices})


@require_safe
@cached_page
@guide_page
def service_page(request: HttpRequest, guide: Guide, code: str) -> HttpResponse:
    service = catalogue(guide.agency, guide.language.code).filter(code=code).first()
    if service is None:
        raise Http404
    language = guide.language.code
    today = timezone.localdate(clock.now())
    service_point = waits.service_point_for(service)
    today_hours = hours.today(guide.agency, service.office, today)
    context = {
        "service": service,
        "name": service.name_in(language),
        "shown": texts.shown_text(service, language),
        "office_label": floorplan.office_label(service.office),
        "rooms": [
            (room, floorplan.floor_label(room.floor))
            for room in floorplan.rooms_of(guide.agency).get(service.office_id, [])
        ],
        "week": hours.week(guide.agency, service.office),
        "today": today_hours,
        "closures": hours.closures(guide.agency, service.office, today),
        "wait": WAIT_PLACEHOLDER,  # live, filled in on every request (pagecache.py)
        "way_url": reverse("guide:way", kwargs={"agency": guide.agency.slug, "lang": language}),
    }
    response = page(request, guide, "guide/service.html", context)
    return with_wait(response, WaitSlot(service_point.pk if service_point else None, service.pk, today_hours.is_open))


@require_safe
@cached_page
@guide_page
def way(request: HttpRequest, guide: Guide) -> HttpResponse:
    """Opening hours, closures, address, how to get there, and the floor plan."""
    today = timezone.localdate(clock.now())
    highlight = Office.objects.filter(agency=guide.agency, code=request.GET.get("office", "")).first()
    context = {
        "week": hours.week(guide.agency),
        "today": hours.today(guide.agency, None, today),
        "closures": hours.closures(guide.agency, None, today, days=120),
        "floors": floorplan.floors(guide.agency, highlight),
        "highlight": highlight,
        "highlight_label": floorplan.office_label(highlight) if highlight else "",
    }
    return page(request, guide, "guide/way.html", context, query=f"office={highlight.code}" if highlight else "")


@require_safe
@cached_page
@guide_page
def easy_read(request: HttpRequest, guide: Guide) -> HttpResponse:
    """What this website is and how to use it, in Leichte Sprache (BITV 2.0 § 4)."""
    return page(request, guide, "guide/easy_read.html", {"sections": content.EASY_READ})
