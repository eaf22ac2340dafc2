"""The kiosk: a touch screen in the entrance, no sign-in. Its address carries the service
point's device key (/sp/<key>/kiosk/); an unknown key is 404. A walk-in chooses a language,
then their concerns, and gets a ticket; an appointment holder checks in with the booking code
typed on an on-screen keypad.

A double tap must not issue two tickets. The concerns form carries a signed nonce made when the
page was shown; it becomes the new visit's token (the live ticket's secret), which is unique in
the database. A second submission of the same form finds the visit by it, or, if both arrive at
once, loses on the unique token and shows the first one's ticket. The page also disables its
button on submit, so that the second tap usually never leaves the kiosk. Reception's ticket form
uses the same `issue_once`."""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers

from kurzweg.languages import BY_CODE, NEWCOMER_LANGUAGES, Language

from .. import clock, printing, queue
from ..forms import KioskConcernsForm, by_office, walk_in_services
from ..models import UNAMBIGUOUS, Concern, Service, ServicePoint, Visit, new_ticket_token

NONCE_SALT = "kurzweg.servicepoint.kiosk"
NONCE_MAX_AGE = 60 * 60  # seconds a concerns page may stay open and still issue its ticket
RETURN_SECONDS = 30  # the ticket page goes back to the start after this (with a warning)
CODE_LENGTH = 12


def _service_point(key: str) -> ServicePoint:
    return get_object_or_404(ServicePoint.objects.select_related("agency"), device_key=key)


def _language(code: str) -> Language:
    if code not in BY_CODE:
        raise Http404
    return BY_CODE[code]


def _render(request: HttpRequest, language: str, template: str, context: dict[str, Any]) -> HttpResponse:
    """The page in the visitor's language; the public base sets lang and dir from it."""
    with translation.override(language):
        response = render(request, template, context)
    response["Content-Language"] = language
    add_never_cache_headers(response)  # a kiosk page is for the person in front of it, now
    return response


def _base(service_point: ServicePoint, key: str) -> dict[str, Any]:
    return {"service_point": service_point, "agency_name": service_point.agency.name, "key": key}


def start(request: HttpRequest, key: str) -> HttpResponse:
    service_point = _service_point(key)
    context = _base(service_point, key) | {"languages": NEWCOMER_LANGUAGES}
    return _render(request, "de", "servicepoint/kiosk/start.html", context)


def _tiles(services: Any, language: str) -> list[tuple[Any, list[dict[str, Any]]]]:
    known = set(Service.Pictogram.values)
    return [
        (
            office,
            [
                {
                    "service": s,
                    "name": s.name_in(language),
                    "pictogram": f"servicepoint/pictograms/{s.pictogram if s.pictogram in known else 'other'}.html",
                }
                for s in group
            ],
        )
        for office, group in by_office(services)
    ]


def new_nonce() -> str:
    """A token for the visit a form will issue, signed so that a client cannot choose it."""
    return signing.dumps(new_ticket_token(), salt=NONCE_SALT)


def issue_once(service_point: ServicePoint, nonce: str, services: list[Service], **kwargs: Any) -> Visit | None:
    """queue.issue_ticket, but once per form: the form's signed nonce becomes the visit's token,
    which is unique. A second submission finds the visit; two at once, the second waits for
    the ticket counter, then fails on the token and returns the first one's visit. None when
    the nonce is forged or too old."""
    try:
        token = signing.loads(nonce, salt=NONCE_SALT, max_age=NONCE_MAX_AGE)
    except signing.BadSignature:
        return None
    return queue.issue_ticket_once(service_point, token, services, **kwargs)


