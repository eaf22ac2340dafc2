"""The newcomer's guide: texts about each service in every newcomer language (with their
translation status), opening hours and closures, the agency's directions and accessibility
settings, and feedback on accessibility.

German is the source language. A translation remembers a hash of the German text it was made
from (`source_hash`); when the German text changes, the translation is outdated until an editor
looks at it again, and the public pages show the German text with a notice meanwhile."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import Agency, Office
from kurzweg.languages import CHOICES as LANGUAGE_CHOICES
from kurzweg.servicepoint.models import Service

SOURCE_LANGUAGE = "de"


class ServiceText(models.Model):
    """What a newcomer reads about a service, in one language."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEWED = "reviewed", _("reviewed")

    # What an editor sees for a translation; `missing` and `outdated` are not stored.
    MISSING = "missing"
    OUTDATED = "outdated"

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    summary = models.TextField(_("what it is"))
    who_for = models.TextField(_("who it is for"), blank=True)
    documents = models.TextField(_("documents to bring"), blank=True, help_text=_("One document per line."))
    fees = models.TextField(_("fees"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Hash of the German text this translation was made from (empty for German itself).
    source_hash = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey("core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("service text")
        verbose_name_plural = _("service texts")
        constraints = [models.UniqueConstraint(fields=["service", "language"], name="service_text_once_per_language")]

    def __str__(self) -> str:
        return f"{self.service} ({self.language})"

    def content_hash(self) -> str:
        """A fingerprint of the text fields: for German rows, what translations compare against."""
        content = "\x1f".join((self.summary, self.who_for, self.documents, self.fees))
        return hashlib.sha256(content.encode()).hexdigest()

    def document_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.documents.splitlines() if line.strip(" -•\t")]

    def state(self, german: ServiceText | None) -> str:
        """draft, reviewed or outdated (the German text changed since this was translated)."""
        if self.language != SOURCE_LANGUAGE and german is not None and self.source_hash != german.content_hash():
            return self.OUTDATED
        return self.status


def text_state(text: ServiceText | None, german: ServiceText | None) -> str:
    return ServiceText.MISSING if text is None else text.state(german)


class AgencyGuide(models.Model):
    """The agency's settings for its public guide."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="guide")
    directions = models.TextField(
        _("how to get there (German)"), blank=True, help_text=_("Bus, train, parking, entrance; in German.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    accessibility_contact = models.EmailField(
        _("contact for accessibility feedback"), blank=True, help_text=_("Shown in the accessibility statement.")
    )
    statement_date = models.DateField(
        _("date of the accessibility statement"), null=True, blank=True, help_text=_("When it was last reviewed.")
    )
    enforcement_name = models.CharField(
        _("enforcement body"),
        max_length=200,
        default="Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG)",
    )
    enforcement_url = models.URLField(
        _("address of the enforcement body"), default="https://www.schlichtungsstelle-bgg.de/"
    )
    sign_language_video_url = models.URLField(
        _("video in German Sign Language"),
        blank=True,
        help_text=_("Address of a video file (MP4 or WebM) that explains the guide in German Sign Language."),
    )
    sign_language_captions_url = models.URLField(
        _("captions for the sign-language video"), blank=True, help_text=_("WebVTT file, optional.")
    )

    class Meta:
        verbose_name = _("guide settings")
        verbose_name_plural = _("guide settings")

    def __str__(self) -> str:
        return str(self.agency)


class OpeningHours(models.Model):
    """Hours on one weekday, for the whole house (no office) or for one office. Several rows
    on a day make split hours (8–12 and 13–16)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
        help_text=_("Empty: the whole house. An office with hours of its own uses only those."),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [models.CheckConstraint(condition=Q(opens__lt=models.F("closes")), name="opens_before_closes")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Closure(models.Model):
    """Days the house (or one office) is closed: public holidays, staff meetings, moves."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
        help_text=_("Empty: the whole house."),
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    reason = models.CharField(_("reason (German)"), max_length=200)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(condition=Q(first_day__lte=models.F("last_day")), name="closure_in_order")
        ]

    def __str__(self) -> str:
        return f"{self.first_day}–{self.last_day} {self.reason}"

    def covers(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day


class Feedback(models.Model):
    """A message sent through the accessibility statement's feedback form. The sender's
    address is stored only when they give one for an answer."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGE_CHOICES)
    page = models.CharField(_("page"), max_length=300, blank=True, help_text=_("Which page the feedback is about."))
    message = models.TextField(_("message"))
    contact = models.EmailField(_("e-mail for an answer"), blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    done = models.BooleanField(_("answered or settled"), default=False)

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M} ({self.language})"


class SlotClaim(models.Model):
    """A desk's quarter hour taken by a booked appointment: one row per 15 minutes the
    appointment lasts. The unique constraint is what makes double booking impossible, even
    for parallel requests: the second claim of the same desk and quarter hour fails in the
    database. Deleted when the appointment is cancelled (the quarter hours are free again)."""

    desk = models.ForeignKey("core.Desk", on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()
    appointment = models.ForeignKey("servicepoint.Appointment", on_delete=models.CASCADE, related_name="slot_claims")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["desk", "starts_at"], name="one_claim_per_desk_and_slot")]

    def __str__(self) -> str:
        return f"{self.desk_id} {self.starts_at:%Y-%m-%d %H:%M}"
