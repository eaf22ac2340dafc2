"""The accessibility statement (Erklärung zur Barrierefreiheit, BITV 2.0 § 12a BGG) with its
feedback form.

The form is protected against abuse without a CAPTCHA (which would exclude blind visitors):
a honeypot field that people do not see and bots fill in, and a limit of messages per client
and hour kept in the cache. The cache key is a hash of the client address; the address itself
is neither stored nor logged."""

from __future__ import annotations

import hashlib

from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kurzweg.core.clients import client_address
from kurzweg.servicepoint.models import Service

from ..forms import FeedbackForm
from ..models import Feedback
from ..texts import coverage
from .common import Guide, guide_page, page

PER_CLIENT_PER_HOUR = 5
PER_AGENCY_PER_DAY = 200  # a flood from many addresses still cannot fill the database


def _client_key(request: HttpRequest) -> str:
    address = client_address(request)
    return "guide:feedback:client:" + hashlib.sha256(address.encode()).hexdigest()[:24]


def _allowed(key: str, limit: int, seconds: int) -> bool:
    """Counts one more attempt under `key`; False once the limit is reached. In the cache all
    server processes share: per process, each would allow the limit again."""
    cache = caches["shared"]
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count <= limit


@require_http_methods(["GET", "HEAD", "POST"])
@guide_page
def statement(request: HttpRequest, guide: Guide) -> HttpResponse:
    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            # A bot filled the field people cannot see: it gets the thank-you, nothing is stored.
            return redirect(f"{request.path}?sent=1#feedback")
        client_ok = _allowed(_client_key(request), PER_CLIENT_PER_HOUR, 3600)
        agency_ok = client_ok and _allowed(f"guide:feedback:agency:{guide.agency.pk}", PER_AGENCY_PER_DAY, 86400)
        if client_ok and agency_ok:
            Feedback.objects.create(
                agency=guide.agency,
                language=guide.language.code,
                page=form.cleaned_data["page"],
                message=form.cleaned_data["message"],
                contact=form.cleaned_data["contact"],
            )
            return redirect(f"{request.path}?sent=1#feedback")
        form.add_error(
            None,
            _(
                "We have received many messages from you in a short time. "
                "Please try again in an hour, or write to us by e-mail."
            ),
        )
        status = 429
    elif request.method == "POST":
        status = 400
    services = Service.objects.filter(agency=guide.agency, active=True).prefetch_related("texts")
    covered = coverage(services)
    context = {
        "form": form,
        "sent": request.GET.get("sent") == "1",
        "translations_complete": covered.every_language,
        "easy_read_complete": covered.easy_read,
    }
    return page(request, guide, "guide/accessibility.html", context, status=status)
