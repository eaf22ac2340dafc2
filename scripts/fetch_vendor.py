#!/usr/bin/env python3
"""Fetch the pinned third-party front-end files and verify them.

Standard library only (Python 3.11+); npm is not needed at run time.

For each pinned package the npm tarball is downloaded from the public npm
registry, its sha512 Subresource-Integrity value (``npm view PKG@VER
dist.integrity``) is checked against the value hard-coded below, and only
the listed files are extracted, byte-for-byte unmodified.  The sha256 of
every extracted file is recorded in ``scripts/vendor.lock.json``.

Usage (from anywhere; paths are relative to the repository root):

    python scripts/fetch_vendor.py                # fetch + verify + extract
    python scripts/fetch_vendor.py --check        # offline: verify files on disk
    python scripts/fetch_vendor.py --update-lock  # fetch + extract + rewrite lock

Without ``--update-lock`` a fetch fails (and writes nothing) if an extracted
file's sha256 differs from the lock file.  If no lock file exists yet, it is
created.  ``--check`` exits with status 1 and lists every missing or
mismatching file.

To bump a package: change ``version``, ``url`` and ``integrity`` below (take
them from ``npm view PKG@VER dist.tarball dist.integrity``), run with
``--update-lock``, review the diff, and update kurzweg/static/vendor/README.md.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import io
import json
import os
import posixpath
import re
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
LOCK_PATH = REPO_ROOT / "scripts" / "vendor.lock.json"
LOCK_FORMAT = 1
HTTP_TIMEOUT = 60  # seconds


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    license: str
    url: str
    integrity: str  # SRI string, "sha512-<base64>"
    dest: str  # destination directory, relative to the repository root
    # path inside the tarball (without the leading "package/") -> path below dest
    files: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"


_FIRA_SANS = [
    # Exactly the faces referenced by dist/fonts/fira-sans.css (weights 300-700).
    "FiraSans-Light",
    "FiraSans-LightItalic",
    "FiraSans-Regular",
    "FiraSans-Italic",
    "FiraSans-Medium",
    "FiraSans-MediumItalic",
    "FiraSans-SemiBold",
    "FiraSans-SemiBoldItalic",
    "FiraSans-Bold",
    "FiraSans-BoldItalic",
]

PACKAGES: list[Package] = [
    Package(
        name="@kern-ux/native",
        version="2.7.2",
        license="EUPL-1.2",
        url="https://registry.npmjs.org/@kern-ux/native/-/native-2.7.2.tgz",
        integrity=("sha512-TN0Mqbasp7S1IOqurXickde8MDj5hIcgT4s3f1i33wyv2iVgA1dTO/FoQyi6rgM9KYTYkIthl9k72g7fBUUvHg=="),
        dest="kurzweg/static/vendor/kern-ux",
        files={
            # kern.min.css is the complete bundle (core + grid + utilities);
            # its icons are inline data: URIs, it has no @font-face rules.
            "dist/kern.min.css": "kern.min.css",
            # The font CSS references ./fira-sans/*.woff2 relative to itself.
            "dist/fonts/fira-sans.css": "fonts/fira-sans.css",
            **{f"dist/fonts/fira-sans/{face}.woff2": f"fonts/fira-sans/{face}.woff2" for face in _FIRA_SANS},
            "LICENSE.md": "LICENSE.md",
        },
    ),
    Package(
        name="htmx.org",
        version="2.0.11",
        license="0BSD",
        url="https://registry.npmjs.org/htmx.org/-/htmx.org-2.0.11.tgz",
        integrity=("sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA=="),
        dest="kurzweg/static/vendor/htmx",
        files={
            "dist/htmx.min.js": "htmx.min.js",
            "LICENSE": "LICENSE",
        },
    ),
    Package(
        name="axe-core",
        version="4.14.1",
        license="MPL-2.0",
        url="https://registry.npmjs.org/axe-core/-/axe-core-4.14.1.tgz",
        integrity=("sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="),
        dest="tests/vendor/axe-core",
        files={
            "axe.min.js": "axe.min.js",
            "LICENSE": "LICENSE",
            "LICENSE-3RD-PARTY.txt": "LICENSE-3RD-PARTY.txt",
        },
    ),
]


class VendorError(Exception):
    """A failure that should end the script with a message and exit status 1."""


# --------------------------------------------------------------------------- #
# helpers
# --------------------------------------------------------------------------- #


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def verify_sri(data: bytes, integrity: str, what: str) -> None:
    """Check ``data`` against an SRI string such as ``sha512-<base64>``."""
    algo, _, expected_b64 = integrity.partition("-")
    if algo != "sha512" or not expected_b64:
        raise VendorError(f"{what}: unsupported integrity value {integrity!r}")
    actual_b64 = base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")
    if actual_b64 != expected_b64:
        raise VendorError(
            f"{what}: tarball integrity mismatch\n  expected sha512-{expected_b64}\n  actual   sha512-{actual_b64}"
        )


def download(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "kurzweg-fetch-vendor/1", "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
            return response.read()
    except (urllib.error.URLError, OSError) as exc:
        raise VendorError(f"download failed: {url}: {exc}") from exc


def extract_members(pkg: Package, tarball: bytes) -> dict[str, bytes]:
    """Return {repo-relative destination path: file bytes} for ``pkg.files``."""
    wanted = dict(pkg.files)
    found: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as tar:
        for member in tar:
            # npm tarballs put everything below one top-level directory
            # (normally "package/"); strip it.
            parts = member.name.split("/", 1)
            if len(parts) != 2 or parts[1] not in wanted:
                continue
            inner = parts[1]
            if not member.isfile():
                raise VendorError(f"{pkg.key}: {inner} is not a regular file in the tarball")
            fh = tar.extractfile(member)
            assert fh is not None
            found[posixpath.join(pkg.dest, wanted[inner])] = fh.read()
            del wanted[inner]
    if wanted:
        raise VendorError(f"{pkg.key}: not found in tarball: " + ", ".join(sorted(wanted)))
    return found


_CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""")


