"""Issuing and checking API tokens (hash stored, token shown once)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken, User

LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user: User, name: str) -> tuple[ApiToken, str]:
    token = "kzw_" + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        agency_id=user.agency_id, name=name, acts_as=user, prefix=token[4:12], digest=_digest(token)
    )
    return row, token


def user_for(token: str) -> User | None:
    """The active staff account a valid, unrevoked token acts as; None otherwise."""
    row = (
        ApiToken.objects.select_related("acts_as")
        .filter(digest=_digest(token), revoked_at__isnull=True, acts_as__is_active=True)
        .first()
    )
    if row is None or row.acts_as.agency_id != row.agency_id:
        return None
    now = timezone.now()
    # A write per request would cost every search a commit; the admin's "last used" needs
    # minutes, not milliseconds (as the staff session's last-seen time).
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.acts_as