def concerns(request: HttpRequest, key: str, lang: str) -> HttpResponse:
    service_point = _service_point(key)
    language = _language(lang)
    expired = False
    if request.method == "POST":
        form = KioskConcernsForm(request.POST, service_point=service_point)
        if form.is_valid():
            visit = issue_once(
                service_point,
                form.cleaned_data["nonce"],
                list(form.cleaned_data["services"]),
                actor=None,
                language=language.code,
                source=Visit.Source.KIOSK,
            )
            if visit is not None:
                return redirect("servicepoint:kiosk-ticket", key, visit.token)
            expired = True
        selected = request.POST.getlist("services")
    else:
        form = KioskConcernsForm(service_point=service_point)
        selected = []
    context = _base(service_point, key) | {
        "language": language,
        "groups": _tiles(walk_in_services(service_point), language.code),
        "errors": form.errors.get("services"),
        "expired": expired,
        "selected": selected,
        "nonce": new_nonce(),
    }
    return _render(request, language.code, "servicepoint/kiosk/concerns.html", context)


def _typed(code: str) -> str:
    code = code.strip().upper().replace(" ", "").replace("-", "")
    return code[:CODE_LENGTH]


def checkin(request: HttpRequest, key: str, lang: str) -> HttpResponse:
    """Booking code on the on-screen keypad. With JavaScript the keys type into the field; without
    it each key is a submit button, and the page comes back with the key added."""
    service_point = _service_point(key)
    language = _language(lang)
    code, error = "", ""
    if request.method == "POST":
        code = _typed(request.POST.get("code", ""))
        press = request.POST.get("press", "")
        if press == "back":
            code = code[:-1]
        elif press == "clear":
            code = ""
        elif press in UNAMBIGUOUS and len(press) == 1:
            code = _typed(code + press)
        elif not code:
            error = "empty"
        else:
            try:
                visit = queue.check_in(service_point, code, language=language.code)
            except queue.QueueError as refused:
                error = str(refused)
            else:
                return redirect("servicepoint:kiosk-ticket", key, visit.token)
    context = _base(service_point, key) | {
        "language": language,
        "code": code,
        "error": error,
        "keys": UNAMBIGUOUS,
    }
    return _render(request, language.code, "servicepoint/kiosk/checkin.html", context)


def _visit(service_point: ServicePoint, token: str) -> Visit:
    """Today's visit of this service point with this token: a kiosk shows nothing older."""
    return get_object_or_404(
        Visit.objects.select_related("service_point").prefetch_related(
            Prefetch("concerns", Concern.objects.select_related("service").prefetch_related("service__names"))
        ),
        service_point=service_point,
        token=token,
        day=clock.today(),
    )


def ticket(request: HttpRequest, key: str, token: str) -> HttpResponse:
    service_point = _service_point(key)
    visit = _visit(service_point, token)
    url = request.build_absolute_uri(f"/t/{visit.token}/")
    with translation.override(visit.language):
        qr = printing.qr_svg(url, translation.gettext("QR code: link to your ticket on your phone"))
    context = _base(service_point, key) | {
        "visit": visit,
        "concerns": [c.service.name_in(visit.language) for c in visit.concerns.all()],
        "qr": qr,
        "return_seconds": RETURN_SECONDS,
        "start_url": reverse("servicepoint:kiosk", args=[key]),
    }
    return _render(request, visit.language, "servicepoint/kiosk/ticket.html", context)


def print_ticket(request: HttpRequest, key: str, token: str) -> HttpResponse:
    service_point = _service_point(key)
    visit = _visit(service_point, token)
    response = printing.render_receipt(
        request, visit, back_url=reverse("servicepoint:kiosk-ticket", args=[key, visit.token])
    )
    add_never_cache_headers(response)
    return response


urlpatterns: list[URLPattern] = [
    path("", start, name="kiosk"),
    path("ticket/<str:token>/", ticket, name="kiosk-ticket"),
    path("ticket/<str:token>/print/", print_ticket, name="kiosk-print"),
    path("<str:lang>/", concerns, name="kiosk-concerns"),
    path("<str:lang>/check-in/", checkin, name="kiosk-checkin"),
]
