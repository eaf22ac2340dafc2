"""The address a request comes from, for rate limits only (hashed there; never stored or logged)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR; behind reverse proxies (KURZWEG_TRUSTED_PROXIES = how many), the address the
    outermost trusted proxy saw, which is that many entries from the right of X-Forwarded-For.
    Behind a proxy, REMOTE_ADDR is the proxy's own address, so every visitor would share one
    limit. Entries further left are written by the client and can be forged, so they never count."""
    hops = settings.KURZWEG_TRUSTED_PROXIES
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(request.META.get("REMOTE_ADDR", ""))
