"""Request guards that run before any view."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

SIGNED_IN_AT = "kurzweg_signed_in_at"
LAST_SEEN_AT = "kurzweg_last_seen_at"
LAST_SEEN_RESOLUTION_SECONDS = 60


class StaffSessionExpiryMiddleware:
    """Ends a staff session 30 minutes after the last request or 10 hours after sign-in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
            last_seen_at = request.session.get(LAST_SEEN_AT, now)
            idle = now - last_seen_at > settings.STAFF_SESSION_IDLE_SECONDS
            too_old = now - signed_in_at > settings.STAFF_SESSION_ABSOLUTE_SECONDS
            if idle or too_old:
                logout(request)
                messages.info(request, _("Your session has expired. Please sign in again."))
                return redirect_to_login(request.path)
            # Saving the session costs a database write; once a minute is precise enough for a
            # 30-minute limit and keeps that write off most requests.
            # A page polling in the background (a desk's queue) is not the staff member at work:
            # it must not keep an abandoned session alive.
            polling = request.headers.get("X-Kurzweg-Poll") == "1"
            if not polling and (
                now - last_seen_at >= LAST_SEEN_RESOLUTION_SECONDS or LAST_SEEN_AT not in request.session
            ):
                request.session[LAST_SEEN_AT] = now
        return self.get_response(request)


class AgencyMiddleware:
    """Puts the signed-in staff member's agency on the request. Every query for agency data
    filters by it, so objects of other agencies are simply not found (404)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        request.agency = getattr(user, "agency", None) if user.is_authenticated else None  # type: ignore[attr-defined]
        return self.get_response(request)


class GermanByDefaultMiddleware:
    """The staff interface is German unless the user chooses English (language cookie); the
    browser's Accept-Language is not asked, so a workstation with an English browser still
    shows the office's language. Placed before LocaleMiddleware. The newcomer's guide keeps the
    header: it suggests the visitor's language from it (guide/views/common.py)."""

    BROWSER_LANGUAGE_PATHS = ("/guide/",)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(self.BROWSER_LANGUAGE_PATHS):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class StaffLanguageMiddleware:
    """Staff pages speak German or English only. A newcomer language chosen on a public page
    of the same browser (a language cookie) falls back to German there. Placed after
    LocaleMiddleware; newcomer pages (settings.PUBLIC_PATH_PREFIXES) choose their own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.staff_codes = {code for code, _name in settings.STAFF_LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(settings.PUBLIC_PATH_PREFIXES):
            if translation.get_language() not in self.staff_codes:
                translation.activate(settings.LANGUAGE_CODE)
                request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)
