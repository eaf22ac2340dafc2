"""Retention periods per agency, the runs of the retention job, and requests to delete a whole
person (four eyes: the requester cannot approve)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import Agency

from . import registry


class RetentionPeriod(models.Model):
    """An agency's own period for one kind of record (registry.RetentionRule.kind); without a
    row the rule's default applies."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of record"), max_length=60)
    days = models.PositiveIntegerField(_("kept for (days)"))
    active = models.BooleanField(_("applied by the daily job"), default=True)
    note = models.CharField(_("why this period"), max_length=300, blank=True, help_text=_("e.g. the provision"))

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="retention_period_once_per_kind")]

    def __str__(self) -> str:
        rule = registry.rule(self.kind)
        return str(rule.label) if rule else self.kind

    def clean(self) -> None:
        rule = registry.rule(self.kind)
        if rule is None:
            raise ValidationError({"kind": _("Unknown kind of record.")})
        if self.days < 1:
            raise ValidationError({"days": _("Keep records for at least one day.")})


class RetentionRun(models.Model):
    """One run of `apply_retention` for one agency, with what it did (no personal data)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    dry_run = models.BooleanField(default=False)
    # [{"kind": ..., "action": "deleted"|"anonymised", "days": N, "cutoff": iso, "count": N}, ...]
    lines = models.JSONField(default=list)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-id"]

    @property
    def total(self) -> int:
        return sum(line["count"] for line in self.lines)


class DeletionRequest(models.Model):
    """A request to delete everything stored about a person. One authorised staff member asks,
    a different one approves; approval deletes at once. The row stays as the record that a
    deletion happened: the person's id (a random number that names no one), the ground, who
    asked and who approved, and what was deleted — the free-text note is cleared on decision."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("waiting for approval")
        DONE = "done", _("approved and deleted")
        REJECTED = "rejected", _("rejected")
        CANCELLED = "cancelled", _("withdrawn by the requester")

    class Ground(models.TextChoices):
        # Art. 17(1) GDPR
        NOT_NEEDED = "not_needed", _("no longer needed for its purpose (Art. 17(1)(a))")
        CONSENT_WITHDRAWN = "consent", _("consent withdrawn, no other basis (Art. 17(1)(b))")
        OBJECTION = "objection", _("the person objected (Art. 17(1)(c))")
        UNLAWFUL = "unlawful", _("processed unlawfully (Art. 17(1)(d))")
        LEGAL_OBLIGATION = "obligation", _("deletion required by law (Art. 17(1)(e))")

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Kept after the deletion: matches the person's audit entries, names no one.
    person_ref = models.UUIDField(db_index=True)
    ground = models.CharField(_("ground"), max_length=12, choices=Ground.choices)
    note = models.TextField(_("note for the approver"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # [{"what": "cases.document", "action": "deleted", "count": 2}, ...]
    outcome = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            # Four eyes, in the database too: whoever asked cannot be the one who approved.
            models.CheckConstraint(
                condition=~Q(status="done") | (Q(decided_by__isnull=False) & ~Q(decided_by=F("requested_by"))),
                name="deletion_approved_by_another",
            ),
            models.UniqueConstraint(
                fields=["agency", "person_ref"], condition=Q(status="requested"), name="one_open_deletion_request"
            ),
        ]

    @property
    def total(self) -> int:
        return sum(line["count"] for line in self.outcome)
