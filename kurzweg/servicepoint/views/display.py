"""The call display: a full-screen page on a big screen in the waiting area. No sign-in: the
device key in the address (ServicePoint.device_key) is the secret; a wrong key is a 404.

The page polls `calls/?after=<last id>` every second (display.js) and shows, chimes and
announces each new call. Only ticket numbers, rooms and desks are shown — no personal data.

Operators: run the display in Chromium's kiosk mode with sound allowed without a click, e.g.
`chromium --kiosk --autoplay-policy=no-user-gesture-required https://…/sp/<key>/display/`;
otherwise press "Activate sound" once after the page has loaded. `?announce=de,en` chooses the
languages of the spoken announcement (default German), `?announce=` switches speech off."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kurzweg.languages import BY_CODE

from .. import status
from ..models import ServicePoint

DISPLAY_LANGUAGE = "de"
DEFAULT_ANNOUNCE = ("de",)
# The language the browser's speech synthesis is asked for.
SPEECH_LANGUAGES = {"de": "de-DE", "de-ls": "de-DE", "en": "en-GB"}


def _service_point(key: str) -> ServicePoint:
    return get_object_or_404(ServicePoint.objects.select_related("agency"), device_key=key)


def _announce_languages(request: HttpRequest) -> list[str]:
    if "announce" not in request.GET:
        return list(DEFAULT_ANNOUNCE)
    codes = [c.strip() for c in request.GET["announce"].split(",")]
    return [c for c in dict.fromkeys(codes) if c in BY_CODE]


def _announcements(languages: list[str]) -> list[dict[str, str]]:
    """What is said for a call, per language: a template the page fills in."""
    result = []
    for code in languages:
        with translation.override(code):
            result.append(
                {
                    "lang": SPEECH_LANGUAGES.get(code, code),
                    # Translators: spoken on the call display; keep the placeholders.
                    "text": _("Ticket {ticket}, room {room}, {desk}"),
                }
            )
    return result


@never_cache
def display(request: HttpRequest, key: str) -> HttpResponse:
    service_point = _service_point(key)
    calls = status.recent_calls(service_point)
    with translation.override(DISPLAY_LANGUAGE):
        config = {
            "calls": calls,
            "announce": _announcements(_announce_languages(request)),
            "labels": {
                "room": _("Room"),
                "floor": _("floor %(floor)s"),
                "live": _("Ticket {ticket}, room {room}, {desk}"),
            },
        }
        response = render(
            request,
            "servicepoint/display/display.html",
            {
                "service_point": service_point,
                "agency_name": service_point.agency.name,
                "newest": calls[0] if calls else None,
                "previous": calls[1:],
                "config": config,
            },
        )
    response["Content-Language"] = DISPLAY_LANGUAGE
    return response


@never_cache
def display_calls(request: HttpRequest, key: str) -> JsonResponse:
    service_point = _service_point(key)
    try:
        after = int(request.GET["after"]) if request.GET.get("after") else None
    except ValueError:
        after = None
    return JsonResponse({"calls": status.recent_calls(service_point, after)})


urlpatterns = [
    path("", display, name="display"),
    path("calls/", display_calls, name="display-calls"),
]