def check_css_references(files: dict[str, bytes]) -> None:
    """Every relative url(...) in an extracted CSS file must be extracted too."""
    problems = []
    for path, data in files.items():
        if not path.endswith(".css"):
            continue
        for match in _CSS_URL_RE.finditer(data.decode("utf-8")):
            ref = match.group(2)
            if re.match(r"^(data:|[a-z][a-z0-9+.-]*:|//|#)", ref, re.IGNORECASE):
                continue
            ref = ref.split("#", 1)[0].split("?", 1)[0]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(path), ref))
            if target not in files:
                problems.append(f"{path}: url({ref}) -> {target} (not extracted)")
    if problems:
        raise VendorError("unresolved CSS references:\n  " + "\n  ".join(problems))


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# --------------------------------------------------------------------------- #
# lock file
# --------------------------------------------------------------------------- #


def expected_paths() -> set[str]:
    return {posixpath.join(pkg.dest, dest) for pkg in PACKAGES for dest in pkg.files.values()}


def build_lock(files: dict[str, bytes]) -> dict:
    packages = {}
    for pkg in PACKAGES:
        own = {
            posixpath.join(pkg.dest, dest): sha256_hex(files[posixpath.join(pkg.dest, dest)])
            for dest in pkg.files.values()
        }
        packages[pkg.key] = {
            "license": pkg.license,
            "tarball": pkg.url,
            "integrity": pkg.integrity,
            "files": dict(sorted(own.items())),
        }
    return {"lockfileVersion": LOCK_FORMAT, "packages": packages}


def load_lock() -> dict[str, str] | None:
    """Return {repo-relative path: sha256} from the lock file, or None if absent."""
    if not LOCK_PATH.exists():
        return None
    try:
        lock = json.loads(LOCK_PATH.read_text(encoding="utf-8"))
        if lock.get("lockfileVersion") != LOCK_FORMAT:
            raise VendorError(f"{rel(LOCK_PATH)}: unsupported lockfileVersion")
        hashes: dict[str, str] = {}
        for entry in lock["packages"].values():
            hashes.update(entry["files"])
        return hashes
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise VendorError(f"{rel(LOCK_PATH)}: malformed lock file: {exc}") from exc


