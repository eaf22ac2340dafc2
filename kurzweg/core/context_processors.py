from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def kurzweg(request: HttpRequest) -> dict[str, Any]:
    user: Any = getattr(request, "user", None)
    staff = user is not None and user.is_authenticated
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "STAFF_LANGUAGES": settings.STAFF_LANGUAGES,
        "agency": getattr(request, "agency", None),
        "user_may_administer": bool(staff and user.can("may_administer")),
        "user_may_register": bool(staff and user.can("may_register_persons")),
        "user_may_steward": bool(staff and user.can("may_steward_data")),
        "user_may_issue_tickets": bool(staff and user.can("may_issue_tickets")),
        "user_may_view_statistics": bool(staff and user.can("may_view_statistics")),
        "user_may_edit_content": bool(staff and user.can("may_edit_content")),
        "user_may_handle_data_protection": bool(staff and user.can("may_handle_data_protection")),
    }
