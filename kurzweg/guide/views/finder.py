"""The finder: questions (a GET form) and the personal checklist at an address that holds only
the answers (see `finder.py` for why they are not personal data)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.views.decorators.http import require_safe

from kurzweg.core.models import Room
from kurzweg.servicepoint.models import Service

from .. import finder, floorplan, texts
from .common import Guide, guide_page, page
from .pagecache import cached_page
from .pages import catalogue


@require_safe
@cached_page
@guide_page
def questions(request: HttpRequest, guide: Guide) -> HttpResponse:
    return page(request, guide, "guide/finder.html", {"form": finder.FinderForm()})


@dataclass
class Item:
    number: int
    service: Service
    name: str
    reason: Promise
    office_label: str
    rooms: list[tuple[Room, str]]
    shown: texts.ShownText


@require_safe
@cached_page
@guide_page
def checklist(request: HttpRequest, guide: Guide) -> HttpResponse:
    form = finder.FinderForm(request.GET)
    if not form.is_valid():
        return page(request, guide, "guide/finder.html", {"form": form})
    language = guide.language.code
    answers = urlencode(form.cleaned_data)
    services = {s.code: s for s in catalogue(guide.agency, language)}
    rooms = floorplan.rooms_of(guide.agency)
    items: list[Item] = []
    for step in finder.steps(form.cleaned_data):
        service = services.get(step.service_code)
        if service is None:  # this agency does not offer it (or not now)
            continue
        items.append(
            Item(
                number=len(items) + 1,
                service=service,
                name=service.name_in(language),
                reason=step.reason,
                office_label=floorplan.office_label(service.office),
                rooms=[(room, floorplan.floor_label(room.floor)) for room in rooms.get(service.office_id, [])],
                shown=texts.shown_text(service, language),
            )
        )
    # One notice for the whole list when some of it is shown in German (outdated before missing).
    fallbacks = sorted((item.shown for item in items if item.shown.fallback), key=lambda s: s.fallback != "outdated")
    context = {
        "items": items,
        "fallback": fallbacks[0] if fallbacks else None,
        # One visit, one ticket for every concern that needs no appointment.
        "same_visit": [item for item in items if item.service.walk_in],
        # Only the answers, whatever else the address carried.
        "share_url": request.build_absolute_uri(f"{request.path}?{answers}"),
    }
    return page(request, guide, "guide/checklist.html", context, query=answers)
