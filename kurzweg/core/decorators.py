from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails

from .models import Agency, User


def staff_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in as a staff member (every user belongs to an agency). Kept as its own
    decorator so that further staff-wide checks have one place."""
    return login_required(view)


class StaffRequest(HttpRequest):
    """The request a staff view sees after `staff_required`: for type checking only."""

    user: User  # type: ignore[assignment]
    agency: Agency
    htmx: HtmxDetails