def write_lock(files: dict[str, bytes]) -> None:
    text = json.dumps(build_lock(files), indent=2, ensure_ascii=False) + "\n"
    write_atomic(LOCK_PATH, text.encode("utf-8"))


def rel(path: Path) -> str:
    try:
        return path.relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- #
# modes
# --------------------------------------------------------------------------- #


def cmd_check() -> int:
    """Offline verification of the files on disk against the lock file."""
    lock = load_lock()
    if lock is None:
        raise VendorError(f"{rel(LOCK_PATH)} does not exist; run scripts/fetch_vendor.py first")
    problems: list[str] = []
    for path in sorted(expected_paths() - set(lock)):
        problems.append(f"not in lock file: {path} (run with --update-lock)")
    for path, expected in sorted(lock.items()):
        full = REPO_ROOT / path
        if not full.is_file():
            problems.append(f"missing:  {path}")
            continue
        actual = sha256_hex(full.read_bytes())
        if actual != expected:
            problems.append(f"mismatch: {path}\n            expected {expected}\n            actual   {actual}")
    for path in sorted(set(lock) - expected_paths()):
        print(
            f"warning: {path} is in the lock file but no longer pinned in the script",
            file=sys.stderr,
        )
    for dest in sorted({pkg.dest for pkg in PACKAGES}):
        base = REPO_ROOT / dest
        if base.is_dir():
            for extra in sorted(p for p in base.rglob("*") if p.is_file()):
                if rel(extra) not in lock:
                    print(
                        f"warning: unexpected file not in lock: {rel(extra)}",
                        file=sys.stderr,
                    )
    if problems:
        print(f"vendor check FAILED ({len(problems)} problem(s)):", file=sys.stderr)
        for line in problems:
            print(f"  {line}", file=sys.stderr)
        print("Re-fetch with: python scripts/fetch_vendor.py", file=sys.stderr)
        return 1
    print(f"vendor check OK: {len(lock)} files match {rel(LOCK_PATH)}")
    return 0


def cmd_fetch(update_lock: bool) -> int:
    files: dict[str, bytes] = {}
    for pkg in PACKAGES:
        print(f"fetching {pkg.key} ... ", end="", flush=True)
        try:
            tarball = download(pkg.url)
            verify_sri(tarball, pkg.integrity, pkg.key)
            files.update(extract_members(pkg, tarball))
        except VendorError:
            print("FAILED")
            raise
        print(f"ok ({len(tarball):,} bytes, integrity verified)")
    check_css_references(files)

    lock = None if update_lock else load_lock()
    if lock is not None:
        problems = []
        for path, data in sorted(files.items()):
            expected = lock.get(path)
            actual = sha256_hex(data)
            if expected is None:
                problems.append(f"not in lock file: {path}")
            elif expected != actual:
                problems.append(f"mismatch: {path}\n            lock     {expected}\n            fetched  {actual}")
        if problems:
            print(
                "fetched files do not match the lock file; nothing written:",
                file=sys.stderr,
            )
            for line in problems:
                print(f"  {line}", file=sys.stderr)
            print(
                "If the pins were changed on purpose, rerun with --update-lock.",
                file=sys.stderr,
            )
            return 1

    for path, data in sorted(files.items()):
        write_atomic(REPO_ROOT / path, data)
    total = sum(len(d) for d in files.values())
    print(f"wrote {len(files)} files ({total:,} bytes)")
    if lock is None:
        write_lock(files)
        print(f"wrote {rel(LOCK_PATH)}")
    else:
        print(f"all files match {rel(LOCK_PATH)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fetch pinned vendor files from the npm registry and verify them.")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="only verify files on disk against scripts/vendor.lock.json (no network)",
    )
    mode.add_argument(
        "--update-lock",
        action="store_true",
        help="fetch and extract, then rewrite scripts/vendor.lock.json",
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            return cmd_check()
        return cmd_fetch(update_lock=args.update_lock)
    except VendorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
