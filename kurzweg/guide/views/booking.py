"""Online booking in the newcomer's language: choose a slot, give a name and an e-mail
address or phone number, get a booking code for the kiosk, a calendar file and an e-mail;
cancel or rebook through the booking's own link.

The booking's address carries a signed token, never the booking code or personal data.
Abuse protection without a CAPTCHA: a honeypot field, a limit of bookings per client and hour
(hash of the address in the cache), and at most three booked future appointments per e-mail
address or phone number."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django import forms
from django.core.mail import EmailMessage
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kurzweg.core.clients import client_address
from kurzweg.servicepoint import clock
from kurzweg.servicepoint.models import Appointment, Service

from .. import booking, floorplan, ical, waits
from .common import Guide, guide_page, page


class BookingForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        required=False,
        max_length=254,
        help_text=gettext_lazy("We send you the confirmation and a calendar file."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"}),
    )
    # The honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_phone(self) -> str:
        phone: str = self.cleaned_data["phone"]
        if phone and len(booking.normalized_phone(phone).lstrip("+")) < 5:
            raise forms.ValidationError(gettext_lazy("Please enter a phone number with at least 5 digits."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone") and "email" not in self.errors:
            self.add_error("email", gettext_lazy("Please give an e-mail address or a phone number."))
        return data


def _service(guide: Guide, code: str) -> Service:
    found = (
        Service.objects.filter(agency=guide.agency, code=code, active=True, by_appointment=True)
        .select_related("office", "agency")
        .prefetch_related("names")
        .first()
    )
    if found is None:
        raise Http404
    return found


def _appointment(guide: Guide, token: str) -> Appointment:
    found = booking.from_token(token)
    if found is None or found.agency_id != guide.agency.pk:
        raise Http404
    return found


def _days(slots: list[booking.Slot]) -> list[tuple[Any, list[booking.Slot]]]:
    return [
        (day, list(group)) for day, group in itertools.groupby(slots, key=lambda s: timezone.localdate(s.starts_at))
    ]


def _chosen(request: HttpRequest) -> Any:
    return booking.parse_key(request.POST.get("slot", ""))


REFUSALS = {
    booking.BookingError.SLOT_TAKEN: gettext_lazy(
        "Sorry, someone else has just booked this time. Please choose another time."
    ),
    booking.BookingError.TOO_MANY: gettext_lazy(
        "You already have three booked appointments. Please cancel one before you book another."
    ),
    booking.BookingError.RATE_LIMITED: gettext_lazy(
        "We have received many bookings from you in a short time. Please try again in an hour, or call us."
    ),
    booking.BookingError.NOT_BOOKABLE: gettext_lazy("This appointment can no longer be changed."),
}


@require_http_methods(["GET", "HEAD", "POST"])
@guide_page
def book(request: HttpRequest, guide: Guide, code: str) -> HttpResponse:
    service = _service(guide, code)
    form = BookingForm(request.POST or None)
    status = 200
    slot_error = ""
    if request.method == "POST":
        starts_at = _chosen(request)
        if starts_at is None:
            slot_error = _("Please choose a time.")
        if form.is_valid() and starts_at is not None:
            if form.cleaned_data["website"]:
                # A bot filled the field people cannot see: nothing is booked.
                return redirect("guide:book", agency=guide.agency.slug, lang=guide.language.code, code=code)
            try:
                if not booking.client_allowed(client_address(request)):
                    raise booking.BookingError(booking.BookingError.RATE_LIMITED)
                service_point = waits.service_point_for(service)
                if service_point is None:
                    raise booking.BookingError(booking.BookingError.NOT_BOOKABLE)
                appointment = booking.book(
                    service,
                    service_point,
                    starts_at,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                    language=guide.language.code,
                )
            except booking.BookingError as refused:
                form.add_error(None, REFUSALS[refused.reason])
                status = 429 if refused.reason == booking.BookingError.RATE_LIMITED else 409
            else:
                send_confirmation(request, guide, appointment)
                return redirect(_url("guide:booking", guide, appointment))
        else:
            status = 400
    slots = booking.free_slots(service)
    context = {
        "service": service,
        "name": service.name_in(guide.language.code),
        "days": _days(slots),
        "chosen": request.POST.get("slot", ""),
        "form": form,
        "slot_error": slot_error,
        "minutes": booking.slot_minutes(service),
    }
    return page(request, guide, "guide/booking/book.html", context, status=status)


def _url(name: str, guide: Guide, appointment: Appointment) -> str:
    return reverse(
        name, kwargs={"agency": guide.agency.slug, "lang": guide.language.code, "token": booking.token_for(appointment)}
    )


def _facts(guide: Guide, appointment: Appointment) -> dict[str, Any]:
    service = appointment.service
    room = appointment.desk.room if appointment.desk else None
    return {
        "appointment": appointment,
        "service_name": service.name_in(guide.language.code),
        "office_label": floorplan.office_label(service.office),
        "room": room,
        "floor": floorplan.floor_label(room.floor) if room else "",
        "ends_at": appointment.starts_at + dt.timedelta(minutes=appointment.minutes),
        "service_url": reverse(
            "guide:service", kwargs={"agency": guide.agency.slug, "lang": guide.language.code, "code": service.code}
        ),
    }


@require_safe
@guide_page
def confirmation(request: HttpRequest, guide: Guide, token: str) -> HttpResponse:
    """The booking's own page: code for the kiosk, when and where, calendar file, cancel, rebook."""
    appointment = _appointment(guide, token)
    context = _facts(guide, appointment) | {
        "token": token,
        "booked": appointment.status == Appointment.Status.BOOKED,
        "cancelled": appointment.status == Appointment.Status.CANCELLED,
    }
    return page(request, guide, "guide/booking/confirmation.html", context)


