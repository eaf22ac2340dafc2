"""The guide in the administration: settings (directions, accessibility contact, sign-language
video), opening hours, closures, and the accessibility feedback staff read and settle."""

from __future__ import annotations

from django.contrib import admin

from kurzweg.core.admin import AgencyScopedAdmin, site

from .models import AgencyGuide, Closure, Feedback, OpeningHours

# AgencyScopedAdmin keeps every list to the administrator's agency and offers only its offices.


@admin.register(AgencyGuide, site=site)
class AgencyGuideAdmin(AgencyScopedAdmin):
    pass


@admin.register(OpeningHours, site=site)
class OpeningHoursAdmin(AgencyScopedAdmin):
    list_display = ("weekday", "opens", "closes", "office")
    list_filter = ("weekday",)


@admin.register(Closure, site=site)
class ClosureAdmin(AgencyScopedAdmin):
    list_display = ("first_day", "last_day", "reason", "office")
    date_hierarchy = "first_day"


@admin.register(Feedback, site=site)
class FeedbackAdmin(AgencyScopedAdmin):
    list_display = ("received_at", "language", "page", "done")
    list_filter = ("done", "language")
    readonly_fields = ("received_at", "language", "page", "message", "contact")
    fields = ("received_at", "language", "page", "message", "contact", "done")

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False  # feedback comes from the public form only
