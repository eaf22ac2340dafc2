"""The service point in the administration: service points, the catalogue of services (with
their names in the newcomer languages, the desks that serve them and which must come first),
and appointments. Administrators of the agency only (`may_administer`); every list, every
choice in a form and every save stays within the administrator's own agency."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from kurzweg.core.admin import AgencyScoped, AgencyScopedAdmin, site
from kurzweg.core.models import Office

from .models import Appointment, Service, ServiceName, ServicePoint


def _has_agency(model: type[models.Model]) -> bool:
    return any(f.name == "agency" for f in model._meta.get_fields())


class OwnAgencyChoices:
    """Every choice of a related row (office, room, desk, service, service point) is limited
    to the administrator's agency, for foreign keys and many-to-many fields alike."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if _has_agency(db_field.related_model):
            kwargs["queryset"] = db_field.related_model.objects.filter(agency_id=request.user.agency_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if _has_agency(db_field.related_model):
            kwargs["queryset"] = db_field.related_model.objects.filter(agency_id=request.user.agency_id)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class OwnAgencyAdmin(OwnAgencyChoices, AgencyScopedAdmin):
    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change, **kwargs)
        agency_id = request.user.agency_id

        class WithAgency(form):  # type: ignore[valid-type,misc]
            # The agency is not a form field; set it before validation so that the per-agency
            # uniqueness checks below see it.
            def __init__(self, *args: Any, **kw: Any) -> None:
                super().__init__(*args, **kw)
                self.instance.agency_id = agency_id

        return WithAgency


@admin.register(ServicePoint, site=site)
class ServicePointAdmin(OwnAgencyAdmin):
    list_display = ("name", "ticket_prefix", "routing", "printer_host")
    filter_horizontal = ("rooms",)
    fields = ("name", "ticket_prefix", "rooms", "routing", "printer_host", "printer_port", "device_key")


class ServiceNameInline(AgencyScoped, admin.TabularInline):
    model = ServiceName
    extra = 1

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        # The names belong to a service of the agency; they have no agency of their own.
        return admin.TabularInline.get_queryset(self, request).filter(service__agency_id=request.user.agency_id)


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = (
            "office",
            "code",
            "name",
            "pictogram",
            "position",
            "active",
            "expected_minutes",
            "walk_in",
            "by_appointment",
            "desks",
            "comes_before",
            "leika_key",
        )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        taken = Service.objects.filter(agency_id=self.instance.agency_id, code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another service has this code already."))
        return str(code)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk and any(s.pk == self.instance.pk for s in data.get("comes_before") or []):
            self.add_error("comes_before", _("A service cannot come before itself."))
        return data


class OfficeFilter(admin.SimpleListFilter):
    """Django's own filter for a foreign key would list every agency's offices."""

    title = _("office")
    parameter_name = "office"

    def lookups(self, request: Any, model_admin: Any) -> list[tuple[str, str]]:
        offices = Office.objects.filter(agency_id=request.user.agency_id, services__isnull=False).distinct()
        return [(str(o.pk), o.name) for o in offices]

    def queryset(self, request: Any, queryset: Any) -> Any:
        value = self.value()
        return queryset.filter(office_id=value) if value and value.isdigit() else queryset


@admin.register(Service, site=site)
class ServiceAdmin(OwnAgencyAdmin):
    form = ServiceForm
    list_display = ("name", "code", "office", "expected_minutes", "walk_in", "by_appointment", "active")
    list_filter = (OfficeFilter, "walk_in", "by_appointment", "active")
    list_select_related = ("office",)
    search_fields = ("name", "code")
    filter_horizontal = ("desks", "comes_before")
    inlines = [ServiceNameInline]
    fieldsets = (
        (None, {"fields": ("office", "code", "name", "pictogram", "position", "active")}),
        (_("How it is offered"), {"fields": ("expected_minutes", "walk_in", "by_appointment", "desks")}),
        (_("Order and catalogue"), {"fields": ("comes_before", "leika_key")}),
    )


@admin.register(Appointment, site=site)
class AppointmentAdmin(OwnAgencyAdmin):
    """Appointments as booked; the person is linked by reception and the visit by check-in,
    so neither is chosen here."""

    list_display = ("starts_at", "service", "desk", "status", "code")
    list_filter = ("status",)
    list_select_related = ("service", "desk", "desk__room")
    date_hierarchy = "starts_at"
    search_fields = ("code",)  # the booking code, never the booker's name
    fields = (
        "service_point",
        "service",
        "desk",
        "starts_at",
        "minutes",
        "name",
        "email",
        "phone",
        "language",
        "status",
        "code",
    )
    readonly_fields = ("code",)
