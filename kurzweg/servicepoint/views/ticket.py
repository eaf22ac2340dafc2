"""The live ticket: the page the QR code on the ticket opens on the visitor's phone. No sign-in;
the random token in the address (Visit.token) is the key. Whoever has the link learns the
ticket number, the place in the queue and, when called, the room and desk — nothing about the
person, not even their concerns (a concern can reveal an asylum matter).

The page speaks the visit's language (`?lang=` switches) and polls `status/` every ten
seconds; the status comes from `status.ticket_status`, which reads the cached forecast, so
hundreds of phones polling stay cheap."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import translation
from django.views.decorators.cache import never_cache

from kurzweg.languages import BY_CODE, NEWCOMER_LANGUAGES, newcomer_language

from .. import status
from ..models import Visit

POLL_SECONDS = 10


def _visit(token: str) -> Visit | None:
    return Visit.objects.select_related("service_point__agency", "current_desk__room").filter(token=token).first()


def _language(request: HttpRequest, visit: Visit | None) -> str:
    chosen = request.GET.get("lang", "")
    if chosen in BY_CODE:
        return chosen
    return newcomer_language(visit.language if visit else None).code


def _public(response: HttpResponse, language: str) -> HttpResponse:
    response["Content-Language"] = language
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _context(visit: Visit, language: str) -> dict[str, Any]:
    # Only what the page may show: never the visit itself, so that no template can reach the
    # person or the concerns by accident.
    return {
        "status": status.ticket_status(visit),
        "token": visit.token,
        "language": language,
        "languages": NEWCOMER_LANGUAGES,
        "agency_name": visit.service_point.agency.name,
        "poll_seconds": POLL_SECONDS,
    }


@never_cache
def live_ticket(request: HttpRequest, token: str) -> HttpResponse:
    visit = _visit(token)
    language = _language(request, visit)
    with translation.override(language):
        if visit is None:
            response = render(
                request,
                "servicepoint/ticket/not_found.html",
                {"languages": NEWCOMER_LANGUAGES, "language": language},
                status=404,
            )
        else:
            response = render(request, "servicepoint/ticket/ticket.html", _context(visit, language))
    return _public(response, language)


@never_cache
def live_ticket_status(request: HttpRequest, token: str) -> HttpResponse:
    visit = _visit(token)
    if visit is None:
        raise Http404
    language = _language(request, visit)
    with translation.override(language):
        response = render(request, "servicepoint/ticket/ticket.html#status", _context(visit, language))
    return _public(response, language)


urlpatterns = [
    path("", live_ticket, name="live-ticket"),
    path("status/", live_ticket_status, name="live-ticket-status"),
]
