"""The guide's public pages, kept in the cache that every server process shares
(`CACHES["shared"]`), so that a page rendered once serves every visitor of every process.

A page is kept by its address (agency, language and, for a checklist, the answers — nothing
personal) and today's date (opening hours and closures say "today"), together with the content
version it was made in. Any change to what the pages show — texts at /content/, services and their names, offices,
rooms, desks, service points, opening hours, closures, the guide's settings — starts a new
content version, so the next visit renders afresh (a change through `QuerySet.update()` sends
no signal: it shows after PAGE_SECONDS at the latest). The live waiting time is not part of the
kept page: it is filled into a placeholder on every request from the waiting times that one
process works out every 30 s for all (`waits.py`).

Only pages that are the same for every visitor are kept: no form with a CSRF token, nothing
from a session. The booking and feedback pages are never kept."""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import BaseCache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from kurzweg.core.models import Agency, Desk, Office, Room
from kurzweg.servicepoint import clock
from kurzweg.servicepoint.models import Service, ServiceName, ServicePoint

from .. import waits
from ..models import AgencyGuide, Closure, OpeningHours, ServiceText
from .common import remember

# Edits show at once (new content version); this only bounds how long a page lives when its
# content was changed outside the web application (a shell, SQL, a loader in another process).
PAGE_SECONDS = 10 * 60
VERSION_KEY = "guide:content-version"
WAIT_PLACEHOLDER = mark_safe("<!--kurzweg:guide-wait-->")


def shared() -> BaseCache:
    return caches["shared"]


def content_changed(**_kwargs: Any) -> None:
    """A new content version: every kept page is rendered afresh at its next visit. One
    version for the installation (edits are rare; a page of another agency re-rendered once
    costs less than finding out whose it was). Once now and once more after the transaction
    commits: a page rendered in between from the not yet committed rows' old state would
    otherwise be kept under the new version."""
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    shared().set(VERSION_KEY, time.time_ns(), None)


# What the pages show. A visit, a ticket or a call changes only the waiting time, which is
# not kept with the page.
SHOWN = (
    Agency,
    Office,
    Room,
    Desk,
    ServicePoint,
    Service,
    ServiceName,
    ServiceText,
    AgencyGuide,
    OpeningHours,
    Closure,
)
for _model in SHOWN:
    post_save.connect(content_changed, sender=_model, dispatch_uid=f"guide-page-{_model.__name__}-save")
    post_delete.connect(content_changed, sender=_model, dispatch_uid=f"guide-page-{_model.__name__}-delete")
for _through in (Service.desks.through, ServicePoint.rooms.through):
    m2m_changed.connect(content_changed, sender=_through, dispatch_uid=f"guide-page-{_through.__name__}")


@dataclass(frozen=True)
class WaitSlot:
    """Where a service page shows the live waiting time, and what decides its wording."""

    service_point_id: int | None
    service_id: int
    open_today: bool


def with_wait(response: HttpResponse, slot: WaitSlot) -> HttpResponse:
    """For a view whose template shows `WAIT_PLACEHOLDER`: the waiting time to fill in there
    on every request, the kept page's and the fresh one's alike."""
    response.guide_wait_slot = slot  # type: ignore[attr-defined]
    return response


def render_wait(slot: WaitSlot) -> str:
    """The "waiting time now" value, in the active language."""
    wait = None
    if slot.open_today and slot.service_point_id is not None:
        wait = waits.waits_at(slot.service_point_id).get(slot.service_id, waits.Wait(0, 0))
    return render_to_string("guide/_wait.html", {"wait": wait, "open_today": slot.open_today})


def _fill(body: bytes, slot: WaitSlot | None, lang: str) -> bytes:
    if slot is None:
        return body
    with translation.override(lang):
        fragment = render_wait(slot)
    return body.replace(WAIT_PLACEHOLDER.encode(), fragment.encode(), 1)


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serves a kept page when there is one for this address, date and content version;
    otherwise runs the view and keeps its answer (200 only). Goes outside `guide_page`: a
    page served from here asks the database nothing (the waiting time comes from the cache
    too, but for one refresh every 30 s)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, agency: str, lang: str, **kwargs: Any) -> HttpResponse:
        # Scheme and host too: a checklist's share link is an absolute address.
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        today = timezone.localdate(clock.now()).isoformat()
        key = f"guide:page:{today}:{address}"
        # One round trip: the kept page and the current content version it must have been made in.
        found = shared().get_many([key, VERSION_KEY])
        version = found.get(VERSION_KEY, 0)
        kept = found.get(key)
        if kept is not None and kept[0] == version:
            _version, body, slot = kept
            response = HttpResponse(_fill(body, slot, lang))
            response["Content-Language"] = lang
            return remember(response, lang)
        response = view(request, agency=agency, lang=lang, **kwargs)
        if response.status_code == 200:
            slot = getattr(response, "guide_wait_slot", None)
            shared().set(key, (version, response.content, slot), PAGE_SECONDS)
            response.content = _fill(response.content, slot, lang)
        return response

    return wrapper
