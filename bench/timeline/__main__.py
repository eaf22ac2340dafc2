"""python -m bench.timeline [options]: see bench/README.md or --help."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
