"""The agency (tenant), its offices, rooms and desks, staff, roles, legal bases and the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from collections.abc import Iterable


class Agency(models.Model):
    """One migration agency. Every other row belongs to exactly one agency."""

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name


class Office(models.Model):
    """An office in the house. Each keeps its own legal responsibility and its own section
    of a person's file."""

    class Kind(models.TextChoices):
        AUSLAENDERBEHOERDE = "abh", _("Foreigners authority")
        ASYLBLG = "asylblg", _("Asylum seekers' benefits")
        UNTERKUNFT = "unterkunft", _("Accommodation management")
        INTEGRATION = "integration", _("Integration")
        JOBCENTER = "jobcenter", _("Jobcenter")
        AGENTUR_FUER_ARBEIT = "afa", _("Federal employment agency")
        WIRTSCHAFTSAMT = "wirtschaft", _("Economic development")
        JUGENDAMT = "jugendamt", _("Youth welfare office")
        VHS = "vhs", _("Adult education centre")
        BILDUNG = "bildung", _("Education coordination")
        SPORT = "sport", _("County sports association")
        EHRENAMT = "ehrenamt", _("Volunteer coordination")
        EINGANGSZONE = "empfang", _("Reception")
        LEITUNG = "leitung", _("Management")
        OTHER = "other", _("Other")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="offices")
    code = models.SlugField(_("code"), max_length=30, help_text=_("Short code used in addresses."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    name = models.CharField(_("name"), max_length=200)
    legal_area = models.CharField(_("legal area"), max_length=100, blank=True, help_text=_("e.g. AufenthG, SGB II"))
    # Reception and management have no section of their own in a person's file.
    has_section = models.BooleanField(_("keeps a section in the person file"), default=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="office_code_unique_per_agency")]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="rooms")
    office = models.ForeignKey(Office, on_delete=models.SET_NULL, null=True, blank=True, related_name="rooms")
    floor = models.SmallIntegerField(_("floor"), help_text=_("0 = ground floor"))
    number = models.CharField(_("room number"), max_length=20)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["floor", "number"]
        constraints = [models.UniqueConstraint(fields=["agency", "number"], name="room_number_unique_per_agency")]

    def __str__(self) -> str:
        return self.number


class Desk(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="desks")
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="desks")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="desks")
    name = models.CharField(_("name"), max_length=50, help_text=_("as shown on call displays, e.g. 'Platz 3'"))

    class Meta:
        verbose_name = _("desk")
        verbose_name_plural = _("desks")
        ordering = ["room__floor", "room__number", "name"]

    def __str__(self) -> str:
        return f"{self.room} / {self.name}"


class Role(models.Model):
    """What a staff member may do within an office. Roles are rows, so administrators can
    add their own; the capability flags are what the access policy reads."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="roles")
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    may_register_persons = models.BooleanField(_("may register and edit persons"), default=True)
    may_read_section = models.BooleanField(_("may read the office's section"), default=True)
    may_write_section = models.BooleanField(_("may write in the office's section"), default=True)
    may_read_special_categories = models.BooleanField(
        _("may read special categories (health, asylum reasons, religion)"), default=False
    )
    may_record_consent = models.BooleanField(_("may record and withdraw consents"), default=True)
    may_view_access_log = models.BooleanField(_("may see who looked at a file"), default=False)
    may_oversee_all = models.BooleanField(
        _("data protection oversight: sees every consent and the whole access log"), default=False
    )
    may_administer = models.BooleanField(_("may manage offices, staff, roles and legal bases"), default=False)
    may_steward_data = models.BooleanField(_("may review duplicates and merge persons"), default=False)
    may_issue_tickets = models.BooleanField(_("may issue tickets at reception"), default=False)
    may_view_statistics = models.BooleanField(_("may see service point statistics and close the day"), default=False)
    may_edit_content = models.BooleanField(_("may edit the guide's texts"), default=False)
    may_override_consent = models.BooleanField(
        _("may pass data by a referral without the person's consent (with a reason, audited)"), default=False
    )
    # Acting on data protection (export everything about a person, request and approve deletions)
    # is kept apart from oversight (reading): an agency may give oversight to an auditor alone.
    may_handle_data_protection = models.BooleanField(
        _("data protection: subject access exports, deletion requests and approvals"), default=False
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="role_code_unique_per_agency")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. Belongs to exactly one agency; works in offices through memberships."""

    # No staff member without an agency, not even an operator: the agency is the tenant boundary.
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="staff")
    # Demo accounts have published passwords; the auth backend refuses them outside demo mode.
    is_demo = models.BooleanField(default=False, editable=False)

    REQUIRED_FIELDS = ["email", "agency"]

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def memberships_with(self, capability: str) -> Iterable[Membership]:
        return [m for m in self.active_memberships() if getattr(m.role, capability)]

    def active_memberships(self) -> list[Membership]:
        # Cached per request object: the policy asks several times while rendering one page.
        cache = getattr(self, "_memberships_cache", None)
        if cache is None:
            cache = list(self.memberships.select_related("office", "role"))
            self._memberships_cache = cache
        return cache

    def can(self, capability: str) -> bool:
        return any(getattr(m.role, capability) for m in self.active_memberships())

    @property
    def offices(self) -> list[Office]:
        return [m.office for m in self.active_memberships()]


