"""The service point: the catalogue of services (Anliegen) offices offer at their desks, visits
with their tickets and concerns, desk sessions, calls for the displays, appointments.

A visit is one visitor's stay in the house with one ticket for all their concerns; each concern
is served at a desk of the office that offers the service. Which desk calls whom is decided by
`routing.py` (pure, also used by the simulation); the changes are made in `queue.py`."""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import Agency, Desk, Office, Room, User
from kurzweg.languages import CHOICES as LANGUAGE_CHOICES

# Booking codes and device keys avoid characters that are confused when read aloud or typed
# on a kiosk (0/O, 1/I/L).
UNAMBIGUOUS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_device_key() -> str:
    return secrets.token_urlsafe(24)


def new_ticket_token() -> str:
    # 128 bits: the live ticket page is reached without signing in, so the link must not be
    # guessable from the ticket number or from another ticket's link.
    return secrets.token_urlsafe(16)


def new_booking_code() -> str:
    return "".join(secrets.choice(UNAMBIGUOUS) for _ in range(8))


class ServicePoint(models.Model):
    """A place where visitors wait and are called: a building's waiting area with its rooms.
    Ticket numbers are unique per service point and day."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="service_points")
    name = models.CharField(_("name"), max_length=200)
    ticket_prefix = models.CharField(
        _("ticket prefix"), max_length=3, default="A", help_text=_("Letter(s) before the ticket number, e.g. B → B-047")
    )
    rooms = models.ManyToManyField(Room, verbose_name=_("rooms"), related_name="service_points", blank=True)
    device_key = models.CharField(
        _("device key"),
        max_length=64,
        unique=True,
        default=new_device_key,
        help_text=_("Secret part of the kiosk and call display addresses. Change it to lock out old devices."),
    )
    printer_host = models.CharField(
        _("receipt printer host"),
        max_length=200,
        blank=True,
        help_text=_("Network thermal printer (ESC/POS, raw TCP), e.g. 10.0.4.21. Empty: print from the browser."),
    )
    printer_port = models.PositiveIntegerField(_("receipt printer port"), default=9100)

    class Routing(models.TextChoices):
        ROUTED = "routed", _("routed: several queues at once, place kept across concerns")
        FIXED_ORDER = "fixed-order", _("fixed order: concerns one after the other, each queue in turn")

    routing = models.CharField(_("routing"), max_length=20, choices=Routing.choices, default=Routing.ROUTED)

    class Meta:
        verbose_name = _("service point")
        verbose_name_plural = _("service points")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def desks(self) -> models.QuerySet[Desk]:
        return Desk.objects.filter(agency_id=self.agency_id, room__service_points=self)


class Service(models.Model):
    """A service an office offers to visitors (Leistung); a visitor's concern (Anliegen) is one."""

    class Pictogram(models.TextChoices):
        RESIDENCE = "residence", _("Residence permit")
        PASSPORT = "passport", _("Passport and documents")
        MONEY = "money", _("Benefits and money")
        HOUSE = "house", _("Housing")
        WORK = "work", _("Work")
        LANGUAGE = "language", _("Language course")
        CHILD = "child", _("Children and family")
        SCHOOL = "school", _("School and qualifications")
        COUNSEL = "counsel", _("Counselling")
        SPORT = "sport", _("Sports")
        HELP = "help", _("Volunteers and help")
        OTHER = "other", _("Other")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="services")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="services", verbose_name=_("office"))
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name (German)"), max_length=200)
    expected_minutes = models.PositiveSmallIntegerField(_("expected duration (minutes)"), default=15)
    walk_in = models.BooleanField(_("without appointment"), default=True)
    by_appointment = models.BooleanField(_("by appointment"), default=False)
    desks = models.ManyToManyField(Desk, verbose_name=_("desks"), related_name="services", blank=True)
    pictogram = models.CharField(_("pictogram"), max_length=20, choices=Pictogram.choices, default=Pictogram.OTHER)
    comes_before = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="comes_after",
        blank=True,
        verbose_name=_("must be done before"),
        help_text=_("When a visitor has both concerns, this one is served first."),
    )
    leika_key = models.CharField(_("LeiKa key"), max_length=14, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["office__name", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="service_code_unique_per_agency")]

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> str:
        """The name in a newcomer's language, German when it has none. Uses prefetched names."""
        if language == "de":
            return self.name
        for translated in self.names.all():
            if translated.language == language:
                return translated.name
        return self.name


class ServiceName(models.Model):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("name in another language")
        verbose_name_plural = _("names in other languages")
        constraints = [models.UniqueConstraint(fields=["service", "language"], name="service_name_once_per_language")]

    def __str__(self) -> str:
        return self.name


