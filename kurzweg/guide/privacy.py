"""The guide's part of data protection (kurzweg/privacy/registry.py): how long accessibility
feedback (with the sender's e-mail, if given) is kept. Online bookings are service point
appointments (kurzweg/servicepoint/privacy.py). Feedback names no person of the registry, so
it is not part of a person's export; a request by e-mail address is answered from the
administration's feedback list."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from kurzweg.privacy import registry

from .models import Feedback


def _apply_feedback(agency_id: int, cutoff: datetime.datetime, dry_run: bool) -> int:
    return registry.delete_rows(Feedback.objects.filter(agency_id=agency_id, received_at__lt=cutoff), dry_run)


registry.register_rule(
    registry.RetentionRule(
        kind="guide.feedback",
        label=_("accessibility feedback, with the sender's e-mail address"),
        action=registry.DELETED,
        default_days=2 * 365,
        basis=_(
            "Kept for the periodic accessibility report to the monitoring body (§ 12b BGG and the "
            "state laws); two years by default."
        ),
        apply=_apply_feedback,
    )
)