class Membership(models.Model):
    """A staff member works in an office with a role."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="memberships")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "office"], name="one_role_per_office")]

    def __str__(self) -> str:
        return f"{self.user} – {self.office} ({self.role})"


class LegalBasis(models.Model):
    """A provision of law under which one office may read another office's section of every
    person's file, e.g. the Jobcenter reading the residence data of the foreigners authority."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="legal_bases")
    reader_office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="+", verbose_name=_("reading office")
    )
    section_office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="+", verbose_name=_("section of office")
    )
    reference = models.CharField(_("legal reference"), max_length=200, help_text=_("e.g. § 87 Abs. 1 AufenthG"))
    description = models.TextField(_("description"), blank=True)
    covers_special_categories = models.BooleanField(_("covers special categories"), default=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")

    def __str__(self) -> str:
        return f"{self.reader_office} → {self.section_office}: {self.reference}"


class ApiToken(models.Model):
    """A bearer token for another system (kiosk, display, an office's own software). It acts as
    a staff account, so the access policy applies to it unchanged: give that account exactly the
    memberships the system needs. Only a hash is stored; the token is shown once."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("which system uses it"))
    acts_as = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("acts as"))
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("Audit entries cannot be changed.")

    def delete(self):  # type: ignore[no-untyped-def]
        raise PermissionError("Audit entries cannot be deleted through the application.")


class AuditEntry(models.Model):
    """Who did what with whose data, when, and on which basis. Written in the same transaction
    as the read or change it records; never changed afterwards (a database trigger refuses
    UPDATE as well)."""

    class Action(models.TextChoices):
        OPEN_FILE = "open_file", _("opened the file")
        READ_SECTION = "read_section", _("read a section")
        DENIED = "denied", _("was refused access")
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        SEARCH = "search", _("searched")
        READ_ACCESS_LOG = "read_access_log", _("read the access log")
        SIGN_IN = "sign_in", _("signed in")
        EXPORT = "export", _("exported everything stored about the person")

    id = models.BigAutoField(primary_key=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+", null=True)
    # Persons may be deleted when their retention ends; the trail of who read them stays.
    person_id = models.UUIDField(null=True, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    section_office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, related_name="+")
    acting_office = models.ForeignKey(Office, on_delete=models.PROTECT, null=True, related_name="+")
    # Why: the basis the access policy granted (own office, legal reference, consent), or
    # for a change, which record and which fields changed — names only, never the values.
    reason = models.CharField(max_length=300, blank=True)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    fields = models.JSONField(default=list, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["agency", "person_id", "-at"], name="audit_person_at")]

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.pk is not None:
            raise PermissionError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise PermissionError("Audit entries cannot be deleted through the application.")

    @property
    def reason_display(self) -> str:
        from .audit import reason_display

        return reason_display(self.reason)