def calendar_file(request: HttpRequest, guide: Guide, appointment: Appointment) -> bytes:
    facts = _facts(guide, appointment)
    manage = request.build_absolute_uri(_url("guide:booking", guide, appointment))
    room = facts["room"]
    where = f"{guide.agency.name}, {facts['office_label']}"
    if room is not None:
        where += f", {_('Room')} {room.number} ({facts['floor']})"
    if guide.agency.address:
        where += ", " + ", ".join(line.strip() for line in guide.agency.address.splitlines() if line.strip())
    description = "\n".join(
        [
            _("Your booking code: %(code)s") % {"code": appointment.code},
            _("Check in at the kiosk with this code when you arrive."),
            _("Cancel or change the appointment: %(url)s") % {"url": manage},
        ]
    )
    return ical.event(
        uid=f"appointment-{appointment.pk}-{appointment.code}@kurzweg",
        starts_at=appointment.starts_at,
        ends_at=facts["ends_at"],
        summary=f"{facts['service_name']} – {guide.agency.name}",
        location=where,
        description=description,
        url=manage,
        stamp=appointment.created_at or clock.now(),
        cancelled=appointment.status == Appointment.Status.CANCELLED,
    )


@require_safe
@guide_page
def calendar(request: HttpRequest, guide: Guide, token: str) -> HttpResponse:
    appointment = _appointment(guide, token)
    response = HttpResponse(calendar_file(request, guide, appointment), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    return response


def send_confirmation(request: HttpRequest, guide: Guide, appointment: Appointment) -> None:
    """The confirmation e-mail in the booking's language, with the calendar file. Contains
    only what the person typed (their name) and the booking itself."""
    if not appointment.email:
        return
    with translation.override(appointment.language):
        context = _facts(guide, appointment) | {
            "agency_name": guide.agency.name,
            "manage_url": request.build_absolute_uri(_url("guide:booking", guide, appointment)),
        }
        body = render_to_string("guide/booking/email.txt", context)
        message = EmailMessage(
            subject=_("Your appointment: %(service)s") % {"service": context["service_name"]},
            body=body,
            to=[appointment.email],
        )
        message.attach("appointment.ics", calendar_file(request, guide, appointment), "text/calendar")
        message.send(fail_silently=True)


@require_POST
@guide_page
def cancel(request: HttpRequest, guide: Guide, token: str) -> HttpResponse:
    appointment = _appointment(guide, token)
    booking.cancel(appointment)
    return redirect(_url("guide:booking", guide, appointment))


@require_http_methods(["GET", "HEAD", "POST"])
@guide_page
def rebook(request: HttpRequest, guide: Guide, token: str) -> HttpResponse:
    """Choose a new time: the old one is cancelled and the new one booked in one step."""
    appointment = _appointment(guide, token)
    error = ""
    status = 200
    if appointment.status != Appointment.Status.BOOKED:
        error = str(REFUSALS[booking.BookingError.NOT_BOOKABLE])
    elif request.method == "POST":
        starts_at = _chosen(request)
        try:
            if starts_at is None:
                raise booking.BookingError(booking.BookingError.SLOT_TAKEN)
            if not booking.client_allowed(client_address(request)):
                raise booking.BookingError(booking.BookingError.RATE_LIMITED)
            new = booking.rebook(appointment, starts_at)
        except booking.BookingError as refused:
            error = str(REFUSALS[refused.reason]) if starts_at is not None else _("Please choose a time.")
            status = 429 if refused.reason == booking.BookingError.RATE_LIMITED else 409
        else:
            send_confirmation(request, guide, new)
            return redirect(_url("guide:booking", guide, new))
    slots = booking.free_slots(appointment.service) if not error or status != 200 else []
    context = _facts(guide, appointment) | {
        "days": _days(slots),
        "chosen": request.POST.get("slot", ""),
        "error": error,
        "token": token,
    }
    return page(request, guide, "guide/booking/rebook.html", context, status=status)
