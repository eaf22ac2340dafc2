"""The administration ("Verwaltung"): offices, rooms, desks, staff, roles and legal bases of
the administrator's own agency. Persons are deliberately not here: personal data is reached
only through the access policy in the staff pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Desk, LegalBasis, Membership, Office, Role, Room, User

SCOPED_FOREIGN_KEYS = {"office", "room", "role", "reader_office", "section_office"}


class AgencyAdminSite(admin.AdminSite):
    site_header = _("Kurzweg administration")
    site_title = _("Kurzweg administration")
    index_title = _("Offices, staff and roles")
    enable_nav_sidebar = False

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_authenticated and user.can("may_administer"))  # type: ignore[union-attr]


site = AgencyAdminSite(name="admin")


class AgencyScoped:
    """Administrators see and change only their own agency's rows."""

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        qs = super().get_queryset(request)  # type: ignore[misc]
        field = "user__agency" if qs.model is Membership else "agency"
        return qs.filter(**{field: request.user.agency_id})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name in SCOPED_FOREIGN_KEYS:
            kwargs["queryset"] = db_field.related_model.objects.filter(agency_id=request.user.agency_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    # The administrator's role is the permission; Django's per-model permissions are not used.
    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return site.has_permission(request)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return site.has_permission(request)


class AgencyScopedAdmin(AgencyScoped, admin.ModelAdmin):
    exclude = ("agency",)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        obj.agency_id = request.user.agency_id
        super().save_model(request, obj, form, change)


@admin.register(Office, site=site)
class OfficeAdmin(AgencyScopedAdmin):
    list_display = ("name", "code", "kind", "legal_area", "has_section")
    search_fields = ("name", "code")


@admin.register(Room, site=site)
class RoomAdmin(AgencyScopedAdmin):
    list_display = ("number", "floor", "office")
    list_filter = ("floor",)
    list_select_related = ("office",)


@admin.register(Desk, site=site)
class DeskAdmin(AgencyScopedAdmin):
    list_display = ("name", "room", "office")
    list_select_related = ("room", "office")


@admin.register(Role, site=site)
class RoleAdmin(AgencyScopedAdmin):
    list_display = (
        "name",
        "code",
        "may_read_section",
        "may_read_special_categories",
        "may_view_access_log",
        "may_administer",
    )


@admin.register(LegalBasis, site=site)
class LegalBasisAdmin(AgencyScopedAdmin):
    list_display = ("reader_office", "section_office", "reference", "covers_special_categories")
    list_select_related = ("reader_office", "section_office")


@admin.register(ApiToken, site=site)
class ApiTokenAdmin(AgencyScopedAdmin):
    """Tokens are issued with `kurzweg create-api-token` (shown once); here they are listed and
    revoked."""

    list_display = ("name", "prefix", "acts_as", "created_at", "last_used_at", "revoked_at")
    fields = ("name", "acts_as", "revoked_at")
    readonly_fields = ("name", "acts_as")

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


class MembershipInline(AgencyScoped, admin.StackedInline):  # stacked: every field has its label
    model = Membership
    extra = 1


@admin.register(User, site=site)
class StaffAdmin(AgencyScoped, UserAdmin):
    list_display = ("username", "last_name", "first_name", "email", "is_active")
    list_filter = ("is_active",)
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    add_fieldsets = ((None, {"fields": ("username", "first_name", "last_name", "email", "password1", "password2")}),)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        obj.agency_id = request.user.agency_id
        super().save_model(request, obj, form, change)
