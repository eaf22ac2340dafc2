#!/bin/sh
# The browser tests drive Debian's Chromium. Install it when it is missing and we may
# (root, or password-less sudo); otherwise say what to do — the tests then fail, not skip.
set -e
CHROMIUM="${KURZWEG_CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi
    if [ "$SUDO" != none ]; then
        echo "Installing Debian's chromium for the browser tests ..."
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null
        exit 0
    fi
fi
echo "Chromium is missing: install Debian's 'chromium' package (or set KURZWEG_CHROMIUM to a Chromium binary)." >&2
echo "The browser tests will fail until then." >&2
