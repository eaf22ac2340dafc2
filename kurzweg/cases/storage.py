"""Where documents are kept: a directory outside the web root (setting KURZWEG_DOCUMENTS_DIR,
default VAR_DIR/documents), one file per document under a random name. The uploaded file
name is never used on disk, so names like "../../etc/passwd" are harmless. The type of a file
is told from its first bytes, never from its name or from what the browser says it is."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# Magic bytes of the accepted types.
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
SIGNATURES = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}


def documents_dir() -> Path:
    configured = getattr(settings, "KURZWEG_DOCUMENTS_DIR", None)
    if configured:
        return Path(configured)
    return Path(getattr(settings, "VAR_DIR", Path(settings.BASE_DIR) / "var")) / "documents"


def max_bytes() -> int:
    return int(getattr(settings, "KURZWEG_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def detect_type(head: bytes) -> str | None:
    """PDF, JPEG or PNG by the file's first bytes; None for anything else."""
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def clean_name(name: str, content_type: str) -> str:
    """A harmless name to offer for the download: no directories, no control characters, and
    the extension that fits the content."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\- ]", "_", base).strip(" .")[:150]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem or 'document'}{EXTENSIONS[content_type]}"


def path_of(storage_name: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{64}", storage_name):
        raise ValueError("not a storage name")
    return documents_dir() / storage_name


def store(chunks: Iterator[bytes]) -> tuple[str, str]:
    """Write the chunks to a new file under a random name; return the name and the SHA-256."""
    token = secrets.token_hex(32)
    storage_name = f"{token[:2]}/{token}"
    path = path_of(storage_name)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest = hashlib.sha256()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return storage_name, digest.hexdigest()


def remove(storage_name: str) -> None:
    path_of(storage_name).unlink(missing_ok=True)
