"""Sign-in: Django's model backend, refusing demo accounts outside demo mode."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from .models import User


class StaffBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(user, "is_demo", False) and not settings.DEMO_MODE:
            return False
        return super().user_can_authenticate(user)

    def get_user(self, user_id: Any) -> Any:
        # With the agency in the same query: AgencyMiddleware puts it on every staff request.
        user = User.objects.select_related("agency").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
