"""A small stand-in for the ClamAV daemon, speaking the real INSTREAM protocol over TCP or a Unix
socket: it reports FOUND for the EICAR test string and OK for anything else."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading

EICAR_MARK = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


class FakeClamd:
    def __init__(self, unix_path: str | None = None) -> None:
        if unix_path:
            self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.server.bind(unix_path)
        else:
            self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            self.server.bind(("127.0.0.1", 0))
        self.server.listen(4)
        self.address = self.server.getsockname()
        self.commands: list[bytes] = []
        self.received: list[bytes] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        return int(self.address[1])

    def _serve(self) -> None:
        while True:
            try:
                conn, _addr = self.server.accept()
            except OSError:
                return
            with conn:
                self._handle(conn)

    @staticmethod
    def _read(conn: socket.socket, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = conn.recv(size - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def _handle(self, conn: socket.socket) -> None:
        command = b""
        while not command.endswith(b"\0"):
            command += self._read(conn, 1)
        self.commands.append(command)
        if command != b"zINSTREAM\0":
            conn.sendall(b"UNKNOWN COMMAND\0")
            return
        stream = b""
        while True:
            (length,) = struct.unpack("!L", self._read(conn, 4))
            if length == 0:
                break
            stream += self._read(conn, length)
        self.received.append(stream)
        if EICAR_MARK in stream:
            conn.sendall(b"stream: Win.Test.EICAR_HDB-1 FOUND\0")
        else:
            conn.sendall(b"stream: OK\0")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
