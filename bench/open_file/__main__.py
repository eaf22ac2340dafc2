"""python -m bench.open_file [options]: see the package docstring or --help."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