class TicketCounter(models.Model):
    """The last ticket number given out per service point and day. Incremented under a row
    lock, so that parallel check-ins neither share nor skip a number."""

    service_point = models.ForeignKey(ServicePoint, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service_point", "day"], name="one_counter_per_day")]


class Visit(models.Model):
    """One visitor's stay in the house, with one ticket for all their concerns."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        AT_DESK = "at_desk", _("called or at a desk")
        PARKED = "parked", _("stepped out")
        DONE = "done", _("done")
        NO_SHOW = "no_show", _("did not come")
        CLOSED = "closed", _("closed at day end")
        OVERNIGHT = "overnight", _("parked overnight")

    class Source(models.TextChoices):
        RECEPTION = "reception", _("reception")
        KIOSK = "kiosk", _("kiosk")
        APPOINTMENT = "appointment", _("appointment check-in")

    ACTIVE = (Status.WAITING, Status.AT_DESK, Status.PARKED)

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    service_point = models.ForeignKey(ServicePoint, on_delete=models.PROTECT, related_name="visits")
    day = models.DateField()
    number = models.PositiveIntegerField()
    prefix = models.CharField(max_length=3)
    token = models.CharField(max_length=32, unique=True, default=new_ticket_token)
    # Either a registered person or an anonymous walk-in known by a first name only.
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="visits")
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="de")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.RECEPTION)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING, db_index=True)
    # The visit's place in every queue: the time the ticket was issued. Hand-overs keep it.
    priority_at = models.DateTimeField()
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Waiting time shown at ticket issue (minutes until the first call), kept to measure how
    # good the estimates are.
    estimated_wait_minutes = models.PositiveIntegerField(null=True, blank=True)
    first_called_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The desk that has the visitor right now: set with a compare-and-swap so that two desks
    # never get the same visitor.
    current_desk = models.ForeignKey(Desk, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service_point", "day", "number"], name="ticket_number_unique_per_day"),
        ]
        indexes = [models.Index(fields=["service_point", "day", "status"])]

    def __str__(self) -> str:
        return self.ticket

    @property
    def ticket(self) -> str:
        return self.format_ticket(self.prefix, self.number)

    @staticmethod
    def format_ticket(prefix: str, number: int) -> str:
        # Also for lists read as plain values (the desk's queue).
        return f"{prefix}-{number:03d}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Appointment(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        CHECKED_IN = "checked_in", _("checked in")
        CANCELLED = "cancelled", _("cancelled")
        MISSED = "missed", _("missed")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    service_point = models.ForeignKey(ServicePoint, on_delete=models.PROTECT, related_name="appointments")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="appointments")
    desk = models.ForeignKey(Desk, on_delete=models.SET_NULL, null=True, blank=True, related_name="appointments")
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    code = models.CharField(_("booking code"), max_length=12, unique=True, default=new_booking_code)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES, default="de")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.BOOKED)
    visit = models.ForeignKey(Visit, on_delete=models.SET_NULL, null=True, blank=True, related_name="appointments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} {self.service}"


class Concern(models.Model):
    """One of a visit's concerns: a service to be done at a desk of the office offering it."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        CALLED = "called", _("called")
        SERVING = "serving", _("at the desk")
        DONE = "done", _("done")
        NO_SHOW = "no_show", _("did not come")
        CANCELLED = "cancelled", _("cancelled")

    OPEN = (Status.WAITING, Status.CALLED, Status.SERVING)

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="concerns")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0, help_text="order in which reception recorded it")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING)
    appointment = models.ForeignKey(Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # When the concern joined its office's queue (ticket issue, or a hand-over).
    queued_at = models.DateTimeField()
    # A hand-over during a visit: who added it, from which office, and why.
    handed_over_from = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    handed_over_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    handover_note = models.TextField(blank=True)
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    served_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    called_at = models.DateTimeField(null=True, blank=True)
    arrived_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    calls = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.visit} {self.service.code}"


OPEN_SESSION = Q(ended_at__isnull=True)


class DeskSession(models.Model):
    """A staff member working at a desk. One open session per desk and per staff member."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    desk = models.ForeignKey(Desk, on_delete=models.CASCADE, related_name="sessions")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="desk_sessions")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    # The concern called or served at this desk right now.
    current = models.ForeignKey(Concern, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["desk"], condition=Q(ended_at__isnull=True), name="one_open_session_per_desk"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(ended_at__isnull=True), name="one_open_session_per_user"
            ),
        ]


class Call(models.Model):
    """A call shown on the displays: the id grows, so displays ask for calls after the last
    one they showed (`queue._announce` makes the ids visible in that order)."""

    class Kind(models.TextChoices):
        CALL = "call", _("call")
        RECALL = "recall", _("call again")

    id = models.BigAutoField(primary_key=True)
    service_point = models.ForeignKey(ServicePoint, on_delete=models.CASCADE, related_name="calls")
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="calls")
    desk = models.ForeignKey(Desk, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CALL)

    class Meta:
        indexes = [models.Index(fields=["service_point", "id"])]
