"""Rate limits count the visitor's address: REMOTE_ADDR, or behind trusted reverse proxies the
address the outermost of them forwarded — never an entry the client could have written."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from kurzweg.core.clients import client_address


def request(remote: str, forwarded: str | None = None):  # type: ignore[no-untyped-def]
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_header_is_ignored():
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.1", "198.51.100.1"),
        # The client wrote "6.6.6.6" itself; the proxy appended what it saw.
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        # Fewer entries than proxies: not set up as promised, so the direct peer counts.
        (2, "198.51.100.1", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_behind_trusted_proxies_the_forwarded_address_counts(proxies, forwarded, expected):
    with override_settings(KURZWEG_TRUSTED_PROXIES=proxies):
        assert client_address(request("10.0.0.1", forwarded)) == expected
