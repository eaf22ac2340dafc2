"""What the core app contributes: the retention of the audit log. (core must not import other
apps, so its part is registered here.)"""

from __future__ import annotations

import datetime

from django.db import connection
from django.utils.translation import gettext_lazy as _

from kurzweg.core.models import AuditEntry

from . import registry


def _apply_audit(agency_id: int, cutoff: datetime.datetime, dry_run: bool) -> int:
    old = AuditEntry.objects.filter(agency_id=agency_id, at__lt=cutoff)
    count = old.count()
    if count and not dry_run:
        # The application refuses to delete audit entries (AuditQuerySet.delete); the retention
        # job is the one place that may, and does so with SQL (docs/architecture.md, Audit).
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {AuditEntry._meta.db_table} WHERE agency_id = %s AND at < %s",  # noqa: S608
                [agency_id, cutoff],
            )
    return count


registry.register_rule(
    registry.RetentionRule(
        kind="core.audit_entry",
        label=_("access log entries (who read or changed what)"),
        action=registry.DELETED,
        default_days=2 * 365,
        basis=_(
            "Log data serve data protection checks only; kept until the end of the year after the "
            "access at the least (§ 76 BDSG and the state data protection acts), two years by default."
        ),
        apply=_apply_audit,
    )
)
