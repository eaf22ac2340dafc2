"""A client for the ClamAV daemon (clamd), speaking its INSTREAM protocol over TCP or a Unix
socket. Configured by the settings (or environment variables) CLAMD_SOCKET, or CLAMD_HOST and
CLAMD_PORT; without them no scanner is configured and uploads are not scanned.

The protocol: send "zINSTREAM\\0", then the file in chunks, each prefixed with its length as a
4-byte big-endian unsigned integer, then a zero-length chunk. clamd answers one line, ended by
NUL: "stream: OK", "stream: <signature> FOUND" or "... ERROR".
"""

from __future__ import annotations

import os
import socket
import struct
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

CHUNK = 64 * 1024
TIMEOUT = 30.0  # seconds


class ScannerError(RuntimeError):
    """The scanner could not be reached or did not answer properly: the upload is refused."""


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str = ""


def _setting(name: str) -> str:
    """The Django setting when there is one (settings.py reads the environment), else the
    environment variable itself."""
    if hasattr(settings, name):
        return str(getattr(settings, name) or "")
    return os.environ.get(name, "")


@dataclass(frozen=True)
class Clamd:
    host: str = ""
    port: int = 3310
    unix_socket: str = ""

    def _connect(self) -> socket.socket:
        try:
            if self.unix_socket:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                sock.settimeout(TIMEOUT)
                sock.connect(self.unix_socket)
                return sock
            return socket.create_connection((self.host, self.port), timeout=TIMEOUT)
        except OSError as error:
            raise ScannerError(f"clamd not reachable: {error}") from error

    def scan(self, chunks: Iterable[bytes]) -> ScanResult:
        with self._connect() as sock:
            try:
                sock.sendall(b"zINSTREAM\0")
                for chunk in chunks:
                    for start in range(0, len(chunk), CHUNK):
                        piece = chunk[start : start + CHUNK]
                        sock.sendall(struct.pack("!L", len(piece)) + piece)
                sock.sendall(struct.pack("!L", 0))
                answer = b""
                while not answer.endswith(b"\0"):
                    data = sock.recv(4096)
                    if not data:
                        break
                    answer += data
            except OSError as error:
                raise ScannerError(f"clamd did not answer: {error}") from error
        return parse_answer(answer.rstrip(b"\0").decode("utf-8", "replace").strip())


def parse_answer(answer: str) -> ScanResult:
    if answer.endswith(" OK"):
        return ScanResult(True)
    if answer.endswith(" FOUND"):
        signature = answer.rsplit(":", 1)[-1].removesuffix(" FOUND").strip()
        return ScanResult(False, signature)
    raise ScannerError(f"clamd: unexpected answer {answer[:200]!r}")


def configured_scanner() -> Clamd | None:
    """The configured scanner, or None when none is configured."""
    unix_socket = _setting("CLAMD_SOCKET")
    if unix_socket:
        return Clamd(unix_socket=unix_socket)
    host = _setting("CLAMD_HOST")
    if host:
        return Clamd(host=host, port=int(_setting("CLAMD_PORT") or 3310))
    return None
